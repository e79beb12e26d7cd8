package io.ffnn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class JacobiansTest {

  /** A linear map a = M z with a fixed non-symmetric M, whose Jacobian is M itself. */
  static class Linear implements Activation {
    static final DMatrixRMaj M = new DMatrixRMaj(2, 2, true, 1, 2, 3, 4);

    @Override
    public String name() {
      return "linear_map";
    }

    @Override
    public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
      org.ejml.dense.row.CommonOps_DDRM.mult(M, Z, A);
    }

    @Override
    public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
      jac.setTo(M);
    }
  }

  @Test
  void multipliesEachColumnByTheTransposedJacobian() {
    DMatrixRMaj Z = new DMatrixRMaj(2, 2, true, 0.5, -1, 2, 0.25);
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    Linear g = new Linear();
    g.forward(Z, A);
    // columns of dA: (1, 10) and (-2, 5); Mᵀ = [[1, 3], [2, 4]]
    DMatrixRMaj dA = new DMatrixRMaj(2, 2, true, 1, -2, 10, 5);
    DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
    g.backward(Z, A, dA, dZ);
    // column 0: (1 + 30, 2 + 40); column 1: (-2 + 15, -4 + 20)
    assertArrayEquals(new double[] {31, 13, 42, 16}, dZ.data, 0.0);
  }

  @Test
  void rejectsMismatchedShapesAndBadJacobians() {
    DMatrixRMaj Z = new DMatrixRMaj(2, 3);
    DMatrixRMaj A = new DMatrixRMaj(2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Jacobians.backward(new Linear(), Z, A, new DMatrixRMaj(2, 2), new DMatrixRMaj(1, 1)));
    assertTrue(e.getMessage().contains("Z is 2x3 but dA is 2x2"), e.getMessage());

    Activation wrongSize = new Linear() {
      @Override
      public void jacobian(DMatrixRMaj z, DMatrixRMaj a, int column, DMatrixRMaj jac) {
        jac.reshape(3, 2);
      }
    };
    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> Jacobians.backward(wrongSize, Z, A, new DMatrixRMaj(2, 3), new DMatrixRMaj(1, 1)));
    assertTrue(s.getMessage().contains("jacobian() produced 3x2, expected 2x2"), s.getMessage());
  }
}

package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.Activation;
import org.ejml.data.DMatrixRMaj;

/** Shared assertions of the activation tests. */
final class ActivationAssertions {

  private ActivationAssertions() {}

  /** {@code g} of a column vector {@code z}. */
  static double[] apply(Activation g, double... z) {
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(new DMatrixRMaj(z.length, 1, true, z), A);
    assertEquals(z.length, A.numRows);
    assertEquals(1, A.numCols);
    return A.data.clone();
  }

  /** Forward, Jacobian and backward at ±1000 (and 0) are finite. */
  static void finiteAtExtremes(Activation g) {
    DMatrixRMaj Z = new DMatrixRMaj(3, 2, true, 1000, -1000, -1000, 1000, 0, 0);
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
    g.backward(Z, A, new DMatrixRMaj(3, 2, true, 1, 1, 1, 1, 1, 1), dZ);
    DMatrixRMaj jac = new DMatrixRMaj(1, 1);
    g.jacobian(Z, A, 0, jac);
    for (DMatrixRMaj M : new DMatrixRMaj[] {A, dZ, jac}) {
      for (int k = 0; k < M.getNumElements(); k++) {
        assertTrue(Double.isFinite(M.data[k]), g.name() + ": " + M);
      }
    }
  }
}

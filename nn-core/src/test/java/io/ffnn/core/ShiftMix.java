package io.ffnn.core;

import io.ffnn.api.Activation;
import org.ejml.data.DMatrixRMaj;

/**
 * A test-only activation with a non-symmetric Jacobian: {@code a[p] = z[p] + ½ tanh(z[p+1])}
 * (indices mod n), so {@code ∂a[p]/∂z[p] = 1} and {@code ∂a[p]/∂z[p+1] = ½ (1 − tanh²
 * z[p+1])}, while {@code ∂a[p+1]/∂z[p] = 0} for {@code n > 2}. It defines only the Jacobian, so
 * its backward map is the generic {@code Jacᵀ dA}.
 */
class ShiftMix implements Activation {

  @Override
  public String name() {
    return "shift_mix";
  }

  @Override
  public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
    int n = Z.numRows;
    A.reshape(n, Z.numCols);
    for (int i = 0; i < Z.numCols; i++) {
      for (int p = 0; p < n; p++) {
        A.set(p, i, Z.get(p, i) + 0.5 * Math.tanh(Z.get((p + 1) % n, i)));
      }
    }
  }

  @Override
  public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
    int n = Z.numRows;
    jac.reshape(n, n);
    jac.zero();
    for (int p = 0; p < n; p++) {
      double t = Math.tanh(Z.get((p + 1) % n, column));
      jac.set(p, p, 1.0);
      jac.set(p, (p + 1) % n, jac.get(p, (p + 1) % n) + 0.5 * (1 - t * t));
    }
  }

  /** The same activation with the transpose dropped from backward: {@code dZ = Jac dA}. */
  static final class WithoutTranspose extends ShiftMix {
    @Override
    public void backward(DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
      int n = Z.numRows;
      DMatrixRMaj jac = new DMatrixRMaj(n, n);
      dZ.reshape(n, Z.numCols);
      for (int i = 0; i < Z.numCols; i++) {
        jacobian(Z, A, i, jac);
        for (int p = 0; p < n; p++) {
          double sum = 0;
          for (int j = 0; j < n; j++) {
            sum += jac.get(p, j) * dA.get(j, i);
          }
          dZ.set(p, i, sum);
        }
      }
    }
  }
}

package io.ffnn.activations;

import io.ffnn.api.Activation;
import io.ffnn.api.Range;
import io.ffnn.api.Shapes;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code softmax}: {@code a[p] = e^(z[p]) / Σ_j e^(z[j])} over each column; the outputs of a column
 * are positive and sum to 1.
 *
 * <p>Jacobian: {@code ∂a[p]/∂z[j] = a[p] (δ[p][j] − a[j])}, i.e. {@code diag(a) − a aᵀ}
 * (symmetric). Backward, in O(n) per column: {@code dz = a ⊙ (da − (aᵀ da))}.
 *
 * <p>The column maximum is subtracted before exponentiating, so logits of ±1000 give exact 0s and
 * 1s and never overflow.
 */
public final class Softmax implements Activation {

  /** The ServiceLoader constructor. */
  public Softmax() {}

  @Override
  public String name() {
    return "softmax";
  }

  /**
   * {@inheritDoc}
   *
   * @return the open probability simplex
   */
  @Override
  public Range outputRange() {
    return Range.OPEN_SIMPLEX;
  }

  @Override
  public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
    final int n = Z.numRows;
    final int m = Z.numCols;
    A.reshape(n, m);
    final double[] z = Z.data;
    final double[] a = A.data;
    for (int i = 0; i < m; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int p = 0; p < n; p++) {
        max = Math.max(max, z[p * m + i]);
      }
      double sum = 0;
      for (int p = 0; p < n; p++) {
        double e = Math.exp(z[p * m + i] - max);
        a[p * m + i] = e;
        sum += e;
      }
      double inv = 1.0 / sum;
      for (int p = 0; p < n; p++) {
        a[p * m + i] *= inv;
      }
    }
  }

  @Override
  public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
    final int n = A.numRows;
    final int m = A.numCols;
    jac.reshape(n, n);
    for (int p = 0; p < n; p++) {
      double ap = A.data[p * m + column];
      for (int j = 0; j < n; j++) {
        double aj = A.data[j * m + column];
        jac.data[p * n + j] = (p == j ? ap : 0.0) - ap * aj;
      }
    }
  }

  @Override
  public void backward(DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
    Shapes.requireSameShape(this, "backward", "A", A, "dA", dA);
    final int n = A.numRows;
    final int m = A.numCols;
    dZ.reshape(n, m);
    final double[] a = A.data;
    final double[] da = dA.data;
    final double[] dz = dZ.data;
    for (int i = 0; i < m; i++) {
      double dot = 0;
      for (int p = 0; p < n; p++) {
        dot += a[p * m + i] * da[p * m + i];
      }
      for (int p = 0; p < n; p++) {
        dz[p * m + i] = a[p * m + i] * (da[p * m + i] - dot);
      }
    }
  }
}

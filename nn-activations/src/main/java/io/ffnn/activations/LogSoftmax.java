package io.ffnn.activations;

import io.ffnn.api.Activation;
import io.ffnn.api.Range;
import io.ffnn.api.Shapes;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code log_softmax}: {@code a[p] = z[p] − log Σ_j e^(z[j])} over each column, the logarithm of
 * {@code softmax}, computed as {@code z[p] − max − log Σ_j e^(z[j] − max)} so that logits of ±1000
 * give finite values (−2000, not −∞).
 *
 * <p>Jacobian: {@code ∂a[p]/∂z[j] = δ[p][j] − s[j]} with {@code s = softmax(z) = e^a}, i.e. {@code
 * I − 1 sᵀ}, which is <em>not</em> symmetric. Backward, in O(n) per column: {@code dz[j] = da[j] −
 * s[j] Σ_p da[p]}.
 */
public final class LogSoftmax implements Activation {

  /** The ServiceLoader constructor. */
  public LogSoftmax() {}

  @Override
  public String name() {
    return "log_softmax";
  }

  /**
   * {@inheritDoc}
   *
   * @return log-probabilities
   */
  @Override
  public Range outputRange() {
    return Range.LOG_SIMPLEX;
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
        sum += Math.exp(z[p * m + i] - max);
      }
      double shift = max + Math.log(sum);
      for (int p = 0; p < n; p++) {
        a[p * m + i] = z[p * m + i] - shift;
      }
    }
  }

  @Override
  public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
    final int n = A.numRows;
    final int m = A.numCols;
    jac.reshape(n, n);
    for (int p = 0; p < n; p++) {
      for (int j = 0; j < n; j++) {
        jac.data[p * n + j] = (p == j ? 1.0 : 0.0) - Math.exp(A.data[j * m + column]);
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
      double sum = 0;
      for (int p = 0; p < n; p++) {
        sum += da[p * m + i];
      }
      for (int j = 0; j < n; j++) {
        dz[j * m + i] = da[j * m + i] - Math.exp(a[j * m + i]) * sum;
      }
    }
  }
}

package io.ffnn.activations;

import io.ffnn.api.Activation;
import io.ffnn.api.Range;
import io.ffnn.api.Shapes;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code sparsemax} (Martins &amp; Astudillo 2016): the Euclidean projection of each column onto
 * the probability simplex, {@code a = argmin_{p ∈ Δ} ‖p − z‖² = max(z − τ, 0)}, where the
 * threshold {@code τ} makes the column sum to 1. Unlike softmax it gives exact zeros.
 *
 * <p>With the support {@code S = {j : a[j] > 0}} and its indicator {@code s}, the Jacobian is
 * {@code diag(s) − s sᵀ / |S|} (symmetric). Backward, in O(n) per column: {@code dz[j] = s[j]
 * (da[j] − Σ_{p∈S} da[p] / |S|)}. The forward map sorts each column (O(n log n)) in a per-thread
 * scratch array.
 */
public final class Sparsemax implements Activation {

  /** Sorted copies of one column, one array per thread, grown as needed. */
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[16]);

  /** The ServiceLoader constructor. */
  public Sparsemax() {}

  @Override
  public String name() {
    return "sparsemax";
  }

  /**
   * {@inheritDoc}
   *
   * @return the (closed) probability simplex
   */
  @Override
  public Range outputRange() {
    return Range.SIMPLEX;
  }

  @Override
  public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
    final int n = Z.numRows;
    final int m = Z.numCols;
    A.reshape(n, m);
    double[] sorted = SCRATCH.get();
    if (sorted.length < n) {
      sorted = new double[Math.max(n, 2 * sorted.length)];
      SCRATCH.set(sorted);
    }
    final double[] z = Z.data;
    final double[] a = A.data;
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < n; p++) {
        sorted[p] = z[p * m + i];
      }
      Arrays.sort(sorted, 0, n);
      // walk the values in descending order: k is in the support while 1 + k z_(k) > Σ_{j≤k} z_(j)
      double cumulative = 0;
      double tau = 0;
      for (int k = 1; k <= n; k++) {
        double zk = sorted[n - k];
        cumulative += zk;
        double candidate = (cumulative - 1) / k;
        if (zk > candidate) {
          tau = candidate;
        } else {
          break;
        }
      }
      for (int p = 0; p < n; p++) {
        a[p * m + i] = Math.max(z[p * m + i] - tau, 0.0);
      }
    }
  }

  @Override
  public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
    final int n = A.numRows;
    final int m = A.numCols;
    jac.reshape(n, n);
    int support = 0;
    for (int p = 0; p < n; p++) {
      support += A.data[p * m + column] > 0 ? 1 : 0;
    }
    double inv = 1.0 / support;
    for (int p = 0; p < n; p++) {
      boolean sp = A.data[p * m + column] > 0;
      for (int j = 0; j < n; j++) {
        boolean sj = A.data[j * m + column] > 0;
        jac.data[p * n + j] = sp && sj ? (p == j ? 1.0 : 0.0) - inv : 0.0;
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
      int support = 0;
      for (int p = 0; p < n; p++) {
        if (a[p * m + i] > 0) {
          sum += da[p * m + i];
          support++;
        }
      }
      double mean = sum / support;
      for (int j = 0; j < n; j++) {
        dz[j * m + i] = a[j * m + i] > 0 ? da[j * m + i] - mean : 0.0;
      }
    }
  }
}

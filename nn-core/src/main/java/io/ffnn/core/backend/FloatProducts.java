package io.ffnn.core.backend;

import org.ejml.data.FMatrixRMaj;

/**
 * The {@code float} products of {@link EjmlBackend}, {@code C = α op(A) op(B) + β C} on EJML's
 * {@link FMatrixRMaj}, with {@code float} sums as {@code sgemm} forms them. EJML's own float
 * operations ({@code ejml-fdense}) share their packages with {@code ejml-ddense}, which the Java
 * module system refuses to load together, so these loops follow EJML's algorithms here: the
 * untransposed and {@code Aᵀ B} products as row updates ({@code C[i,:] += a B[p,:]}, which the
 * JIT vectorises), {@code A Bᵀ} as dot products of rows.
 */
final class FloatProducts {

  private FloatProducts() {}

  /** The product; shapes checked and {@code C} reshaped by the caller. */
  static void gemm(boolean transA, boolean transB, float alpha, FMatrixRMaj A, FMatrixRMaj B,
      float beta, FMatrixRMaj C) {
    final int m = C.numRows;
    final int n = C.numCols;
    final int k = transA ? A.numRows : A.numCols;
    final float[] a = A.data;
    final float[] b = B.data;
    final float[] c = C.data;
    if (!transB) {
      for (int i = 0; i < m * n; i++) {
        c[i] = beta == 0 ? 0f : beta * c[i];
      }
      // C[i,:] += α op(A)[i,p] B[p,:]
      if (!transA) {
        for (int i = 0; i < m; i++) {
          final int row = i * n;
          for (int p = 0; p < k; p++) {
            rowUpdate(alpha * a[i * k + p], b, p * n, c, row, n);
          }
        }
      } else {
        for (int p = 0; p < k; p++) {
          final int arow = p * m;
          for (int i = 0; i < m; i++) {
            rowUpdate(alpha * a[arow + i], b, p * n, c, i * n, n);
          }
        }
      }
      return;
    }
    // C[i,j] = α Σ_p op(A)[i,p] B[j,p] + β C[i,j]
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0;
        final int brow = j * k;
        if (!transA) {
          final int arow = i * k;
          for (int p = 0; p < k; p++) {
            s += a[arow + p] * b[brow + p];
          }
        } else {
          for (int p = 0; p < k; p++) {
            s += a[p * m + i] * b[brow + p];
          }
        }
        final int at = i * n + j;
        c[at] = beta == 0 ? alpha * s : alpha * s + beta * c[at];
      }
    }
  }

  private static void rowUpdate(float f, float[] b, int from, float[] c, int to, int n) {
    for (int j = 0; j < n; j++) {
      c[to + j] += f * b[from + j];
    }
  }
}

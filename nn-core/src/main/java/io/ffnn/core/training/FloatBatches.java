package io.ffnn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Batches for float32 networks, gathered straight into {@code float}: from {@code double}
 * training data (each entry rounded once, with no {@code double} copy of the batch), from {@code
 * float} data, and from an example-major {@code float} copy. The {@code double} gathers are
 * {@link io.ffnn.core.data.Dataset#gatherColumns} and {@link
 * io.ffnn.core.data.Dataset#gatherRowsAsColumns}.
 */
final class FloatBatches {

  private FloatBatches() {}

  /** {@code out[:, k] = (float) M[:, order[from + k]]}. */
  static void gatherColumns(DMatrixRMaj M, int[] order, int from, int to, FMatrixRMaj out) {
    final int rows = M.numRows;
    final int cols = M.numCols;
    final int width = to - from;
    out.reshape(rows, width);
    for (int p = 0; p < rows; p++) {
      final int src = p * cols;
      final int dst = p * width;
      for (int k = 0; k < width; k++) {
        out.data[dst + k] = (float) M.data[src + order[from + k]];
      }
    }
  }

  /** {@code out[:, k] = M[:, order[from + k]]}. */
  static void gatherColumns(FMatrixRMaj M, int[] order, int from, int to, FMatrixRMaj out) {
    final int rows = M.numRows;
    final int cols = M.numCols;
    final int width = to - from;
    out.reshape(rows, width);
    for (int p = 0; p < rows; p++) {
      final int src = p * cols;
      final int dst = p * width;
      for (int k = 0; k < width; k++) {
        out.data[dst + k] = M.data[src + order[from + k]];
      }
    }
  }

  /** {@code out[k, :] = T[order[from + k], :]}: whole examples, as rows. */
  static void gatherRows(FMatrixRMaj T, int[] order, int from, int to, FMatrixRMaj out) {
    final int n = T.numCols;
    final int width = to - from;
    out.reshape(width, n);
    for (int k = 0; k < width; k++) {
      System.arraycopy(T.data, order[from + k] * n, out.data, k * n, n);
    }
  }

  /** {@code out[:, k] = T[order[from + k], :]ᵀ}, four examples at a time. */
  static void gatherRowsAsColumns(FMatrixRMaj T, int[] order, int from, int to,
      FMatrixRMaj out) {
    final int n = T.numCols;
    final int width = to - from;
    out.reshape(n, width);
    final float[] src = T.data;
    final float[] dst = out.data;
    int k = 0;
    for (; k + 4 <= width; k += 4) {
      final int r0 = order[from + k] * n;
      final int r1 = order[from + k + 1] * n;
      final int r2 = order[from + k + 2] * n;
      final int r3 = order[from + k + 3] * n;
      for (int p = 0; p < n; p++) {
        final int d = p * width + k;
        dst[d] = src[r0 + p];
        dst[d + 1] = src[r1 + p];
        dst[d + 2] = src[r2 + p];
        dst[d + 3] = src[r3 + p];
      }
    }
    for (; k < width; k++) {
      final int row = order[from + k] * n;
      for (int p = 0; p < n; p++) {
        dst[p * width + k] = src[row + p];
      }
    }
  }

  /** The example-major {@code float} copy {@code (float) Xᵀ} of {@code double} data. */
  static FMatrixRMaj transpose(DMatrixRMaj X) {
    FMatrixRMaj T = new FMatrixRMaj(X.numCols, X.numRows);
    for (int p = 0; p < X.numRows; p++) {
      for (int i = 0; i < X.numCols; i++) {
        T.data[i * X.numRows + p] = (float) X.data[p * X.numCols + i];
      }
    }
    return T;
  }

  /** The example-major copy {@code Xᵀ} of {@code float} data. */
  static FMatrixRMaj transpose(FMatrixRMaj X) {
    FMatrixRMaj T = new FMatrixRMaj(X.numCols, X.numRows);
    for (int p = 0; p < X.numRows; p++) {
      for (int i = 0; i < X.numCols; i++) {
        T.data[i * X.numRows + p] = X.data[p * X.numCols + i];
      }
    }
    return T;
  }
}

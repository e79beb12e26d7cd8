package io.ffnn.core;

import io.ffnn.core.internal.Floats;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The elementwise steps of {@link Network}'s recurrences around the matrix products: bias sums,
 * dropout masks, and a float32 network's widening of {@code Z[l]} and rounding of {@code dZ[l]}.
 * Each is one pass over plain arrays that allocates nothing.
 */
final class LayerKernels {

  private LayerKernels() {}

  /** An inverted dropout mask: each entry 0 with probability {@code p}, else {@code 1/(1 − p)}. */
  static void drawMask(DMatrixRMaj mask, int rows, int m, double p, Random rng) {
    mask.reshape(rows, m);
    final double keep = 1.0 / (1.0 - p);
    for (int k = 0; k < rows * m; k++) {
      mask.data[k] = rng.nextDouble() < p ? 0.0 : keep;
    }
  }

  /** {@code out = a ⊙ b}. */
  static void elementwiseProduct(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
    final int size = a.getNumElements();
    for (int k = 0; k < size; k++) {
      out.data[k] = a.data[k] * b.data[k];
    }
  }

  /** {@code a ⊙= b}. */
  static void multiplyInPlace(DMatrixRMaj a, DMatrixRMaj b) {
    final int size = a.getNumElements();
    for (int k = 0; k < size; k++) {
      a.data[k] *= b.data[k];
    }
  }

  /** {@code M[:,i] *= w[i]} for every column. */
  static void scaleColumns(DMatrixRMaj M, double[] w) {
    final int rows = M.numRows;
    final int m = M.numCols;
    final double[] a = M.data;
    for (int p = 0; p < rows; p++) {
      final int row = p * m;
      for (int i = 0; i < m; i++) {
        a[row + i] *= w[i];
      }
    }
  }

  /** {@code Z[:,i] += b} for every column. */
  static void addBias(DMatrixRMaj Z, DMatrixRMaj b) {
    final int m = Z.numCols;
    for (int p = 0; p < Z.numRows; p++) {
      addToRow(Z.data, p * m, m, b.data[p]);
    }
  }

  /**
   * {@code Z[:,i] = (double) Z32[:,i] + (double) b32} for every column: each row widened, then
   * its bias added while the row is in the cache.
   */
  static void widenAddBias(FMatrixRMaj Z32, FMatrixRMaj b32, DMatrixRMaj Z) {
    final int m = Z32.numCols;
    Z.reshape(Z32.numRows, m);
    for (int p = 0; p < Z32.numRows; p++) {
      Floats.widen(Z32.data, p * m, Z.data, p * m, m);
      addToRow(Z.data, p * m, m, b32.data[p]);
    }
  }

  /** {@code z[from + i] += bp} for {@code i < m}. */
  private static void addToRow(double[] z, int from, int m, double bp) {
    for (int i = 0; i < m; i++) {
      z[from + i] += bp;
    }
  }

  /** {@code dZ32 = (float) dZ} and {@code db32[p] = (float) Σ_i dZ[p,i]}, in one pass. */
  static void narrowRowSums(DMatrixRMaj dZ, FMatrixRMaj dZ32, FMatrixRMaj db32) {
    final int rows = dZ.numRows;
    final int m = dZ.numCols;
    dZ32.reshape(rows, m);
    final double[] dz = dZ.data;
    final float[] dzf = dZ32.data;
    for (int p = 0; p < rows; p++) {
      double sum = 0;
      final int row = p * m;
      for (int i = 0; i < m; i++) {
        final double v = dz[row + i];
        dzf[row + i] = (float) v;
        sum += v;
      }
      db32.data[p] = (float) sum;
    }
  }

  /** {@code db[p] = Σ_i dZ[p,i]}. */
  static void rowSums(DMatrixRMaj dZ, DMatrixRMaj db) {
    final int rows = dZ.numRows;
    final int m = dZ.numCols;
    final double[] dz = dZ.data;
    for (int p = 0; p < rows; p++) {
      double sum = 0;
      final int row = p * m;
      for (int i = 0; i < m; i++) {
        sum += dz[row + i];
      }
      db.data[p] = sum;
    }
  }
}

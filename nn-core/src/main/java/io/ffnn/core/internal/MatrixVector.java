package io.ffnn.core.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The matrix-vector product {@code y = α A x + β y} on row-major data: the forward product {@code
 * Z = W A} when the batch holds one example, as in single-example prediction.
 *
 * <p>General matrix-product code loses much of its speed on a single column (on the standard
 * network EJML's product takes about twice as long as this loop, the Java BLAS half as long
 * again), and a native BLAS spends more time copying {@code W}
 * into native memory than multiplying. Four rows share each load of {@code x} and keep four
 * independent sums, which the processor overlaps; each row's sum runs in index order, so the
 * result equals the textbook loop's exactly.
 */
public final class MatrixVector {

  private MatrixVector() {}

  /**
   * Whether {@link #multiply} applies to a {@link io.ffnn.core.backend.Backend#gemm} call:
   * {@code A} untransposed and {@code op(B)} a single column, whose data is then contiguous
   * whether or not it is transposed.
   *
   * @param transA whether {@code A} is transposed
   * @param transB whether {@code B} is transposed
   * @param B the right factor
   * @return true if the product is a matrix-vector product over {@code B}'s data
   */
  public static boolean applies(boolean transA, boolean transB, DMatrixRMaj B) {
    return applies(transA, transB, B.numRows, B.numCols);
  }

  /**
   * {@link #applies(boolean, boolean, DMatrixRMaj)} for a right factor of the given shape.
   *
   * @param transA whether {@code A} is transposed
   * @param transB whether {@code B} is transposed
   * @param rows the rows of {@code B}
   * @param cols the columns of {@code B}
   * @return true if the product is a matrix-vector product over {@code B}'s data
   */
  public static boolean applies(boolean transA, boolean transB, int rows, int cols) {
    return !transA && (transB ? rows : cols) == 1;
  }

  /**
   * {@code y = α A x + β y}, {@code x} being the {@code A.numCols} entries of {@code x.data} and
   * {@code y} the {@code A.numRows} entries of {@code y.data}; shapes are the caller's to check.
   *
   * @param alpha {@code α}
   * @param A the {@code n × k} matrix. Not modified.
   * @param x at least {@code k} entries. Not modified.
   * @param beta {@code β}; when 0 the old contents of {@code y} are ignored (even NaN)
   * @param y at least {@code n} entries. Modified.
   */
  public static void multiply(double alpha, DMatrixRMaj A, DMatrixRMaj x, double beta,
      DMatrixRMaj y) {
    int n = A.numRows;
    int k = A.numCols;
    double[] a = A.data;
    double[] xs = x.data;
    double[] ys = y.data;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      int r0 = i * k;
      int r1 = r0 + k;
      int r2 = r1 + k;
      int r3 = r2 + k;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int j = 0; j < k; j++) {
        double xj = xs[j];
        s0 += a[r0 + j] * xj;
        s1 += a[r1 + j] * xj;
        s2 += a[r2 + j] * xj;
        s3 += a[r3 + j] * xj;
      }
      ys[i] = combine(alpha, s0, beta, ys[i]);
      ys[i + 1] = combine(alpha, s1, beta, ys[i + 1]);
      ys[i + 2] = combine(alpha, s2, beta, ys[i + 2]);
      ys[i + 3] = combine(alpha, s3, beta, ys[i + 3]);
    }
    for (; i < n; i++) {
      int r = i * k;
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += a[r + j] * xs[j];
      }
      ys[i] = combine(alpha, s, beta, ys[i]);
    }
  }

  /**
   * {@link #multiply(double, DMatrixRMaj, DMatrixRMaj, double, DMatrixRMaj)} in {@code float},
   * with {@code float} sums as {@code sgemv} forms them.
   *
   * @param alpha {@code α}
   * @param A the {@code n × k} matrix. Not modified.
   * @param x at least {@code k} entries. Not modified.
   * @param beta {@code β}; when 0 the old contents of {@code y} are ignored (even NaN)
   * @param y at least {@code n} entries. Modified.
   */
  public static void multiply(float alpha, FMatrixRMaj A, FMatrixRMaj x, float beta,
      FMatrixRMaj y) {
    int n = A.numRows;
    int k = A.numCols;
    float[] a = A.data;
    float[] xs = x.data;
    float[] ys = y.data;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      int r0 = i * k;
      int r1 = r0 + k;
      int r2 = r1 + k;
      int r3 = r2 + k;
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      for (int j = 0; j < k; j++) {
        float xj = xs[j];
        s0 += a[r0 + j] * xj;
        s1 += a[r1 + j] * xj;
        s2 += a[r2 + j] * xj;
        s3 += a[r3 + j] * xj;
      }
      ys[i] = combine(alpha, s0, beta, ys[i]);
      ys[i + 1] = combine(alpha, s1, beta, ys[i + 1]);
      ys[i + 2] = combine(alpha, s2, beta, ys[i + 2]);
      ys[i + 3] = combine(alpha, s3, beta, ys[i + 3]);
    }
    for (; i < n; i++) {
      int r = i * k;
      float s = 0;
      for (int j = 0; j < k; j++) {
        s += a[r + j] * xs[j];
      }
      ys[i] = combine(alpha, s, beta, ys[i]);
    }
  }

  private static float combine(float alpha, float s, float beta, float y) {
    return beta == 0 ? alpha * s : alpha * s + beta * y;
  }

  private static double combine(double alpha, double s, double beta, double y) {
    return beta == 0 ? alpha * s : alpha * s + beta * y;
  }
}

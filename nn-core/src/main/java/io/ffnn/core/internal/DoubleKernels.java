package io.ffnn.core.internal;

import org.ejml.data.DMatrixRMaj;

/**
 * The loops that both precisions run, written once: the single-column product, the finiteness
 * check and the batch gathers. The build generates the float32 class of the same shape from this
 * file (the parent POM's {@code float-sources} step), so that the two cannot drift. Edit this
 * file only, and write no floating-point literal in it: the build refuses one, as it would keep
 * its type in the generated class.
 */
public final class DoubleKernels {

  private DoubleKernels() {}

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
  public static boolean appliesTo(boolean transA, boolean transB, DMatrixRMaj B) {
    return !transA && (transB ? B.numRows : B.numCols) == 1;
  }

  /**
   * The matrix-vector product {@code y = α A x + β y} on row-major data: the forward product
   * {@code Z = W A} when the batch holds one example, as in single-example prediction; {@code x}
   * is the {@code A.numCols} entries of {@code x.data} and {@code y} the {@code A.numRows} entries
   * of {@code y.data}; shapes are the caller's to check.
   *
   * <p>General matrix-product code loses much of its speed on a single column (on the standard
   * network EJML's product takes about twice as long as this loop, the Java BLAS half as long
   * again), and a native BLAS spends more time copying {@code W} into native memory than
   * multiplying. Four rows share each load of {@code x} and keep four independent sums, which the
   * processor overlaps; each row's sum runs in index order (in the precision of the data, as
   * {@code gemv} forms it), so the result equals the textbook loop's exactly.
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

  private static double combine(double alpha, double s, double beta, double y) {
    return beta == 0 ? alpha * s : alpha * s + beta * y;
  }

  /**
   * Whether {@code a[from … to−1]} are all finite, without a branch per entry: the check training
   * runs after every step.
   *
   * @param a the entries
   * @param from the first entry checked
   * @param to one past the last
   * @return whether they are all finite
   */
  public static boolean allFinite(double[] a, int from, int to) {
    // v * 0 is 0 for finite v and NaN for ±∞ and NaN; four sums keep the loop from waiting
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = from;
    for (; k + 4 <= to; k += 4) {
      s0 += a[k] * 0;
      s1 += a[k + 1] * 0;
      s2 += a[k + 2] * 0;
      s3 += a[k + 3] * 0;
    }
    for (; k < to; k++) {
      s0 += a[k] * 0;
    }
    return s0 + s1 + s2 + s3 == 0;
  }

  /**
   * {@code t[k] = a t[k] + b u[k]} for {@code from ≤ k < to}: how the gradients of the parts of a
   * batch are combined.
   *
   * @param a the factor of {@code t}
   * @param t the entries combined into. Modified.
   * @param b the factor of {@code u}
   * @param u the other entries. Not modified.
   * @param from the first entry
   * @param to one past the last
   */
  public static void combine(double a, double[] t, double b, double[] u, int from, int to) {
    for (int k = from; k < to; k++) {
      t[k] = a * t[k] + b * u[k];
    }
  }

  /**
   * {@code out[:, k] = M[:, order[from + k]]} for {@code k < to − from}: gathers a mini-batch of
   * examples (columns) in the given order. Allocates nothing when {@code out} is large enough.
   *
   * @param M the source ({@code rows × m}). Not modified.
   * @param order column indices of {@code M}
   * @param from first position in {@code order}
   * @param to one past the last position
   * @param out reshaped to {@code M.rows × (to − from)}. Modified.
   */
  public static void gatherColumns(DMatrixRMaj M, int[] order, int from, int to,
      DMatrixRMaj out) {
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

  /**
   * {@code out[k, :] = T[order[from + k], :]}: whole examples from an example-major copy, as
   * rows.
   *
   * @param T the examples as rows ({@code m × n}). Not modified.
   * @param order row indices of {@code T}
   * @param from first position in {@code order}
   * @param to one past the last position
   * @param out reshaped to {@code (to − from) × T.cols}. Modified.
   */
  public static void gatherRows(DMatrixRMaj T, int[] order, int from, int to, DMatrixRMaj out) {
    final int n = T.numCols;
    final int width = to - from;
    out.reshape(width, n);
    for (int k = 0; k < width; k++) {
      System.arraycopy(T.data, order[from + k] * n, out.data, k * n, n);
    }
  }

  /**
   * {@code out[:, k] = T[order[from + k], :]ᵀ} for {@code k < to − from}: gathers examples from an
   * example-major copy {@code T = Xᵀ}, where each example is one contiguous row. Gathering a
   * shuffled batch from {@code X} itself reads one entry from every cache line it touches; from
   * {@code T} it streams each example. Allocates nothing when {@code out} is large enough.
   *
   * @param T the examples as rows ({@code m × n}). Not modified.
   * @param order row indices of {@code T}
   * @param from first position in {@code order}
   * @param to one past the last position
   * @param out the gathered examples as columns, reshaped to {@code T.cols × (to − from)}.
   *     Modified.
   */
  public static void gatherRowsAsColumns(DMatrixRMaj T, int[] order, int from, int to,
      DMatrixRMaj out) {
    final int n = T.numCols;
    final int width = to - from;
    out.reshape(n, width);
    final double[] src = T.data;
    final double[] dst = out.data;
    int k = 0;
    // four examples at a time: each row of out then receives four adjacent entries per pass
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

  /**
   * {@code T[i, col + r] = src[offset + r · cols + i]} for {@code r < rows}, {@code i < cols}:
   * a block of rows of a row-major matrix written as columns of {@code T}, for building an
   * example-major copy a few features at a time. Each example's entries of the block are written
   * together, while the block's rows are read in step.
   *
   * @param src the block's entries, row after row. Not modified.
   * @param offset where the block starts in {@code src}
   * @param rows the rows of the block
   * @param cols the columns of the block: the rows of {@code T}
   * @param T the transpose being filled ({@code cols × ≥ col + rows}). Modified.
   * @param col the column of {@code T} that receives the block's first row
   */
  public static void transposeBlock(double[] src, int offset, int rows, int cols, DMatrixRMaj T,
      int col) {
    final int width = T.numCols;
    final double[] dst = T.data;
    for (int i = 0; i < cols; i++) {
      final int d = i * width + col;
      for (int r = 0; r < rows; r++) {
        dst[d + r] = src[offset + r * cols + i];
      }
    }
  }
}

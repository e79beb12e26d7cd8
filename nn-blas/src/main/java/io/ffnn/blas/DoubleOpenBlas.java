package io.ffnn.blas;

import dev.ludovic.netlib.blas.BLAS;
import io.ffnn.core.internal.DoubleKernels;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link OpenBlasBackend}'s products in one precision, written once: the float32 class of the
 * same shape is generated from this file at build time (the parent POM's {@code float-sources}
 * step). Edit this file only, and write no floating-point literal in it.
 */
final class DoubleOpenBlas {

  private DoubleOpenBlas() {}

  /** Native buffers for A, B and C of one thread, grown as needed and kept: none made once warm. */
  private static final ThreadLocal<DoublePointer[]> SCRATCH = ThreadLocal.withInitial(
      () -> new DoublePointer[] {new DoublePointer(1), new DoublePointer(1), new DoublePointer(1)});

  /**
   * {@code C = α op(A) op(B) + β C} for {@code m, n, k >= 1}: in place through netlib's binding
   * when there is one, else through bytedeco's with native copies.
   *
   * @param inPlace the in-place binding, or null
   */
  static void gemm(BLAS inPlace, boolean transA, boolean transB, int m, int n, int k,
      double alpha, DMatrixRMaj A, DMatrixRMaj B, double beta, DMatrixRMaj C) {
    if (inPlace != null) {
      DoubleBlas.columnMajorGemm(inPlace, transA, transB, m, n, k, alpha, A, B, beta, C);
    } else {
      copyingGemm(transA, transB, m, n, k, alpha, A, B, beta, C);
    }
  }

  /**
   * The product through bytedeco's binding, with native copies of exactly the entries used: the
   * array overloads of the JNI binding would copy whole arrays in and back out, inputs included.
   */
  static void copyingGemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      DMatrixRMaj A, DMatrixRMaj B, double beta, DMatrixRMaj C) {
    DoublePointer[] s = SCRATCH.get();
    int sizeA = A.numRows * A.numCols;
    int sizeB = B.numRows * B.numCols;
    int sizeC = m * n;
    DoublePointer pa = buffer(s, 0, sizeA).put(A.data, 0, sizeA);
    DoublePointer pb = buffer(s, 1, sizeB).put(B.data, 0, sizeB);
    DoublePointer pc = buffer(s, 2, sizeC);
    if (beta != 0) {
      pc.put(C.data, 0, sizeC);
    }
    openblas.cblas_dgemm(openblas.CblasRowMajor,
        transA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transB ? openblas.CblasTrans : openblas.CblasNoTrans,
        m, n, k, alpha, pa, A.numCols, pb, B.numCols, beta, pc, n);
    pc.get(C.data, 0, sizeC);
  }

  /** Buffer {@code which} (0: A, 1: B, 2: C) of {@code s}, with room for {@code size} entries. */
  private static DoublePointer buffer(DoublePointer[] s, int which, int size) {
    if (s[which].capacity() < size) {
      s[which].close();
      s[which] = new DoublePointer(size);
    }
    return s[which];
  }

  /**
   * {@code y = α A x + β y} for a single column: OpenBLAS's {@code dgemv} in place, split by rows
   * with the helper thread when there is one; the Java loop where products would copy ({@code W[1]}
   * copied to native memory would cost more than the product).
   *
   * @param inPlace the in-place binding, or null
   * @param split the helper, or null when products are not split
   */
  static void matrixVector(BLAS inPlace, SplitMatrixVector split, double alpha, DMatrixRMaj A,
      DMatrixRMaj x, double beta, DMatrixRMaj y) {
    if (inPlace == null) {
      DoubleKernels.multiply(alpha, A, x, beta, y);
    } else if (split == null || !split.tryMultiply(alpha, A, x, beta, y)) {
      DoubleBlas.rows(inPlace, alpha, A, x, beta, y, 0, A.numRows);
    }
  }
}

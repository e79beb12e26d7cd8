package io.ffnn.blas;

import dev.ludovic.netlib.blas.BLAS;
import io.ffnn.core.backend.Backend;
import io.ffnn.core.internal.DoubleKernels;
import org.ejml.data.DMatrixRMaj;

/**
 * The products of the BLAS backends in one precision, written once: the build generates the
 * float32 class of the same shape from this file (the parent POM's {@code float-sources} step),
 * so that the two cannot drift. Edit this file only, and write no floating-point literal in it.
 */
final class DoubleBlas {

  private DoubleBlas() {}

  /**
   * {@code C = α op(A) op(B) + β C} for a BLAS backend: the shape checks, the empty cases BLAS
   * does not cover ({@code k = 0} must still give {@code C = β C}), single-column products through
   * the backend's {@code matrixVector}, and the rest through its {@code dgemm} with the
   * dimensions it needs.
   */
  static void gemm(AbstractBlasBackend backend, boolean transA, boolean transB, double alpha,
      DMatrixRMaj A, DMatrixRMaj B, double beta, DMatrixRMaj C) {
    Backend.prepare(transA, transB, A, B, beta, C);
    int m = C.numRows;
    int n = C.numCols;
    int k = transA ? A.numRows : A.numCols;
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      // BLAS leaves C alone when k = 0; the contract says C = β C
      for (int i = 0; i < m * n; i++) {
        C.data[i] = beta == 0 ? 0 : beta * C.data[i];
      }
      return;
    }
    if (DoubleKernels.appliesTo(transA, transB, B)) {
      backend.matrixVector(alpha, A, B, beta, C);
      return;
    }
    backend.dgemm(transA, transB, m, n, k, alpha, A, B, beta, C);
  }

  /**
   * The row-major product through a column-major netlib {@code BLAS}: a row-major matrix is its
   * transpose there, so {@code C = op(A) op(B)} becomes {@code Cᵀ = op(B)ᵀ op(A)ᵀ} with the same
   * transpose flags and the operands swapped.
   */
  static void columnMajorGemm(BLAS blas, boolean transA, boolean transB, int m, int n, int k,
      double alpha, DMatrixRMaj A, DMatrixRMaj B, double beta, DMatrixRMaj C) {
    blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, B.data, B.numCols,
        A.data, A.numCols, beta, C.data, n);
  }

  /**
   * Rows {@code [from, to)} of the single-column product {@code y = α A x + β y} through {@code
   * dgemv}: a row-major {@code A} is the column-major {@code Aᵀ}, hence {@code "T"}.
   */
  static void rows(BLAS blas, double alpha, DMatrixRMaj A, DMatrixRMaj x, double beta,
      DMatrixRMaj y, int from, int to) {
    int k = A.numCols;
    blas.dgemv("T", k, to - from, alpha, A.data, from * k, k, x.data, 0, 1, beta, y.data, from,
        1);
  }
}

package io.ffnn.blas;

import io.ffnn.core.backend.Backend;
import io.ffnn.core.internal.MatrixVector;
import dev.ludovic.netlib.blas.BLAS;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * What the BLAS backends share: the shape checks, the empty cases BLAS does not cover ({@code k =
 * 0} must still give {@code C = β C}), single-column products ({@link MatrixVector}), and the
 * dimensions handed to {@code dgemm}.
 */
abstract class AbstractBlasBackend implements Backend {

  /**
   * {@code C = α op(A) op(B) + β C} for {@code m, n, k >= 1}, shapes already checked.
   *
   * @param m rows of {@code C}
   * @param n columns of {@code C}
   * @param k the inner dimension
   */
  abstract void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      DMatrixRMaj A, DMatrixRMaj B, double beta, DMatrixRMaj C);

  @Override
  public final void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj A,
      DMatrixRMaj B, double beta, DMatrixRMaj C) {
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
    if (MatrixVector.applies(transA, transB, B)) {
      matrixVector(alpha, A, B, beta, C);
      return;
    }
    dgemm(transA, transB, m, n, k, alpha, A, B, beta, C);
  }

  /**
   * {@link #dgemm} in {@code float}: {@code sgemm}.
   *
   * @param m rows of {@code C}
   * @param n columns of {@code C}
   * @param k the inner dimension
   */
  abstract void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      FMatrixRMaj A, FMatrixRMaj B, float beta, FMatrixRMaj C);

  @Override
  public final void gemm(boolean transA, boolean transB, float alpha, FMatrixRMaj A,
      FMatrixRMaj B, float beta, FMatrixRMaj C) {
    Backend.prepare(transA, transB, A, B, beta, C);
    int m = C.numRows;
    int n = C.numCols;
    int k = transA ? A.numRows : A.numCols;
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      for (int i = 0; i < m * n; i++) {
        C.data[i] = beta == 0 ? 0 : beta * C.data[i];
      }
      return;
    }
    if (MatrixVector.applies(transA, transB, B.numRows, B.numCols)) {
      matrixVector(alpha, A, B, beta, C);
      return;
    }
    sgemm(transA, transB, m, n, k, alpha, A, B, beta, C);
  }

  /**
   * {@code y = α A x + β y} for a single column {@code x} (predicting one example): {@link
   * MatrixVector}'s loop, unless the backend has a faster product that needs no copies.
   *
   * @param alpha the factor of the product
   * @param A an {@code n × k} matrix
   * @param x {@code k} entries, a column or a row
   * @param beta the factor of {@code y}
   * @param y the {@code n × 1} result
   */
  void matrixVector(double alpha, DMatrixRMaj A, DMatrixRMaj x, double beta, DMatrixRMaj y) {
    MatrixVector.multiply(alpha, A, x, beta, y);
  }

  /**
   * {@link #matrixVector(double, DMatrixRMaj, DMatrixRMaj, double, DMatrixRMaj)} in {@code
   * float}.
   *
   * @param alpha the factor of the product
   * @param A an {@code n × k} matrix
   * @param x {@code k} entries, a column or a row
   * @param beta the factor of {@code y}
   * @param y the {@code n × 1} result
   */
  void matrixVector(float alpha, FMatrixRMaj A, FMatrixRMaj x, float beta, FMatrixRMaj y) {
    MatrixVector.multiply(alpha, A, x, beta, y);
  }

  /**
   * The row-major product through a column-major netlib {@code BLAS}: a row-major matrix is its
   * transpose there, so {@code C = op(A) op(B)} becomes {@code Cᵀ = op(B)ᵀ op(A)ᵀ} with the same
   * transpose flags and the operands swapped.
   */
  static void columnMajorDgemm(BLAS blas, boolean transA, boolean transB, int m, int n, int k,
      double alpha, DMatrixRMaj A, DMatrixRMaj B, double beta, DMatrixRMaj C) {
    blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, B.data, B.numCols,
        A.data, A.numCols, beta, C.data, n);
  }

  /** {@link #columnMajorDgemm} in {@code float}. */
  static void columnMajorSgemm(BLAS blas, boolean transA, boolean transB, int m, int n, int k,
      float alpha, FMatrixRMaj A, FMatrixRMaj B, float beta, FMatrixRMaj C) {
    blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, B.data, B.numCols,
        A.data, A.numCols, beta, C.data, n);
  }

  /**
   * Silences {@code dev.ludovic.netlib}'s warnings, one per implementation it cannot load (the
   * Vector API one without its module, the JNI one without a system BLAS): the backends'
   * descriptions say which one is in use.
   *
   * @return the logger, to be kept referenced so that the level stays set
   */
  static Logger quietNetlib() {
    Logger log = Logger.getLogger("dev.ludovic.netlib");
    log.setLevel(Level.SEVERE);
    return log;
  }

  @Override
  public String toString() {
    return name();
  }
}

package io.ffnn.blas;

import io.ffnn.core.backend.Backend;
import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.internal.FloatKernels;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * What the BLAS backends share: the shape checks, the empty cases BLAS does not cover and
 * single-column products ({@link DoubleBlas#gemm} and its float32 twin), and the dimensions
 * handed to {@code dgemm} and {@code sgemm}.
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

  /** {@link #dgemm} in {@code float}. */
  abstract void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      FMatrixRMaj A, FMatrixRMaj B, float beta, FMatrixRMaj C);

  @Override
  public final void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj A,
      DMatrixRMaj B, double beta, DMatrixRMaj C) {
    DoubleBlas.gemm(this, transA, transB, alpha, A, B, beta, C);
  }

  @Override
  public final void gemm(boolean transA, boolean transB, float alpha, FMatrixRMaj A,
      FMatrixRMaj B, float beta, FMatrixRMaj C) {
    FloatBlas.gemm(this, transA, transB, alpha, A, B, beta, C);
  }

  /**
   * {@code y = α A x + β y} for a single column {@code x} (predicting one example): {@link
   * DoubleKernels}'s loop, unless the backend has a faster product that needs no copies.
   *
   * @param alpha the factor of the product
   * @param A an {@code n × k} matrix
   * @param x {@code k} entries, a column or a row
   * @param beta the factor of {@code y}
   * @param y the {@code n × 1} result
   */
  void matrixVector(double alpha, DMatrixRMaj A, DMatrixRMaj x, double beta, DMatrixRMaj y) {
    DoubleKernels.multiply(alpha, A, x, beta, y);
  }

  /** {@link #matrixVector(double, DMatrixRMaj, DMatrixRMaj, double, DMatrixRMaj)} in float. */
  void matrixVector(float alpha, FMatrixRMaj A, FMatrixRMaj x, float beta, FMatrixRMaj y) {
    FloatKernels.multiply(alpha, A, x, beta, y);
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

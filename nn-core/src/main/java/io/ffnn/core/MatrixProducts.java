package io.ffnn.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The three matrix products of the recurrences, in one seam so that a faster backend can replace
 * them without touching the recurrences: {@code Z = W A} (forward), {@code dW = dZ Aᵀ} and {@code
 * dA = Wᵀ dZ} (backward). Implementations must not allocate once the output has its capacity, and
 * must be thread-safe.
 */
public interface MatrixProducts {

  /** The pure-Java products of EJML's {@link CommonOps_DDRM}. */
  MatrixProducts EJML = new MatrixProducts() {
    @Override
    public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
      CommonOps_DDRM.mult(a, b, c);
    }

    @Override
    public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
      CommonOps_DDRM.multTransA(a, b, c);
    }

    @Override
    public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
      CommonOps_DDRM.multTransB(a, b, c);
    }

    @Override
    public String toString() {
      return "ejml";
    }
  };

  /**
   * {@code c = a b}.
   *
   * @param a left factor. Not modified.
   * @param b right factor. Not modified.
   * @param c the product, reshaped to {@code a.rows × b.cols}. Modified; must not alias.
   */
  void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

  /**
   * {@code c = aᵀ b}.
   *
   * @param a left factor, transposed. Not modified.
   * @param b right factor. Not modified.
   * @param c the product, reshaped to {@code a.cols × b.cols}. Modified; must not alias.
   */
  void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

  /**
   * {@code c = a bᵀ}.
   *
   * @param a left factor. Not modified.
   * @param b right factor, transposed. Not modified.
   * @param c the product, reshaped to {@code a.rows × b.rows}. Modified; must not alias.
   */
  void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);
}

package io.ffnn.core.backend;

import org.ejml.data.DMatrixRMaj;

/**
 * The products of a {@link Backend} in one precision: the general product and the three that
 * the recurrences name. Written once; the build generates the float32 interface of the same shape
 * from this file (the parent POM's {@code float-sources} step), and {@link Backend} extends both.
 */
interface DoubleMatrixProducts {

  /**
   * {@code C = α op(A) op(B) + β C}.
   *
   * @param transA whether to use {@code Aᵀ}
   * @param transB whether to use {@code Bᵀ}
   * @param alpha {@code α}
   * @param A left factor. Not modified.
   * @param B right factor. Not modified.
   * @param beta {@code β}; when 0, {@code C} is reshaped and its old contents ignored (even NaN)
   * @param C the product. Modified; must not alias {@code A} or {@code B}.
   * @throws IllegalArgumentException if the inner dimensions differ, or {@code β ≠ 0} and {@code
   *     C} has the wrong shape
   */
  void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj A, DMatrixRMaj B,
      double beta, DMatrixRMaj C);

  /**
   * {@code C = A B}, as EJML names it ({@code mult}): the forward product {@code Z[l] = W[l]
   * A[l-1]}.
   *
   * @param A left factor. Not modified.
   * @param B right factor. Not modified.
   * @param C the product, reshaped. Modified; must not alias {@code A} or {@code B}.
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  default void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
    gemm(false, false, 1, A, B, 0, C);
  }

  /**
   * {@code C = Aᵀ B} ({@code multTransA}): the backward product {@code dA[l-1] = W[l]ᵀ dZ[l]}.
   *
   * @param A left factor, used transposed. Not modified.
   * @param B right factor. Not modified.
   * @param C the product, reshaped. Modified; must not alias {@code A} or {@code B}.
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  default void multTransA(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
    gemm(true, false, 1, A, B, 0, C);
  }

  /**
   * {@code C = A Bᵀ} ({@code multTransB}): the backward product {@code dW[l] = dZ[l] A[l-1]ᵀ}, and
   * the forward product {@code Z[1] = W[1] Xᵀ} of a batch given as rows.
   *
   * @param A left factor. Not modified.
   * @param B right factor, used transposed. Not modified.
   * @param C the product, reshaped. Modified; must not alias {@code A} or {@code B}.
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  default void multTransB(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
    gemm(false, true, 1, A, B, 0, C);
  }
}

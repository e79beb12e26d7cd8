package io.ffnn.core.backend;

import org.ejml.data.DMatrixRMaj;
import io.ffnn.core.internal.Floats;
import org.ejml.data.FMatrixRMaj;

/**
 * The matrix products of the recurrences — {@code Z = W A} (forward), {@code dW = dZ Aᵀ} and {@code
 * dA = Wᵀ dZ} (backward) — as one general product, so that a faster library can do them: {@code C
 * = α op(A) op(B) + β C} on row-major EJML matrices, {@code op(X)} being {@code X} or {@code Xᵀ}.
 *
 * <p>Each product comes in {@code double} ({@link DMatrixRMaj}) and in {@code float} ({@link
 * FMatrixRMaj}), for networks of {@link io.ffnn.core.Precision#FLOAT32}. The {@code float}
 * methods have defaults that go through the {@code double} ones with copies (exact, but
 * allocating and slower); every backend of ffnn overrides them.
 *
 * <p>Backends are plugins: implementations are registered in {@code
 * META-INF/services/io.ffnn.core.backend.Backend} and found by {@link Backends}. They are
 * stateless and thread-safe, must not allocate once their outputs have their capacity, and must
 * give the same results as {@link EjmlBackend} up to rounding.
 */
public interface Backend {

  /**
   * The backend's name, for {@code -Dffnn.backend=NAME} and the tool's {@code --backend}.
   *
   * @return a stable lower-case name, e.g. {@code "ejml"}
   */
  String name();

  /**
   * Which backend wins when none is chosen by name: the highest priority that loads.
   *
   * @return the priority; the pure-Java default has 0
   */
  default int priority() {
    return 0;
  }

  /**
   * A one-line description for listings: the library, its version, threads.
   *
   * @return the description
   */
  default String description() {
    return name();
  }

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
   * {@code C = A B}, as EJML's {@code CommonOps_DDRM.mult} names it: the forward product {@code
   * Z[l] = W[l] A[l-1]}.
   *
   * @param A left factor. Not modified.
   * @param B right factor. Not modified.
   * @param C the product, reshaped. Modified; must not alias {@code A} or {@code B}.
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  default void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
    gemm(false, false, 1.0, A, B, 0.0, C);
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
    gemm(true, false, 1.0, A, B, 0.0, C);
  }

  /**
   * {@code C = A Bᵀ} ({@code multTransB}): the backward product {@code dW[l] = dZ[l] A[l-1]ᵀ}.
   *
   * @param A left factor. Not modified.
   * @param B right factor, used transposed. Not modified.
   * @param C the product, reshaped. Modified; must not alias {@code A} or {@code B}.
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  default void multTransB(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
    gemm(false, true, 1.0, A, B, 0.0, C);
  }

  /**
   * {@code C = α op(A) op(B) + β C} in {@code float}. The default widens the operands to {@code
   * double}, calls {@link #gemm(boolean, boolean, double, DMatrixRMaj, DMatrixRMaj, double,
   * DMatrixRMaj)} and rounds the product back, allocating three matrices per call; a backend with
   * a {@code float} product (BLAS's {@code sgemm}) overrides it.
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
  default void gemm(boolean transA, boolean transB, float alpha, FMatrixRMaj A, FMatrixRMaj B,
      float beta, FMatrixRMaj C) {
    prepare(transA, transB, A, B, beta, C);
    DMatrixRMaj c = new DMatrixRMaj(C.numRows, C.numCols);
    if (beta != 0) {
      Floats.widen(C, c);
    }
    gemm(transA, transB, alpha, Floats.widen(A, new DMatrixRMaj(1, 1)),
        Floats.widen(B, new DMatrixRMaj(1, 1)), beta, c);
    Floats.narrow(c, C);
  }

  /**
   * {@code C = A B} in {@code float}: the forward product of a float32 network.
   *
   * @param A left factor. Not modified.
   * @param B right factor. Not modified.
   * @param C the product, reshaped. Modified; must not alias {@code A} or {@code B}.
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  default void mult(FMatrixRMaj A, FMatrixRMaj B, FMatrixRMaj C) {
    gemm(false, false, 1f, A, B, 0f, C);
  }

  /**
   * {@code C = Aᵀ B} in {@code float}: {@code dA[l-1] = W[l]ᵀ dZ[l]} of a float32 network.
   *
   * @param A left factor, used transposed. Not modified.
   * @param B right factor. Not modified.
   * @param C the product, reshaped. Modified; must not alias {@code A} or {@code B}.
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  default void multTransA(FMatrixRMaj A, FMatrixRMaj B, FMatrixRMaj C) {
    gemm(true, false, 1f, A, B, 0f, C);
  }

  /**
   * {@code C = A Bᵀ} in {@code float}: {@code dW[l] = dZ[l] A[l-1]ᵀ} of a float32 network.
   *
   * @param A left factor. Not modified.
   * @param B right factor, used transposed. Not modified.
   * @param C the product, reshaped. Modified; must not alias {@code A} or {@code B}.
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  default void multTransB(FMatrixRMaj A, FMatrixRMaj B, FMatrixRMaj C) {
    gemm(false, true, 1f, A, B, 0f, C);
  }

  /**
   * Checks the shapes of a {@link #gemm} call and reshapes {@code C} when {@code β = 0}; for
   * implementations.
   *
   * @param transA whether {@code A} is transposed
   * @param transB whether {@code B} is transposed
   * @param A left factor
   * @param B right factor
   * @param beta {@code β}
   * @param C the output
   * @throws IllegalArgumentException on a shape mismatch, naming the shapes
   */
  static void prepare(boolean transA, boolean transB, DMatrixRMaj A, DMatrixRMaj B, double beta,
      DMatrixRMaj C) {
    int m = transA ? A.numCols : A.numRows;
    int k = transA ? A.numRows : A.numCols;
    int kb = transB ? B.numCols : B.numRows;
    int n = transB ? B.numRows : B.numCols;
    if (k != kb) {
      throw new IllegalArgumentException("gemm: op(A) is " + m + "x" + k + " but op(B) is " + kb
          + "x" + n);
    }
    if (A == C || B == C) {
      throw new IllegalArgumentException("gemm: C must not alias A or B");
    }
    if (beta == 0) {
      C.reshape(m, n);
    } else if (C.numRows != m || C.numCols != n) {
      throw new IllegalArgumentException("gemm: C is " + C.numRows + "x" + C.numCols
          + " but op(A) op(B) is " + m + "x" + n);
    }
  }

  /**
   * Checks the shapes of a {@code float} {@link #gemm} call and reshapes {@code C} when {@code β =
   * 0}; for implementations.
   *
   * @param transA whether {@code A} is transposed
   * @param transB whether {@code B} is transposed
   * @param A left factor
   * @param B right factor
   * @param beta {@code β}
   * @param C the output
   * @throws IllegalArgumentException on a shape mismatch, naming the shapes
   */
  static void prepare(boolean transA, boolean transB, FMatrixRMaj A, FMatrixRMaj B, float beta,
      FMatrixRMaj C) {
    int m = transA ? A.numCols : A.numRows;
    int k = transA ? A.numRows : A.numCols;
    int kb = transB ? B.numCols : B.numRows;
    int n = transB ? B.numRows : B.numCols;
    if (k != kb) {
      throw new IllegalArgumentException("gemm: op(A) is " + m + "x" + k + " but op(B) is " + kb
          + "x" + n);
    }
    if (A == C || B == C) {
      throw new IllegalArgumentException("gemm: C must not alias A or B");
    }
    if (beta == 0) {
      C.reshape(m, n);
    } else if (C.numRows != m || C.numCols != n) {
      throw new IllegalArgumentException("gemm: C is " + C.numRows + "x" + C.numCols
          + " but op(A) op(B) is " + m + "x" + n);
    }
  }
}

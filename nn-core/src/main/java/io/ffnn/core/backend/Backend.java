package io.ffnn.core.backend;

import io.ffnn.core.internal.Floats;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;
import org.ejml.data.ReshapeMatrix;

/**
 * The matrix products of the recurrences — {@code Z = W A} (forward), {@code dW = dZ Aᵀ} and {@code
 * dA = Wᵀ dZ} (backward) — as one general product, so that a faster library can do them: {@code C
 * = α op(A) op(B) + β C} on row-major EJML matrices, {@code op(X)} being {@code X} or {@code Xᵀ}.
 *
 * <p>Each product comes in {@code double} ({@link DMatrixRMaj}) and in {@code float} ({@link
 * FMatrixRMaj}), for networks of {@link io.ffnn.core.Precision#FLOAT32}; both are one source,
 * the {@code float} methods generated from the {@code double} ones when ffnn is built. A backend
 * implements {@code gemm} in {@code double}; the {@code float} {@code gemm} has a default that
 * goes through it with copies (exact, but allocating and slower), which every backend of ffnn
 * overrides. The named products ({@code mult}, {@code multTransA}, {@code multTransB}) call
 * {@code gemm}.
 *
 * <p>Backends are plugins: implementations are registered in {@code
 * META-INF/services/io.ffnn.core.backend.Backend} and found by {@link Backends}. They are
 * stateless and thread-safe, must not allocate once their outputs have their capacity, and must
 * give the same results as {@link EjmlBackend} up to rounding.
 */
public interface Backend extends DoubleMatrixProducts, FloatMatrixProducts {

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
   * {@inheritDoc}
   *
   * <p>The default widens the operands to {@code double}, calls {@link #gemm(boolean, boolean,
   * double, DMatrixRMaj, DMatrixRMaj, double, DMatrixRMaj)} and rounds the product back,
   * allocating three matrices per call: exact, but slower. A backend with a {@code float} product
   * (BLAS's {@code sgemm}) overrides it, as every backend of ffnn does.
   */
  @Override
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
    prepare(transA, transB, A, B, beta == 0, C);
  }

  /**
   * {@link #prepare(boolean, boolean, DMatrixRMaj, DMatrixRMaj, double, DMatrixRMaj)} for a
   * {@code float} call.
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
    prepare(transA, transB, A, B, beta == 0, C);
  }

  private static void prepare(boolean transA, boolean transB, Matrix A, Matrix B,
      boolean betaIsZero, ReshapeMatrix C) {
    int m = transA ? A.getNumCols() : A.getNumRows();
    int k = transA ? A.getNumRows() : A.getNumCols();
    int kb = transB ? B.getNumCols() : B.getNumRows();
    int n = transB ? B.getNumRows() : B.getNumCols();
    if (k != kb) {
      throw new IllegalArgumentException("gemm: op(A) is " + m + "x" + k + " but op(B) is " + kb
          + "x" + n);
    }
    if (A == C || B == C) {
      throw new IllegalArgumentException("gemm: C must not alias A or B");
    }
    if (betaIsZero) {
      C.reshape(m, n);
    } else if (C.getNumRows() != m || C.getNumCols() != n) {
      throw new IllegalArgumentException("gemm: C is " + C.getNumRows() + "x" + C.getNumCols()
          + " but op(A) op(B) is " + m + "x" + n);
    }
  }
}

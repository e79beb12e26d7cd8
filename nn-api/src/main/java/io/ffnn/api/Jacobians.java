package io.ffnn.api;

import org.ejml.data.DMatrixRMaj;

/**
 * The generic backward map through full Jacobians, {@code dZ[:,i] = Jac_iᵀ dA[:,i]}: the reference
 * that every faster {@link Activation#backward} must match, and the fallback for activations that
 * only define {@link Activation#jacobian}.
 */
public final class Jacobians {

  /** One {@code n × n} scratch matrix per thread, grown as needed, so the loop allocates nothing. */
  private static final ThreadLocal<DMatrixRMaj> SCRATCH =
      ThreadLocal.withInitial(() -> new DMatrixRMaj(1, 1));

  private Jacobians() {}

  /**
   * Computes {@code dZ[:,i] = Jac_iᵀ dA[:,i]} for every column, forming each Jacobian with {@link
   * Activation#jacobian} into a per-thread scratch matrix.
   *
   * @param g the activation. Not modified.
   * @param Z pre-activations, {@code n × m}. Not modified.
   * @param A activations {@code g(Z)}, {@code n × m}. Not modified.
   * @param dA {@code ∂J/∂A}, {@code n × m}. Not modified.
   * @param dZ {@code ∂J/∂Z}, reshaped to {@code n × m}. Modified; must not alias {@code dA}.
   * @throws IllegalArgumentException if the shapes of {@code Z}, {@code A} and {@code dA} differ
   */
  public static void backward(
      Activation g, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
    backward(g, Z, A, dA, dZ, SCRATCH.get());
  }

  /**
   * As {@link #backward(Activation, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj)}, with a
   * caller-owned scratch matrix for the Jacobian.
   *
   * @param g the activation. Not modified.
   * @param Z pre-activations, {@code n × m}. Not modified.
   * @param A activations {@code g(Z)}, {@code n × m}. Not modified.
   * @param dA {@code ∂J/∂A}, {@code n × m}. Not modified.
   * @param dZ {@code ∂J/∂Z}, reshaped to {@code n × m}. Modified; must not alias {@code dA}.
   * @param jac scratch for one Jacobian, reshaped to {@code n × n}. Modified.
   * @throws IllegalArgumentException if the shapes of {@code Z}, {@code A} and {@code dA} differ
   */
  public static void backward(
      Activation g,
      DMatrixRMaj Z,
      DMatrixRMaj A,
      DMatrixRMaj dA,
      DMatrixRMaj dZ,
      DMatrixRMaj jac) {
    Shapes.requireSameShape(g, "backward", "Z", Z, "A", A);
    Shapes.requireSameShape(g, "backward", "Z", Z, "dA", dA);
    final int n = Z.numRows;
    final int m = Z.numCols;
    dZ.reshape(n, m);
    for (int i = 0; i < m; i++) {
      g.jacobian(Z, A, i, jac);
      if (jac.numRows != n || jac.numCols != n) {
        throw new IllegalStateException(
            g.spec() + " backward: jacobian() produced " + Shapes.of(jac) + ", expected " + n + "x" + n);
      }
      // dZ[j,i] = Σ_p Jac[p][j] dA[p,i]: the transpose, row p of Jac scattered into all j
      for (int j = 0; j < n; j++) {
        dZ.data[j * m + i] = 0.0;
      }
      for (int p = 0; p < n; p++) {
        double dap = dA.data[p * m + i];
        int row = p * n;
        for (int j = 0; j < n; j++) {
          dZ.data[j * m + i] += jac.data[row + j] * dap;
        }
      }
    }
  }
}

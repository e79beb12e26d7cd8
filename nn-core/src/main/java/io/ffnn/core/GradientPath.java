package io.ffnn.core;

/**
 * How backward propagation gets {@code dZ[l]} from {@code dA[l]}, and {@code dZ[L]} at the output.
 */
public enum GradientPath {

  /**
   * The normal path: the cost's fused output gradient where it declares one for the output
   * activation, else seed × Jacobian; every layer through {@link io.ffnn.api.Activation#backward}
   * (the O(n·m) form for elementwise activations).
   */
  AUTO,

  /**
   * Never fused: {@code dA[L]} is the cost's seed and {@code dZ[L] = Jacᵀ dA[L]} through {@link
   * io.ffnn.api.Activation#backward}, even for pairs that fuse.
   */
  GENERIC,

  /**
   * The reference: never fused, and every layer's {@code dZ} formed from full Jacobians with
   * {@link io.ffnn.api.Jacobians#backward}, even for elementwise activations. Slow; for checks.
   */
  JACOBIAN
}

/**
 * Networks and their recurrences. Forward: {@code Z[l] = W[l] A[l-1] + b[l]}, {@code A[l] =
 * g[l](Z[l])}, {@code J = f(A[L], Y)}. Backward: {@code dZ[l] = Jacᵀ dA[l]} (or the cost's fused
 * {@code dZ[L]}), {@code dW[l] = dZ[l] A[l-1]ᵀ}, {@code db[l] = Σ_i dZ[l][:,i]}, {@code dA[l-1] =
 * W[l]ᵀ dZ[l]}.
 *
 * <p>{@link io.ffnn.core.NetworkSpec} describes a network, {@link io.ffnn.core.Network} holds its
 * weights and propagates through a reusable {@link io.ffnn.core.Workspace}, and {@link
 * io.ffnn.core.GradientCheck} verifies its gradients against finite differences. Training lives
 * in {@code io.ffnn.core.training}, update rules in {@code io.ffnn.core.optimizers}, metrics in
 * {@code io.ffnn.core.metrics}.
 */
package io.ffnn.core;

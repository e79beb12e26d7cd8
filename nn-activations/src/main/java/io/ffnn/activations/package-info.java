/**
 * The built-in activations, each registered in {@code META-INF/services/io.ffnn.api.Activation}:
 * {@code identity}, {@code sigmoid}, {@code tanh}, {@code relu} (elementwise, with {@code dZ = dA ⊙
 * g'(Z)}) and {@code softmax} (vector-valued, with the O(n) backward {@code a ⊙ (da − aᵀda)}).
 */
package io.ffnn.activations;

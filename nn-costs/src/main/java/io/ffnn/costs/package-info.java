/**
 * The built-in costs, each registered in {@code META-INF/services/io.ffnn.api.Cost}: {@code mse},
 * {@code bce}, {@code multilabel_bce} and {@code cce}. Each averages over the {@code m} examples
 * and its seed includes the {@code 1/m}; the cross-entropies fuse with their natural output
 * ({@code sigmoid}, {@code softmax}) to {@code dZ[L] = (A[L] − Y) / m}.
 */
package io.ffnn.costs;

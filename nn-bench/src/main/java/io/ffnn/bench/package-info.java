/**
 * JMH benchmarks: {@link io.ffnn.bench.NetworkBenchmark} times forward propagation, forward and
 * backward propagation, and full training steps; {@link io.ffnn.bench.GemmBenchmark} the {@code
 * dgemm} and {@code sgemm} products that bound them.
 */
package io.ffnn.bench;

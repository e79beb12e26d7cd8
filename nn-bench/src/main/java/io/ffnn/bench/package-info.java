/**
 * JMH benchmarks: {@link io.ffnn.bench.NetworkBenchmark} times forward propagation, forward and
 * backward propagation, and full training steps.
 */
package io.ffnn.bench;

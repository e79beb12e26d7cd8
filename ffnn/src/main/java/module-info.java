/**
 * ffnn for the common case: networks ({@code io.ffnn.core}), data and model files ({@code
 * io.ffnn.io}) and training ({@code io.ffnn.train}) with the built-in activations and costs.
 * {@code requires io.ffnn;} brings them all, and the SPI with them.
 */
module io.ffnn {
  requires transitive io.ffnn.core;
  requires transitive io.ffnn.io;
  requires transitive io.ffnn.train;
  requires transitive io.ffnn.activations;
  requires transitive io.ffnn.costs;
}

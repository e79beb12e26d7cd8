/**
 * ffnn for the common case: networks and training ({@code io.ffnn.core}) with the built-in
 * activations and costs. {@code requires io.ffnn;} brings all three, and the SPI with them.
 */
module io.ffnn {
  requires transitive io.ffnn.core;
  requires transitive io.ffnn.activations;
  requires transitive io.ffnn.costs;
}

/**
 * The SPI of ffnn: {@link io.ffnn.api.Activation} and {@link io.ffnn.api.Cost}, the bases and
 * helpers for writing them, the plugin registry, and the conformance kit ({@code
 * io.ffnn.api.check}). A plugin author's whole dependency: it needs EJML's matrices and nothing
 * else.
 */
module io.ffnn.api {
  requires transitive ejml.core;

  exports io.ffnn.api;
  exports io.ffnn.api.check;

  uses io.ffnn.api.Activation;
  uses io.ffnn.api.Cost;
}

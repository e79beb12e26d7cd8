/** Two plugins for ffnn: l2_normalize and smoothed_cce. */
module com.example.plugins {
  requires transitive io.ffnn.api;

  exports com.example.plugins;

  provides io.ffnn.api.Activation with com.example.plugins.L2Normalize;
  provides io.ffnn.api.Cost with com.example.plugins.SmoothedCrossEntropy;
}

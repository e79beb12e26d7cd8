/**
 * Training: the configuration of a run, the loop on one machine, listeners (early stopping,
 * progress lines, checkpoints), optimizers, learning-rate schedules and metrics.
 */
module io.ffnn.train {
  requires transitive io.ffnn.core;
  requires transitive io.ffnn.io;
  requires com.fasterxml.jackson.databind;

  exports io.ffnn.core.metrics;
  exports io.ffnn.core.optimizers;
  exports io.ffnn.core.training;
}

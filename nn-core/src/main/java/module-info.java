/**
 * Networks, their forward and backward recurrences, training, data and model files. The package
 * {@code io.ffnn.core.internal} is not exported: Jackson, Commons CSV and progressbar are details
 * of the implementation, and no exported signature mentions them.
 */
module io.ffnn.core {
  requires transitive io.ffnn.api;
  requires transitive ejml.core;
  requires ejml.ddense;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.csv;
  requires me.tongfei.progressbar;

  exports io.ffnn.core;
  exports io.ffnn.core.backend;
  exports io.ffnn.core.data;
  exports io.ffnn.core.metrics;
  exports io.ffnn.core.model;
  exports io.ffnn.core.optimizers;
  exports io.ffnn.core.training;

  uses io.ffnn.core.backend.Backend;

  provides io.ffnn.core.backend.Backend with io.ffnn.core.backend.EjmlBackend;
}

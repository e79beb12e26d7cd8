/**
 * Networks, their forward and backward recurrences, training, data and model files. The package
 * {@code io.ffnn.core.internal} is exported to nn-blas and nn-onnx alone (nn-spark, on the class
 * path, reads it too): it holds what other ffnn packages and modules share without it being API.
 * Jackson, Commons CSV and progressbar are details of the implementation, and no exported
 * signature mentions them.
 */
// io.ffnn.blas and io.ffnn.onnx, to which the internal package is exported, are built after
// this module
@SuppressWarnings("module")
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
  // what nn-blas's backends and nn-onnx share with nn-core, not part of the API
  exports io.ffnn.core.internal to io.ffnn.blas, io.ffnn.onnx;

  uses io.ffnn.core.backend.Backend;

  provides io.ffnn.core.backend.Backend with io.ffnn.core.backend.EjmlBackend;
}

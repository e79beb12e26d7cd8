/**
 * Data and model files: data sets and their formats (CSV with column encodings, IDX, generated
 * sets), scalers, and the model files that keep a network with its scalers and names. Jackson and
 * Commons CSV are details of the implementation, and no exported signature mentions them. The
 * package {@code io.ffnn.core.internal.files} is exported to ffnn's own modules alone.
 */
// the modules to which the internal package is exported are built after this one
@SuppressWarnings("module")
module io.ffnn.io {
  requires transitive io.ffnn.core;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.csv;

  exports io.ffnn.core.data;
  exports io.ffnn.core.model;
  // the archive, atomic writes, JSON helpers and number syntax: not part of the API
  exports io.ffnn.core.internal.files to io.ffnn.train, io.ffnn.onnx;
  // how datasets hold their inputs, which training gathers from: not part of the API
  exports io.ffnn.core.internal.data to io.ffnn.train;
}

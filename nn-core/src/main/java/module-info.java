/**
 * Networks: their specification and parameters, forward and backward propagation, workspaces,
 * initialisers, the matrix-product backends and the whole-network gradient check. It needs nn-api
 * and EJML alone: an application that only builds or runs networks pulls in nothing else. The
 * package {@code io.ffnn.core.internal} is exported to ffnn's own modules alone: it holds what
 * they share without it being API.
 */
// the modules to which the internal package is exported are built after this one
@SuppressWarnings("module")
module io.ffnn.core {
  requires transitive io.ffnn.api;
  requires transitive ejml.core;
  requires ejml.ddense;

  exports io.ffnn.core;
  exports io.ffnn.core.backend;
  // the loops both precisions run, and their conversions: not part of the API
  exports io.ffnn.core.internal to io.ffnn.io, io.ffnn.train, io.ffnn.blas;

  uses io.ffnn.core.backend.Backend;

  provides io.ffnn.core.backend.Backend with io.ffnn.core.backend.EjmlBackend;
}

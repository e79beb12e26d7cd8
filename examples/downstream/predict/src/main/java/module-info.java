/**
 * An application that only loads a model file and predicts: it reads nn-io (model files, and
 * through it the network); the plugins on the module path are found as services.
 */
module com.example.predict {
  requires io.ffnn.io;
}

/**
 * The built-in activations, found by {@code ServiceLoader} on the module path (through {@code
 * provides}) and on the class path (through {@code META-INF/services}) alike.
 */
module io.ffnn.activations {
  requires transitive io.ffnn.api;
  requires org.apache.commons.numbers.gamma;

  exports io.ffnn.activations;

  provides io.ffnn.api.Activation with
      io.ffnn.activations.Identity,
      io.ffnn.activations.Sigmoid,
      io.ffnn.activations.HardSigmoid,
      io.ffnn.activations.Tanh,
      io.ffnn.activations.HardTanh,
      io.ffnn.activations.Relu,
      io.ffnn.activations.Relu6,
      io.ffnn.activations.LeakyRelu,
      io.ffnn.activations.Elu,
      io.ffnn.activations.Selu,
      io.ffnn.activations.Celu,
      io.ffnn.activations.Gelu,
      io.ffnn.activations.GeluTanh,
      io.ffnn.activations.Silu,
      io.ffnn.activations.Mish,
      io.ffnn.activations.Softplus,
      io.ffnn.activations.Softsign,
      io.ffnn.activations.Softmax,
      io.ffnn.activations.LogSoftmax,
      io.ffnn.activations.Sparsemax;
}

/**
 * The built-in costs, found by {@code ServiceLoader} on the module path (through {@code
 * provides}) and on the class path (through {@code META-INF/services}) alike.
 */
module io.ffnn.costs {
  requires transitive io.ffnn.api;

  exports io.ffnn.costs;

  provides io.ffnn.api.Cost with
      io.ffnn.costs.MeanSquaredError,
      io.ffnn.costs.MeanAbsoluteError,
      io.ffnn.costs.Huber,
      io.ffnn.costs.LogCosh,
      io.ffnn.costs.BinaryCrossEntropy,
      io.ffnn.costs.MultilabelBinaryCrossEntropy,
      io.ffnn.costs.CategoricalCrossEntropy,
      io.ffnn.costs.SparseCategoricalCrossEntropy,
      io.ffnn.costs.NegativeLogLikelihood,
      io.ffnn.costs.KlDivergence,
      io.ffnn.costs.Poisson,
      io.ffnn.costs.Hinge,
      io.ffnn.costs.SquaredHinge;
}

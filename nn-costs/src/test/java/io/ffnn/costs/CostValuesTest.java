package io.ffnn.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.api.PluginRegistry;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known values of the costs added with the full catalogue, computed independently from their
 * definitions. The conformance kit checks the seeds against finite differences of these values.
 */
class CostValuesTest {

  /** Scores and ±1 targets, 2 outputs × 2 examples. */
  private static final DMatrixRMaj SCORES = new DMatrixRMaj(2, 2, true, 0.3, -1.2, 2.0, 0.5);
  private static final DMatrixRMaj SIGNS = new DMatrixRMaj(2, 2, true, 1, -1, -1, 1);

  @ParameterizedTest(name = "{0}")
  @CsvSource({"mae, 1.1", "huber, 0.7225", "huber(delta=2.0), 1.0975",
      "log_cosh, 0.6691453281836439", "hinge, 1.05", "squared_hinge, 2.435"})
  void regressionAndMarginCosts(String spec, double expected) {
    assertEquals(expected, PluginRegistry.getDefault().cost(spec).value(SCORES, SIGNS), 1e-14);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"poisson, 1.647207597279746"})
  void poissonOfLogRates(String spec, double expected) {
    DMatrixRMaj counts = new DMatrixRMaj(2, 2, true, 0, 2, 3, 1);
    assertEquals(expected, PluginRegistry.getDefault().cost(spec).value(SCORES, counts), 1e-14);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"sparse_cce, 0.4337502838523616", "cce, 0.4337502838523616",
      "nll, 0.4337502838523616", "kl_divergence, 0.14043724298625143"})
  void probabilityCosts(String spec, double expected) {
    DMatrixRMaj probabilities = new DMatrixRMaj(3, 2, true, 0.7, 0.1, 0.2, 0.3, 0.1, 0.6);
    DMatrixRMaj Yhat = probabilities;
    DMatrixRMaj Y;
    switch (spec) {
      case "sparse_cce":
        Y = new DMatrixRMaj(1, 2, true, 0, 2);
        break;
      case "nll":
        Yhat = probabilities.copy();
        for (int k = 0; k < 6; k++) {
          Yhat.data[k] = Math.log(Yhat.data[k]);
        }
        Y = new DMatrixRMaj(3, 2, true, 1, 0, 0, 0, 0, 1);
        break;
      case "kl_divergence":
        Y = new DMatrixRMaj(3, 2, true, 0.5, 0, 0.25, 0.5, 0.25, 0.5);
        break;
      default:
        Y = new DMatrixRMaj(3, 2, true, 1, 0, 0, 0, 0, 1);
    }
    assertEquals(expected, PluginRegistry.getDefault().cost(spec).value(Yhat, Y), 1e-14);
  }
}

package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.testing.core.TestData;
import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.check.CheckResult;
import io.ffnn.api.check.PluginChecks;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The built-in plugins as the core finds them: every one checked, every fused pair proven. */
class BuiltinPluginsTest {

  private final PluginRegistry registry = PluginRegistry.getDefault();

  @Test
  void everyBuiltInActivationPassesTheConformanceKit() {
    assertEquals(20, registry.activations().size());
    for (PluginInfo info : registry.activations()) {
      PluginChecks.checkActivation(registry.activation(info.name()));
    }
  }

  /** Each cost with its natural output activation and an output size it accepts. */
  static final String NATURAL = "bce, sigmoid, 1|cce, softmax, 4|sparse_cce, softmax, 4|"
      + "multilabel_bce, sigmoid, 4|nll, log_softmax, 4|kl_divergence, softmax, 4|"
      + "mse, identity, 3|mae, identity, 3|huber, identity, 3|log_cosh, identity, 3|"
      + "poisson, identity, 3|hinge, identity, 3|squared_hinge, tanh, 3";

  static Stream<Arguments> naturalPairs() {
    return Arrays.stream(NATURAL.split("\\|")).map(row -> {
      String[] f = row.split(",");
      return Arguments.of(f[0].trim(), f[1].trim(), Integer.parseInt(f[2].trim()));
    });
  }

  @Test
  void everyCostHasANaturalPairHere() {
    assertEquals(registry.costs().size(), naturalPairs().count());
  }

  /**
   * The kit's default calls, exactly as docs/writing-plugins.md shows them, for every built-in plugin: an
   * activation alone, a cost alone, a cost after its natural output. A correct plugin must pass
   * them without options.
   */
  @Test
  void theReadmesCallsPassForEveryBuiltIn() {
    for (PluginInfo info : registry.activations()) {
      PluginChecks.checkActivation(registry.activation(info.name()));
    }
    for (PluginInfo info : registry.costs()) {
      PluginChecks.checkCost(registry.cost(info.name()));
    }
    naturalPairs().forEach(pair -> PluginChecks.checkCost(
        registry.cost((String) pair.get()[0]), registry.activation((String) pair.get()[1])));
  }

  @ParameterizedTest(name = "{0} after {1}")
  @MethodSource("naturalPairs")
  void everyBuiltInCostPassesTheConformanceKitWithItsNaturalOutput(String cost, String output,
      int n) {
    Cost c = registry.cost(cost);
    Activation g = registry.activation(output);
    PluginChecks.Options options = PluginChecks.Options.defaults().withShape(n, 5).withScale(1.0);
    if (cost.equals("poisson")) {
      // a log-rate of 1000 is a rate of e^1000, beyond the largest double: J is +∞ there
      options = options.withEdgeValues(0, 1e-8, -1e-8, 30, -30, 700, -700);
    }
    List<CheckResult> results = PluginChecks.checkCost(c, g, options);
    boolean fusedChecked = results.stream()
        .anyMatch(r -> r.check().startsWith("fused dZ[L] vs seed × backward"));
    assertEquals(c.fusesWith(g), fusedChecked);
    // fused and generic dZ[L] agree to 1e-9 on well-conditioned inputs
    for (CheckResult r : results) {
      if (r.check().startsWith("fused")) {
        assertTrue(r.maxError() <= 1e-9, r.toString());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"cce, softmax", "sparse_cce, softmax", "bce, sigmoid", "multilabel_bce, sigmoid",
      "nll, log_softmax", "poisson, identity"})
  void declaredFusions(String cost, String output) {
    assertTrue(registry.cost(cost).fusesWith(registry.activation(output)));
    assertFalse(registry.cost(cost).fusesWith(registry.activation("tanh")));
  }

  @ParameterizedTest
  @CsvSource({"cce, softmax, 3", "sparse_cce, softmax, 3", "bce, sigmoid, 1",
      "multilabel_bce, sigmoid, 3", "nll, log_softmax, 3", "kl_divergence, softmax, 3"})
  void fusedPathAndCostStayFiniteForLogitsOfPlusMinus1000(String cost, String output, int n) {
    Cost c = registry.cost(cost);
    Activation g = registry.activation(output);
    int m = 4;
    DMatrixRMaj Z = new DMatrixRMaj(n, m);
    for (int k = 0; k < Z.data.length; k++) {
      Z.data[k] = k % 2 == 0 ? 1000 : -1000;
    }
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    // targets that disagree with the saturated outputs: the worst case for logs
    DMatrixRMaj Y = new DMatrixRMaj(c.targetDomain().rows(n), m);
    for (int i = 0; i < m; i++) {
      if (cost.equals("sparse_cce")) {
        Y.set(0, i, (i + 1) % n);
      } else {
        Y.set(n == 1 ? 0 : (i + 1) % n, i, n == 1 ? (i % 2 == 0 ? 0.0 : 1.0) : 1.0);
      }
    }
    double J = c.value(A, Y);
    assertTrue(Double.isFinite(J), cost + ": J = " + J);
    if (c.fusesWith(g)) {
      DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
      c.fusedOutputGradient(g, Z, A, Y, dZ);
      assertFinite(cost, dZ);
    }

    // the same through a network whose output logits are ±1000
    Network net = Network.build(NetworkSpec.builder(2).layer(n, output).cost(cost).seed(1)
        .build());
    DMatrixRMaj W1 = net.W(1);
    for (int k = 0; k < W1.data.length; k++) {
      W1.data[k] = k % 2 == 0 ? 1000 : -1000;
    }
    net.setParameter(net.layout().weights(1), W1);
    Random rng = new Random(2);
    DMatrixRMaj X = TestData.gaussian(2, m, rng);
    Workspace ws = net.newWorkspace();
    double netJ = net.computeGradients(X, Y, ws);
    assertTrue(Double.isFinite(netJ), cost + ": J = " + netJ);
    assertFinite(cost, ws.dW(1));
    assertFinite(cost, ws.db(1));
  }

  private static void assertFinite(String what, DMatrixRMaj M) {
    for (int k = 0; k < M.getNumElements(); k++) {
      assertTrue(Double.isFinite(M.data[k]), what + ": " + M);
    }
  }
  /**
   * The built-ins at random inputs drawn with standard deviations up to 20 (logits of ±60, where
   * softmax and sigmoid saturate to within 1e-26 of 0 and 1), six seeds each, with the edge
   * values and degenerate columns of every call: no false alarm. Before the kit kept its finite
   * differences inside the cost's domain and scaled the agreement of exact forms to rounding,
   * 59 of the 990 activation and cost-after-output calls here failed correct plugins.
   */
  @Test
  void theBuiltInsPassAtRandomExtremeAndDegenerateInputsWithScalesUpTo20() {
    for (double scale : new double[] {1, 2, 5, 10, 20}) {
      for (long seed = 1; seed <= 6; seed++) {
        PluginChecks.Options o = PluginChecks.Options.defaults().withScale(scale).withSeed(seed);
        for (PluginInfo info : registry.activations()) {
          PluginChecks.checkActivation(registry.activation(info.name()), o);
        }
        naturalPairs().forEach(pair -> PluginChecks.checkCost(
            registry.cost((String) pair.get()[0]), registry.activation((String) pair.get()[1]),
            o.withShape((Integer) pair.get()[2], 5)));
        for (PluginInfo info : registry.costs()) {
          PluginChecks.checkCost(registry.cost(info.name()), o);
        }
      }
    }
  }

  @Test
  void theCasesThatOnceRaisedFalseAlarmsPass() {
    // softmax at a saturated column: backward and Jacobianᵀ dA 2.5e-8 apart relative at dZ[0]
    PluginChecks.checkActivation(registry.activation("softmax"),
        new DMatrixRMaj(new double[][] {{20}, {1}, {0}, {0.5}}),
        PluginChecks.Options.defaults());
    // cce after softmax and bce after sigmoid at wide logits: probabilities near 2e-7, which a
    // step of 1e-4 crossed
    PluginChecks.checkCost(registry.cost("cce"), registry.activation("softmax"),
        PluginChecks.Options.defaults().withScale(5));
    PluginChecks.checkCost(registry.cost("bce"), registry.activation("sigmoid"),
        PluginChecks.Options.defaults().withScale(20));
  }
}

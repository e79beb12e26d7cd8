package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.check.CheckResult;
import io.ffnn.api.check.PluginChecks;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The built-in plugins as the core finds them: every one checked, every fused pair proven. */
class BuiltinPluginsTest {

  private final PluginRegistry registry = PluginRegistry.getDefault();

  @Test
  void everyBuiltInActivationPassesThePluginChecks() {
    assertEquals(5, registry.activations().size());
    for (PluginInfo info : registry.activations()) {
      PluginChecks.checkActivation(registry.activation(info.name()));
    }
  }

  @ParameterizedTest
  @CsvSource({"bce, sigmoid, 1", "cce, softmax, 4", "multilabel_bce, sigmoid, 4",
      "mse, identity, 3"})
  void everyBuiltInCostPassesThePluginChecksWithItsNaturalOutput(String cost, String output,
      int n) {
    Cost c = registry.cost(cost);
    Activation g = registry.activation(output);
    List<CheckResult> results = PluginChecks.checkCost(c, g,
        PluginChecks.Options.defaults().withShape(n, 5).withScale(1.0));
    boolean fusedChecked = results.stream()
        .anyMatch(r -> r.check().startsWith("fused dZ[L] vs seed × backward"));
    assertEquals(c.fusesWith(g), fusedChecked);
    if (c.fusesWith(g)) {
      // fused and generic dZ[L] agree to 1e-9 on well-conditioned inputs
      for (CheckResult r : results) {
        if (r.check().startsWith("fused")) {
          assertTrue(r.maxError() <= 1e-9, r.toString());
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"cce, softmax, 3", "bce, sigmoid, 1", "multilabel_bce, sigmoid, 3"})
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
    DMatrixRMaj Y = new DMatrixRMaj(n, m);
    for (int i = 0; i < m; i++) {
      Y.set(n == 1 ? 0 : (i + 1) % n, i, n == 1 ? (i % 2 == 0 ? 0.0 : 1.0) : 1.0);
    }
    double J = c.value(A, Y);
    assertTrue(Double.isFinite(J), cost + ": J = " + J);
    DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
    c.fusedOutputGradient(g, Z, A, Y, dZ);
    assertFinite(cost, dZ);

    // the same through a network whose output logits are ±1000
    Network net = Network.build(NetworkSpec.builder(2).layer(n, output).cost(cost).seed(1)
        .build());
    for (int k = 0; k < net.W(1).data.length; k++) {
      net.W(1).data[k] = k % 2 == 0 ? 1000 : -1000;
    }
    Random rng = new Random(2);
    DMatrixRMaj X = TestData.gaussian(2, m, rng);
    Workspace ws = net.newWorkspace();
    double netJ = net.computeGradients(X, TestData.targetsFor(cost, n, m, rng), ws);
    assertTrue(Double.isFinite(netJ), cost + ": J = " + netJ);
    assertFinite(cost, ws.dW(1));
    assertFinite(cost, ws.db(1));
  }

  private static void assertFinite(String what, DMatrixRMaj M) {
    for (int k = 0; k < M.getNumElements(); k++) {
      assertTrue(Double.isFinite(M.data[k]), what + ": " + M);
    }
  }
}

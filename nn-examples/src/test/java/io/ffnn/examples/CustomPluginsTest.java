package io.ffnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginException;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.check.PluginChecks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The plugins that only this module registers, checked with the conformance kit and used. */
class CustomPluginsTest {

  private final PluginRegistry registry = PluginRegistry.getDefault();

  @Test
  void bentIdentityConforms() {
    PluginChecks.checkActivation(new BentIdentity());
    assertEquals(0.0, new BentIdentity().value(0), 0.0);
    assertEquals((Math.sqrt(5) - 1) / 2 + 2, new BentIdentity().value(2), 1e-15);
  }

  @Test
  void quantileConformsForSeveralQuantiles() {
    for (String spec : new String[] {"quantile", "quantile(tau=0.1)", "quantile(tau=0.9)"}) {
      PluginChecks.checkCost(registry.cost(spec));
      PluginChecks.checkCost(registry.cost(spec), registry.activation("identity"));
    }
    // the median's loss is half the absolute error
    DMatrixRMaj Yhat = new DMatrixRMaj(1, 2, true, 1, 4);
    DMatrixRMaj Y = new DMatrixRMaj(1, 2, true, 3, 1);
    assertEquals((0.5 * 2 + 0.5 * 3) / 2, registry.cost("quantile").value(Yhat, Y), 1e-15);
    assertEquals((0.9 * 2 + 0.1 * 3) / 2, registry.cost("quantile(tau=0.9)").value(Yhat, Y),
        1e-15);
    PluginException e = assertThrows(PluginException.class,
        () -> registry.cost("quantile(tau=1.5)"));
    assertTrue(e.getMessage().contains("quantile: tau must be in (0, 1), got 1.5"),
        e.getMessage());
  }

  @Test
  void bothAreDiscoveredFromThisModulesRegistration() {
    assertInstanceOf(BentIdentity.class, registry.activation("bent_identity"));
    assertEquals(registry.cost("quantile(tau=0.25)"), registry.cost("quantile(tau=0.25)"));
    PluginInfo info = registry.costs().stream().filter(i -> i.name().equals("quantile"))
        .findFirst().orElseThrow();
    assertEquals("quantile(tau=0.5)", info.defaultSpec());
    assertTrue(info.location().contains("nn-examples"), info.location());
    assertTrue(registry.problems().isEmpty(), registry.problems().toString());
  }

  @Test
  void theExampleLearnsThe90thPercentile() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    double coverage = CustomPluginExample.run(new PrintStream(bytes, true,
        StandardCharsets.UTF_8));
    assertTrue(coverage > 0.86 && coverage < 0.94, "coverage " + coverage);
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("cost quantile(tau=0.9)"));
  }
}

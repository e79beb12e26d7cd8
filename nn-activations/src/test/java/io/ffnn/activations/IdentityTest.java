package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ffnn.api.check.PluginChecks;
import org.junit.jupiter.api.Test;

class IdentityTest {

  private final Identity g = new Identity();

  @Test
  void passesThePluginChecks() {
    PluginChecks.checkActivation(g);
  }

  @Test
  void knownValues() {
    assertArrayEquals(new double[] {-3, 0, 2.5}, ActivationAssertions.apply(g, -3, 0, 2.5), 0);
    ActivationAssertions.finiteAtExtremes(g);
  }
}

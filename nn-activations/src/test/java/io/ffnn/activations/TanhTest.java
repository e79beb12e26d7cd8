package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ffnn.api.check.PluginChecks;
import org.junit.jupiter.api.Test;

class TanhTest {

  private final Tanh g = new Tanh();

  @Test
  void passesThePluginChecks() {
    PluginChecks.checkActivation(g);
  }

  @Test
  void knownValues() {
    double t = (Math.E * Math.E - 1) / (Math.E * Math.E + 1);
    assertArrayEquals(new double[] {0, t, -t, 1, -1},
        ActivationAssertions.apply(g, 0, 1, -1, 1000, -1000), 1e-15);
    ActivationAssertions.finiteAtExtremes(g);
  }
}

package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.api.check.PluginChecks;
import org.junit.jupiter.api.Test;

class SigmoidTest {

  private final Sigmoid g = new Sigmoid();

  @Test
  void passesThePluginChecks() {
    PluginChecks.checkActivation(g);
    PluginChecks.checkActivation(g, PluginChecks.Options.defaults().withScale(8).withSeed(3));
  }

  @Test
  void knownValues() {
    double[] a = ActivationAssertions.apply(g, 0, Math.log(3), -Math.log(3), 1000, -1000, -40);
    assertArrayEquals(new double[] {0.5, 0.75, 0.25, 1.0, 0.0}, java.util.Arrays.copyOf(a, 5),
        1e-15);
    // the negative branch keeps relative precision where 1 − e^(−z) would lose it
    assertEquals(Math.exp(-40) / (1 + Math.exp(-40)), a[5], 1e-30);
    ActivationAssertions.finiteAtExtremes(g);
  }
}

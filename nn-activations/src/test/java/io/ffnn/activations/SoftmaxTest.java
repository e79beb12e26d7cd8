package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ffnn.api.check.PluginChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

  private final Softmax g = new Softmax();

  @Test
  void passesThePluginChecks() {
    assertFalse(g.isElementwise());
    PluginChecks.checkActivation(g);
    PluginChecks.checkActivation(g, PluginChecks.Options.defaults().withShape(10, 4).withSeed(9));
  }

  @Test
  void knownValuesAndShiftInvariance() {
    double s = 1 + Math.E + Math.E * Math.E;
    assertArrayEquals(new double[] {1 / s, Math.E / s, Math.E * Math.E / s},
        ActivationAssertions.apply(g, 0, 1, 2), 1e-15);
    assertArrayEquals(ActivationAssertions.apply(g, 0, 1, 2),
        ActivationAssertions.apply(g, 500, 501, 502), 1e-15);
  }

  @Test
  void stableForLogitsOfPlusMinus1000() {
    assertArrayEquals(new double[] {1, 0, 0}, ActivationAssertions.apply(g, 1000, -1000, 0), 0);
    assertArrayEquals(new double[] {0.5, 0.5}, ActivationAssertions.apply(g, 1000, 1000), 0);
    ActivationAssertions.finiteAtExtremes(g);
  }

  @Test
  void columnsAreNormalisedSeparately() {
    DMatrixRMaj Z = new DMatrixRMaj(2, 2, true, 0, 3, 0, -3);
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    assertEquals(0.5, A.get(0, 0), 0);
    assertEquals(1 / (1 + Math.exp(-6)), A.get(0, 1), 1e-15);
    assertEquals(1.0, A.get(0, 1) + A.get(1, 1), 1e-15);
  }
}

package io.ffnn.costs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.check.PluginChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class CategoricalCrossEntropyTest {

  private final CategoricalCrossEntropy cost = new CategoricalCrossEntropy();

  @Test
  void knownValueAndSeed() {
    DMatrixRMaj Yhat = new DMatrixRMaj(3, 2, true, 0.7, 0.1, 0.2, 0.3, 0.1, 0.6);
    DMatrixRMaj Y = new DMatrixRMaj(3, 2, true, 1, 0, 0, 0, 0, 1);
    assertEquals(-(Math.log(0.7) + Math.log(0.6)) / 2, cost.value(Yhat, Y), 1e-15);
    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    cost.seed(Yhat, Y, seed);
    assertArrayEquals(new double[] {-1 / 0.7 / 2, 0, 0, 0, 0, -1 / 0.6 / 2}, seed.data, 1e-15);
  }

  @Test
  void passesThePluginChecksWithOneHotAndSoftTargets() {
    DMatrixRMaj Yhat = new DMatrixRMaj(3, 2, true, 0.5, 0.1, 0.3, 0.6, 0.2, 0.3);
    PluginChecks.checkCost(cost, Yhat, new DMatrixRMaj(3, 2, true, 0, 1, 1, 0, 0, 0),
        PluginChecks.Options.defaults());
    PluginChecks.checkCost(cost, Yhat, new DMatrixRMaj(3, 2, true, 0.2, 0.5, 0.5, 0.25, 0.3,
        0.25), PluginChecks.Options.defaults());
  }

  @Test
  void finiteWhenTheTrueClassHasProbabilityZero() {
    double J = cost.value(new DMatrixRMaj(2, 1, true, 0.0, 1.0), new DMatrixRMaj(2, 1, true, 1,
        0));
    assertTrue(Double.isFinite(J) && J > 700, "J = " + J);
  }

  @Test
  void needsAtLeastTwoClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cost.checkOutputLayer(null, 1));
    assertTrue(e.getMessage().contains("cce needs at least 2 classes"), e.getMessage());
  }
}

package io.ffnn.costs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.check.PluginChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyTest {

  private final BinaryCrossEntropy cost = new BinaryCrossEntropy();

  @Test
  void knownValueAndSeed() {
    DMatrixRMaj Yhat = new DMatrixRMaj(1, 2, true, 0.8, 0.4);
    DMatrixRMaj Y = new DMatrixRMaj(1, 2, true, 1, 0);
    assertEquals(-(Math.log(0.8) + Math.log(0.6)) / 2, cost.value(Yhat, Y), 1e-15);
    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    cost.seed(Yhat, Y, seed);
    assertArrayEquals(new double[] {-1 / 0.8 / 2, 1 / 0.6 / 2}, seed.data, 1e-15);
  }

  @Test
  void passesThePluginChecksWithHardAndSoftTargets() {
    DMatrixRMaj Yhat = new DMatrixRMaj(1, 4, true, 0.1, 0.35, 0.6, 0.95);
    PluginChecks.checkCost(cost, Yhat, new DMatrixRMaj(1, 4, true, 0, 1, 1, 0),
        PluginChecks.Options.defaults());
    PluginChecks.checkCost(cost, Yhat, new DMatrixRMaj(1, 4, true, 0.2, 0.5, 0.9, 0.1),
        PluginChecks.Options.defaults());
  }

  @Test
  void finiteWhenProbabilitiesAreExactlyZeroOrOne() {
    DMatrixRMaj Yhat = new DMatrixRMaj(1, 2, true, 0.0, 1.0);
    DMatrixRMaj Y = new DMatrixRMaj(1, 2, true, 1, 0);
    double J = cost.value(Yhat, Y);
    assertTrue(Double.isFinite(J) && J > 700, "J = " + J);
    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    cost.seed(Yhat, Y, seed);
    assertTrue(Double.isFinite(seed.data[0]) && Double.isFinite(seed.data[1]), seed.toString());
    assertEquals(0.0, cost.value(new DMatrixRMaj(1, 2, true, 1, 0), new DMatrixRMaj(1, 2, true,
        1, 0)), 0.0);
  }

  @Test
  void isForOneOutputOnly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cost.value(new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 3)));
    assertTrue(e.getMessage().contains("bce is for one binary output (n[L] = 1)"), e.getMessage());
    assertTrue(e.getMessage().contains("multilabel_bce"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> cost.checkOutputLayer(null, 3));
    cost.checkOutputLayer(null, 1);
  }
}

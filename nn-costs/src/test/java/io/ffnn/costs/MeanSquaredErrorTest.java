package io.ffnn.costs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.check.PluginChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MeanSquaredErrorTest {

  private final MeanSquaredError cost = new MeanSquaredError();

  @Test
  void knownValueAndSeed() {
    // two outputs, two examples: squared errors 1, 4 | 0, 9
    DMatrixRMaj Yhat = new DMatrixRMaj(2, 2, true, 1, 2, 3, 4);
    DMatrixRMaj Y = new DMatrixRMaj(2, 2, true, 0, 2, 1, 1);
    assertEquals((1 + 0 + 4 + 9) / 4.0, cost.value(Yhat, Y), 1e-15);
    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    cost.seed(Yhat, Y, seed);
    assertArrayEquals(new double[] {0.5, 0, 1, 1.5}, seed.data, 1e-15);
  }

  @Test
  void passesThePluginChecks() {
    DMatrixRMaj Yhat = new DMatrixRMaj(3, 4, true, 0.1, -2, 3, 0.4, 5, -0.6, 7, 0.8, 9, 1, -1, 2);
    DMatrixRMaj Y = new DMatrixRMaj(3, 4, true, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    PluginChecks.checkCost(cost, Yhat, Y, PluginChecks.Options.defaults());
  }

  @Test
  void shapeMismatchNamesTheCostAndShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cost.value(new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 2)));
    assertTrue(e.getMessage().contains("mse: Ŷ is 2x3 but Y is 2x2"), e.getMessage());
  }
}

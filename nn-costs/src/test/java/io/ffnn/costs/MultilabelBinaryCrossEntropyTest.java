package io.ffnn.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.check.PluginChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MultilabelBinaryCrossEntropyTest {

  private final MultilabelBinaryCrossEntropy cost = new MultilabelBinaryCrossEntropy();

  @Test
  void sumsOverOutputsAndAveragesOverExamples() {
    DMatrixRMaj Yhat = new DMatrixRMaj(2, 2, true, 0.9, 0.2, 0.3, 0.6);
    DMatrixRMaj Y = new DMatrixRMaj(2, 2, true, 1, 0, 0, 1);
    double expected = -(Math.log(0.9) + Math.log(0.7) + Math.log(0.8) + Math.log(0.6)) / 2;
    assertEquals(expected, cost.value(Yhat, Y), 1e-15);
    BinaryCrossEntropy single = new BinaryCrossEntropy();
    double perLabel = single.value(new DMatrixRMaj(1, 2, true, 0.9, 0.2),
        new DMatrixRMaj(1, 2, true, 1, 0))
        + single.value(new DMatrixRMaj(1, 2, true, 0.3, 0.6), new DMatrixRMaj(1, 2, true, 0, 1));
    assertEquals(perLabel, cost.value(Yhat, Y), 1e-15);
  }

  @Test
  void passesThePluginChecks() {
    DMatrixRMaj Yhat = new DMatrixRMaj(3, 2, true, 0.1, 0.5, 0.7, 0.2, 0.9, 0.45);
    DMatrixRMaj Y = new DMatrixRMaj(3, 2, true, 0, 1, 1, 0, 1, 1);
    PluginChecks.checkCost(cost, Yhat, Y, PluginChecks.Options.defaults());
  }

  @Test
  void finiteAtSaturatedOutputs() {
    double J = cost.value(new DMatrixRMaj(2, 1, true, 0.0, 1.0), new DMatrixRMaj(2, 1, true, 1, 0));
    assertTrue(Double.isFinite(J), "J = " + J);
  }
}

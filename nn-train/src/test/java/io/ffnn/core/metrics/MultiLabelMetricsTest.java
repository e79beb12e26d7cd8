package io.ffnn.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.api.PluginRegistry;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MultiLabelMetricsTest {

  @Test
  void perLabelAccuracyHammingLossAndSubsetAccuracy() {
    DMatrixRMaj yhat = new DMatrixRMaj(2, 3, true, 0.9, 0.2, 0.6, 0.1, 0.7, 0.4);
    DMatrixRMaj y = new DMatrixRMaj(2, 3, true, 1, 0, 0, 0, 1, 1);
    MultiLabelMetrics m = MultiLabelMetrics.of(yhat, y, 0.5);
    assertEquals(2 / 3.0, m.labelAccuracy(0), 1e-15);
    assertEquals(2 / 3.0, m.labelAccuracy(1), 1e-15);
    assertEquals(2 / 6.0, m.hammingLoss(), 1e-15);
    assertEquals(1 - 2 / 6.0, m.accuracy(), 1e-15);
    assertEquals(2 / 3.0, m.subsetAccuracy(), 1e-15);
    assertEquals(4, Correct.count(Task.MULTILABEL, yhat, y, 0.5));
  }

  @Test
  void theTaskFollowsFromTheCost() {
    PluginRegistry r = PluginRegistry.getDefault();
    assertEquals(Task.MULTICLASS, Task.of(r.cost("cce"), 3));
    assertEquals(Task.MULTICLASS, Task.of(r.cost("sparse_cce"), 3));
    assertEquals(Task.MULTICLASS, Task.of(r.cost("nll"), 3));
    assertEquals(Task.BINARY, Task.of(r.cost("bce"), 1));
    assertEquals(Task.MULTILABEL, Task.of(r.cost("multilabel_bce"), 4));
    assertEquals(Task.BINARY, Task.of(r.cost("hinge"), 1));
    assertEquals(Task.REGRESSION, Task.of(r.cost("mse"), 2));
    assertEquals(Task.REGRESSION, Task.of(r.cost("poisson"), 2));
    assertEquals(0.0, Task.threshold(r.cost("hinge").targetDomain()), 0.0);
    assertEquals(0.5, Task.threshold(r.cost("bce").targetDomain()), 0.0);
  }
}

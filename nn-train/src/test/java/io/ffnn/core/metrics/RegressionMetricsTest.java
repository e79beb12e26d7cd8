package io.ffnn.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

  @Test
  void mseMaeAndR2() {
    DMatrixRMaj y = new DMatrixRMaj(1, 4, true, 1, 2, 3, 4);
    DMatrixRMaj yhat = new DMatrixRMaj(1, 4, true, 1.5, 2, 2, 4);
    RegressionMetrics r = RegressionMetrics.of(yhat, y);
    assertEquals((0.25 + 1) / 4, r.mse(), 1e-15);
    assertEquals(1.5 / 4, r.mae(), 1e-15);
    // SS_tot = 5, SS_res = 1.25
    assertEquals(1 - 1.25 / 5, r.r2(), 1e-15);
  }

  @Test
  void r2IsAveragedOverOutputsAndAccumulatesAcrossBatches() {
    DMatrixRMaj y = new DMatrixRMaj(2, 4, true, 1, 2, 3, 4, 0, 0, 1, 1);
    DMatrixRMaj yhat = new DMatrixRMaj(2, 4, true, 1, 2, 3, 4, 0.5, 0, 1, 0.5);
    RegressionMetrics whole = RegressionMetrics.of(yhat, y);
    // output 0 perfect (1), output 1: SS_res 0.5, SS_tot 1 → 0.5
    assertEquals(0.75, whole.r2(), 1e-15);
    RegressionMetrics.Accumulator acc = new RegressionMetrics.Accumulator(2);
    acc.add(new DMatrixRMaj(2, 1, true, 1, 0.5), new DMatrixRMaj(2, 1, true, 1, 0));
    acc.add(new DMatrixRMaj(2, 3, true, 2, 3, 4, 0, 1, 0.5), new DMatrixRMaj(2, 3, true, 2, 3, 4,
        0, 1, 1));
    assertEquals(whole.r2(), acc.result().r2(), 1e-15);
    assertEquals(whole.mse(), acc.result().mse(), 1e-15);
    assertEquals(whole.mae(), acc.result().mae(), 1e-15);
  }

  @Test
  void constantTargetsCountAsPerfectOnlyWhenHit() {
    DMatrixRMaj y = new DMatrixRMaj(1, 3, true, 2, 2, 2);
    assertEquals(1.0, RegressionMetrics.of(y.copy(), y).r2(), 0.0);
    assertEquals(0.0, RegressionMetrics.of(new DMatrixRMaj(1, 3, true, 2, 2, 3), y).r2(), 0.0);
  }
}

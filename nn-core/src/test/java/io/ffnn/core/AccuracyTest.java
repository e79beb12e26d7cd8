package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class AccuracyTest {

  @Test
  void argmaxForSeveralOutputs() {
    DMatrixRMaj Yhat = new DMatrixRMaj(3, 4, true,
        0.7, 0.1, 0.3, 0.2,
        0.2, 0.8, 0.3, 0.3,
        0.1, 0.1, 0.4, 0.5);
    DMatrixRMaj Y = new DMatrixRMaj(3, 4, true,
        1, 0, 0, 1,
        0, 1, 0, 0,
        0, 0, 1, 0);
    assertEquals(0.75, Accuracy.of(Yhat, Y), 0.0);
    assertEquals(2, Accuracy.argmax(Yhat, 3));
  }

  @Test
  void thresholdForOneOutput() {
    DMatrixRMaj Yhat = new DMatrixRMaj(1, 4, true, 0.9, 0.4, 0.5, 0.1);
    DMatrixRMaj Y = new DMatrixRMaj(1, 4, true, 1, 1, 1, 0);
    assertEquals(0.75, Accuracy.of(Yhat, Y), 0.0);
    assertThrows(IllegalArgumentException.class,
        () -> Accuracy.of(new DMatrixRMaj(1, 3), new DMatrixRMaj(1, 4)));
  }
}

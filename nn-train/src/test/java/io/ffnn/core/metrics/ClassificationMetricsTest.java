package io.ffnn.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

  // 3 classes, 5 examples; predicted classes 0, 1, 2, 2, 0; true classes 0, 1, 1, 2, 2
  private static final DMatrixRMaj YHAT = new DMatrixRMaj(3, 5, true,
      0.7, 0.1, 0.2, 0.1, 0.5,
      0.2, 0.8, 0.3, 0.2, 0.1,
      0.1, 0.1, 0.5, 0.7, 0.4);
  private static final DMatrixRMaj ONE_HOT = new DMatrixRMaj(3, 5, true,
      1, 0, 0, 0, 0,
      0, 1, 1, 0, 0,
      0, 0, 0, 1, 1);

  @Test
  void confusionMatrixPrecisionRecallAndF1() {
    ClassificationMetrics c = ClassificationMetrics.of(YHAT, ONE_HOT, 0.5);
    assertArrayEquals(new long[][] {{1, 0, 0}, {0, 1, 1}, {1, 0, 1}}, c.confusionMatrix());
    assertEquals(0.6, c.accuracy(), 1e-15);
    assertEquals(0.5, c.precision(0), 1e-15);
    assertEquals(1.0, c.recall(0), 1e-15);
    assertEquals(2 * 0.5 / 1.5, c.f1(0), 1e-15);
    assertEquals(1.0, c.precision(1), 1e-15);
    assertEquals(0.5, c.recall(1), 1e-15);
    assertEquals(0.5, c.precision(2), 1e-15);
    assertEquals((2 / 3.0 + 2 / 3.0 + 0.5) / 3, c.macroF1(), 1e-15);
    assertTrue(c.toString().contains("confusion matrix"), c.toString());
  }

  @Test
  void aClassThatNeitherOccursNorIsPredictedDoesNotCountInMacroF1() {
    // 4 classes; class 3 is in neither the targets nor the predictions
    DMatrixRMaj yhat = new DMatrixRMaj(4, 5);
    DMatrixRMaj y = new DMatrixRMaj(4, 5);
    for (int i = 0; i < 5; i++) {
      for (int p = 0; p < 3; p++) {
        yhat.set(p, i, YHAT.get(p, i));
        y.set(p, i, ONE_HOT.get(p, i));
      }
    }
    ClassificationMetrics c = ClassificationMetrics.of(yhat, y, 0.5);
    assertEquals(4, c.classes());
    assertEquals(0.0, c.f1(3), 0.0);
    assertEquals((2 / 3.0 + 2 / 3.0 + 0.5) / 3, c.macroF1(), 1e-15);
    // predicted but absent: a false positive counts, with F1 0
    yhat.set(3, 0, 0.99);
    assertEquals((2 / 3.0 + 0.5 + 0) / 4, ClassificationMetrics.of(yhat, y, 0.5).macroF1(),
        1e-15);
  }

  @Test
  void theReportNamesTheClasses() {
    ClassificationMetrics c = ClassificationMetrics.of(YHAT, ONE_HOT, 0.5);
    String report = c.report(java.util.List.of("cat", "dog", "a-very-long-class-name-indeed"));
    assertTrue(report.contains("\ncat    "), report);
    assertTrue(report.contains("\na-very-long-class-nam... "), report);
    assertEquals(c.toString(), c.report(java.util.List.of()));
    assertTrue(c.toString().contains("\n0         0.5000    1.0000    0.6667\n"), c.toString());
    assertThrows(IllegalArgumentException.class, () -> c.report(java.util.List.of("a")));
  }

  @Test
  void topKCountsTheTrueClassAmongTheLargestOutputs() {
    ClassificationMetrics c = ClassificationMetrics.of(YHAT, ONE_HOT, 0.5);
    // the misses: example 2 (true 1 is second) and example 4 (true 2 is second)
    assertEquals(0.6, c.topK(1), 1e-15);
    assertEquals(1.0, c.topK(2), 1e-15);
    assertEquals(1.0, c.topK(3), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> c.topK(4));
  }

  @Test
  void classIndicesAndBinaryOutputs() {
    DMatrixRMaj indices = new DMatrixRMaj(1, 5, true, 0, 1, 1, 2, 2);
    assertEquals(0.6, ClassificationMetrics.of(YHAT, indices, 0.5).accuracy(), 1e-15);
    DMatrixRMaj p = new DMatrixRMaj(1, 4, true, 0.9, 0.4, 0.6, 0.1);
    DMatrixRMaj y = new DMatrixRMaj(1, 4, true, 1, 1, 0, 0);
    ClassificationMetrics binary = ClassificationMetrics.of(p, y, 0.5);
    assertEquals(2, binary.classes());
    assertEquals(0.5, binary.accuracy(), 1e-15);
    assertArrayEquals(new long[][] {{1, 1}, {1, 1}}, binary.confusionMatrix());
    // ±1 targets and scores with threshold 0
    DMatrixRMaj scores = new DMatrixRMaj(1, 3, true, 0.3, -2, 0.1);
    DMatrixRMaj signs = new DMatrixRMaj(1, 3, true, 1, -1, -1);
    assertEquals(2 / 3.0, ClassificationMetrics.of(scores, signs, 0).accuracy(), 1e-15);
    assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.of(YHAT, new DMatrixRMaj(1, 5, true, 0, 1, 3, 0, 0), 0.5));
  }
}

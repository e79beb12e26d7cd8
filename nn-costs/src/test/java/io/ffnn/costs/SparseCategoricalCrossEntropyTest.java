package io.ffnn.costs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SparseCategoricalCrossEntropyTest {

  private final SparseCategoricalCrossEntropy cost = new SparseCategoricalCrossEntropy();
  private final DMatrixRMaj Yhat = new DMatrixRMaj(3, 2, true, 0.7, 0.1, 0.2, 0.3, 0.1, 0.6);

  @Test
  void equalsCceWithOneHotTargets() {
    DMatrixRMaj indices = new DMatrixRMaj(1, 2, true, 0, 2);
    DMatrixRMaj oneHot = new DMatrixRMaj(3, 2, true, 1, 0, 0, 0, 0, 1);
    CategoricalCrossEntropy cce = new CategoricalCrossEntropy();
    assertEquals(cce.value(Yhat, oneHot), cost.value(Yhat, indices), 1e-15);
    DMatrixRMaj a = new DMatrixRMaj(1, 1);
    DMatrixRMaj b = new DMatrixRMaj(1, 1);
    cost.seed(Yhat, indices, a);
    cce.seed(Yhat, oneHot, b);
    assertArrayEquals(b.data, a.data, 1e-15);
    assertEquals(1, Range.CLASS_INDEX.rows(3));
  }

  @Test
  void rejectsTargetsThatAreNotClassIndices() {
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> cost.value(Yhat, new DMatrixRMaj(3, 2)));
    assertTrue(shape.getMessage().contains("sparse_cce takes a 1x2 row of class indices"),
        shape.getMessage());
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> cost.value(Yhat, new DMatrixRMaj(1, 2, true, 0, 3)));
    assertEquals("sparse_cce: Y[0,1] = 3.0 is not a class index 0..2", range.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> cost.seed(Yhat, new DMatrixRMaj(1, 2, true, 0.5, 1), new DMatrixRMaj(1, 1)));
  }
}

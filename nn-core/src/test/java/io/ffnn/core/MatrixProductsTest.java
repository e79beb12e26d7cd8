package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MatrixProductsTest {

  private final DMatrixRMaj a = new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
  private final DMatrixRMaj b = new DMatrixRMaj(2, 3, true, 1, 0, -1, 2, 1, 0);

  @Test
  void theThreeProductsOfTheRecurrences() {
    DMatrixRMaj c = new DMatrixRMaj(1, 1);
    MatrixProducts.EJML.multTransB(a, b, c);
    assertArrayEquals(new double[] {-2, 4, -2, 13}, c.data, 0.0);
    MatrixProducts.EJML.multTransA(a, b, c);
    assertEquals(3, c.numRows);
    assertArrayEquals(new double[] {9, 4, -1, 12, 5, -2, 15, 6, -3}, c.data, 0.0);
    MatrixProducts.EJML.mult(a, new DMatrixRMaj(3, 1, true, 1, 1, 1), c);
    assertArrayEquals(new double[] {6, 15}, java.util.Arrays.copyOf(c.data, 2), 0.0);
    assertEquals("ejml", MatrixProducts.EJML.toString());
  }
}

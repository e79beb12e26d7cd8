package io.ffnn.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.backend.Backend;
import io.ffnn.core.backend.EjmlBackend;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class MatrixVectorTest {

  private static DMatrixRMaj random(int rows, int cols, Random rng) {
    DMatrixRMaj M = new DMatrixRMaj(rows, cols);
    for (int k = 0; k < M.data.length; k++) {
      M.data[k] = rng.nextGaussian();
    }
    return M;
  }

  /** The textbook loop: each row's sum in index order, then α s + β y. */
  private static double[] textbook(double alpha, DMatrixRMaj A, double[] x, double beta,
      double[] y) {
    double[] out = new double[A.numRows];
    for (int i = 0; i < A.numRows; i++) {
      double s = 0;
      for (int j = 0; j < A.numCols; j++) {
        s += A.get(i, j) * x[j];
      }
      out[i] = beta == 0 ? alpha * s : alpha * s + beta * y[i];
    }
    return out;
  }

  @Test
  void equalsTheTextbookLoopExactlyForEveryRowCountAroundTheBlockOfFour() {
    Random rng = new Random(2);
    for (int n : new int[] {0, 1, 3, 4, 5, 8, 11}) {
      for (int k : new int[] {0, 1, 7, 64}) {
        for (double beta : new double[] {0, 1, -0.5}) {
          DMatrixRMaj A = random(n, k, rng);
          DMatrixRMaj x = random(k, 1, rng);
          DMatrixRMaj y = random(n, 1, rng);
          double[] expected = textbook(1.5, A, x.data, beta, y.data);
          MatrixVector.multiply(1.5, A, x, beta, y);
          assertArrayEquals(expected, y.data, 0.0, n + "x" + k + " beta " + beta);
        }
      }
    }
  }

  @Test
  void betaZeroIgnoresNaNInTheOutput() {
    Random rng = new Random(3);
    DMatrixRMaj A = random(6, 5, rng);
    DMatrixRMaj x = random(5, 1, rng);
    DMatrixRMaj y = new DMatrixRMaj(6, 1);
    Arrays.fill(y.data, Double.NaN);
    MatrixVector.multiply(1, A, x, 0, y);
    assertArrayEquals(textbook(1, A, x.data, 0, y.data), y.data, 0.0);
  }

  @Test
  void theBackendTakesItForSingleColumnsOnlyAndAgreesWithEjmlsProduct() {
    DMatrixRMaj column = new DMatrixRMaj(5, 1);
    DMatrixRMaj row = new DMatrixRMaj(1, 5);
    assertTrue(MatrixVector.applies(false, false, column));
    assertTrue(MatrixVector.applies(false, true, row));
    assertFalse(MatrixVector.applies(true, false, column));
    assertFalse(MatrixVector.applies(false, false, row));
    assertFalse(MatrixVector.applies(false, true, column));
    Random rng = new Random(4);
    Backend ejml = new EjmlBackend();
    for (boolean transB : new boolean[] {false, true}) {
      DMatrixRMaj W = random(13, 9, rng);
      DMatrixRMaj a = transB ? random(1, 9, rng) : random(9, 1, rng);
      DMatrixRMaj z = new DMatrixRMaj(1, 1);
      ejml.gemm(false, transB, 1.0, W, a, 0.0, z);
      assertEquals(13, z.numRows);
      assertEquals(1, z.numCols);
      DMatrixRMaj reference = new DMatrixRMaj(13, 1);
      CommonOps_DDRM.mult(W, new DMatrixRMaj(9, 1, true, a.data), reference);
      for (int i = 0; i < 13; i++) {
        assertEquals(reference.data[i], z.data[i], 1e-12 * Math.max(1, Math.abs(z.data[i])));
      }
    }
  }
}

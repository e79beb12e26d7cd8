package io.ffnn.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.backend.Backend;
import io.ffnn.core.backend.EjmlBackend;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The loops of {@link DoubleKernels} and of {@link FloatKernels}, which the build generates from
 * it: the float class must be the same code in float, not a drifted or half-converted copy.
 */
class KernelsTest {

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
          DoubleKernels.multiply(1.5, A, x, beta, y);
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
    DoubleKernels.multiply(1, A, x, 0, y);
    assertArrayEquals(textbook(1, A, x.data, 0, y.data), y.data, 0.0);
  }

  @Test
  void theBackendTakesItForSingleColumnsOnlyAndAgreesWithEjmlsProduct() {
    DMatrixRMaj column = new DMatrixRMaj(5, 1);
    DMatrixRMaj row = new DMatrixRMaj(1, 5);
    assertTrue(DoubleKernels.appliesTo(false, false, column));
    assertTrue(DoubleKernels.appliesTo(false, true, row));
    assertFalse(DoubleKernels.appliesTo(true, false, column));
    assertFalse(DoubleKernels.appliesTo(false, false, row));
    assertFalse(DoubleKernels.appliesTo(false, true, column));
    assertTrue(FloatKernels.appliesTo(false, true, new FMatrixRMaj(1, 5)));
    assertFalse(FloatKernels.appliesTo(false, false, new FMatrixRMaj(1, 5)));
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

  private static FMatrixRMaj narrow(DMatrixRMaj M) {
    return Floats.narrow(M, new FMatrixRMaj(1, 1));
  }

  @Test
  void theFloatClassIsTheDoubleClassInFloat() {
    // same public methods, and no double left in any signature of the float class
    Set<String> doubles = new TreeSet<>();
    for (Method m : DoubleKernels.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())) {
        doubles.add(m.getName());
      }
    }
    Set<String> floats = new TreeSet<>();
    for (Method m : FloatKernels.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers())) {
        continue;
      }
      floats.add(m.getName());
      for (Class<?> t : m.getParameterTypes()) {
        assertFalse(t == double.class || t == double[].class || t == DMatrixRMaj.class,
            m + " takes " + t);
      }
    }
    assertEquals(doubles, floats);
  }

  @Test
  void theFloatProductSumsInFloatInIndexOrder() {
    Random rng = new Random(7);
    for (int n : new int[] {1, 4, 7}) {
      FMatrixRMaj A = narrow(random(n, 33, rng));
      FMatrixRMaj x = narrow(random(33, 1, rng));
      FMatrixRMaj y = narrow(random(n, 1, rng));
      float[] expected = new float[n];
      for (int i = 0; i < n; i++) {
        float s = 0;
        for (int j = 0; j < 33; j++) {
          s += A.get(i, j) * x.data[j];
        }
        expected[i] = 1.5f * s + -0.5f * y.data[i];
      }
      FloatKernels.multiply(1.5f, A, x, -0.5f, y);
      assertArrayEquals(expected, y.data, 0f);
    }
  }

  @Test
  void allFiniteFindsNaNAndInfinityAnywhereInTheRangeOnly() {
    for (int size : new int[] {1, 4, 5, 9}) {
      for (int at = 0; at < size; at++) {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY}) {
          double[] d = new double[size + 2];
          Arrays.fill(d, 3);
          d[at + 1] = bad;
          float[] f = new float[size + 2];
          Arrays.fill(f, 3);
          f[at + 1] = (float) bad;
          assertFalse(DoubleKernels.allFinite(d, 1, size + 1));
          assertFalse(FloatKernels.allFinite(f, 1, size + 1));
          // outside the range it does not count
          assertTrue(DoubleKernels.allFinite(d, at + 2, size + 2));
          assertTrue(FloatKernels.allFinite(f, at + 2, size + 2));
        }
      }
    }
    // the largest finite values times 0 are still 0
    assertTrue(DoubleKernels.allFinite(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE}, 0, 2));
    assertTrue(FloatKernels.allFinite(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE}, 0, 2));
  }

  @Test
  void gatheringFromTheExampleMajorCopyEqualsGatheringColumnsInBothPrecisions() {
    Random rng = new Random(6);
    DMatrixRMaj X = random(5, 11, rng);
    DMatrixRMaj T = CommonOps_DDRM.transpose(X, null);
    int[] order = {3, 10, 0, 7, 7, 2, 9};
    // a buffer of another shape with stale contents is reshaped and overwritten
    DMatrixRMaj fromRows = new DMatrixRMaj(2, 40);
    Arrays.fill(fromRows.data, Double.NaN);
    DMatrixRMaj fromColumns = new DMatrixRMaj(1, 1);
    DoubleKernels.gatherRowsAsColumns(T, order, 1, 6, fromRows);
    DoubleKernels.gatherColumns(X, order, 1, 6, fromColumns);
    assertEquals(5, fromRows.numRows);
    assertEquals(5, fromRows.numCols);
    assertArrayEquals(Arrays.copyOf(fromColumns.data, 25), Arrays.copyOf(fromRows.data, 25), 0.0);
    // column 0 of the batch is example order[1] = 10
    for (int p = 0; p < 5; p++) {
      assertEquals(X.get(p, 10), fromRows.get(p, 0), 0.0);
    }
    FMatrixRMaj rows32 = new FMatrixRMaj(1, 1);
    FMatrixRMaj columns32 = new FMatrixRMaj(1, 1);
    FMatrixRMaj asRows32 = new FMatrixRMaj(1, 1);
    FloatKernels.gatherRowsAsColumns(narrow(T), order, 1, 6, rows32);
    FloatKernels.gatherColumns(narrow(X), order, 1, 6, columns32);
    FloatKernels.gatherRows(narrow(T), order, 1, 6, asRows32);
    FMatrixRMaj expected = narrow(fromColumns);
    assertArrayEquals(expected.data, Arrays.copyOf(rows32.data, 25), 0f);
    assertArrayEquals(expected.data, Arrays.copyOf(columns32.data, 25), 0f);
    assertEquals(5, asRows32.numRows);
    for (int k = 0; k < 5; k++) {
      for (int p = 0; p < 5; p++) {
        assertEquals(expected.get(p, k), asRows32.get(k, p), 0f);
      }
    }
  }

  @Test
  void blocksOfRowsTransposeIntoTheirColumnsInBothPrecisions() {
    Random rng = new Random(8);
    DMatrixRMaj X = random(7, 10, rng);
    DMatrixRMaj T = new DMatrixRMaj(10, 7);
    FMatrixRMaj T32 = new FMatrixRMaj(10, 7);
    float[] X32 = narrow(X).data;
    // blocks of 3, 3 and 1 rows
    for (int p = 0; p < 7; p += 3) {
      int rows = Math.min(3, 7 - p);
      DoubleKernels.transposeBlock(X.data, p * 10, rows, 10, T, p);
      FloatKernels.transposeBlock(X32, p * 10, rows, 10, T32, p);
    }
    assertArrayEquals(CommonOps_DDRM.transpose(X, null).data, T.data, 0.0);
    assertArrayEquals(narrow(T).data, T32.data, 0f);
  }
}

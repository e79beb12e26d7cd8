package io.ffnn.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginException;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class EjmlBackendTest {

  private final Backend ejml = new EjmlBackend();
  private final DMatrixRMaj a = new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
  private final DMatrixRMaj b = new DMatrixRMaj(2, 3, true, 1, 0, -1, 2, 1, 0);

  @Test
  void everyTransposeAlphaAndBeta() {
    DMatrixRMaj c = new DMatrixRMaj(1, 1);
    ejml.gemm(false, true, 1, a, b, 0, c);
    assertArrayEquals(new double[] {-2, 4, -2, 13}, c.data, 0.0);
    ejml.gemm(false, true, 2, a, b, 1, c);
    assertArrayEquals(new double[] {-6, 12, -6, 39}, c.data, 0.0);
    ejml.gemm(false, true, 1, a, b, -1, c);
    assertArrayEquals(new double[] {4, -8, 4, -26}, c.data, 0.0);
    ejml.gemm(true, false, 1, a, b, 0, c);
    assertEquals(3, c.numRows);
    assertArrayEquals(new double[] {9, 4, -1, 12, 5, -2, 15, 6, -3}, c.data, 0.0);
    DMatrixRMaj d = new DMatrixRMaj(1, 1);
    ejml.gemm(true, true, 1, a, new DMatrixRMaj(2, 2, true, 1, 2, 3, 4), 0, d);
    assertArrayEquals(new double[] {9, 19, 12, 26, 15, 33}, d.data, 0.0);
    ejml.gemm(false, false, 0.5, a, new DMatrixRMaj(3, 1, true, 2, 2, 2), 0, d);
    assertArrayEquals(new double[] {6, 15}, java.util.Arrays.copyOf(d.data, 2), 0.0);
  }

  /**
   * The float products against the double products of the same (float) values: a float sum of k
   * terms is within k·u·Σ|a b| of the exact one, u = 2⁻²⁴. Also the interface's default, which a
   * backend without float products gets: the double product rounded once, exactly.
   */
  @Test
  void floatProductsForEveryTransposeAlphaAndBeta() {
    Random rng = new Random(3);
    Backend doubleOnly = new Backend() {
      @Override
      public String name() {
        return "double-only";
      }

      @Override
      public void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj A,
          DMatrixRMaj B, double beta, DMatrixRMaj C) {
        ejml.gemm(transA, transB, alpha, A, B, beta, C);
      }
    };
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (float beta : new float[] {0, 1, -0.5f}) {
          for (int n : new int[] {6, 1}) {
            int m = 5;
            int k = 40;
            FMatrixRMaj A = ta ? random(k, m, rng) : random(m, k, rng);
            FMatrixRMaj B = tb ? random(n, k, rng) : random(k, n, rng);
            FMatrixRMaj C0 = random(m, n, rng);
            DMatrixRMaj exact = widen(C0);
            ejml.gemm(ta, tb, 1.5, widen(A), widen(B), beta, exact);
            FMatrixRMaj actual = C0.copy();
            ejml.gemm(ta, tb, 1.5f, A, B, beta, actual);
            FMatrixRMaj viaDouble = C0.copy();
            doubleOnly.gemm(ta, tb, 1.5f, A, B, beta, viaDouble);
            String what = ta + " " + tb + " " + beta + " n=" + n;
            assertEquals(m, actual.numRows, what);
            assertEquals(n, actual.numCols, what);
            for (int i = 0; i < m * n; i++) {
              // Σ|a b| ≤ k · 4² for these entries (|x| < 4): a generous scale for the bound
              assertEquals(exact.data[i], actual.data[i], (k + 2) * 0x1p-24 * 1.5 * k * 16,
                  what);
              assertEquals((float) exact.data[i], viaDouble.data[i], 0.0f, what);
            }
          }
        }
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ejml.mult(new FMatrixRMaj(2, 3), new FMatrixRMaj(2, 3), new FMatrixRMaj(1, 1)));
    assertEquals("gemm: op(A) is 2x3 but op(B) is 2x3", e.getMessage());
  }

  private static FMatrixRMaj random(int rows, int cols, Random rng) {
    FMatrixRMaj M = new FMatrixRMaj(rows, cols);
    for (int k = 0; k < M.data.length; k++) {
      M.data[k] = (float) (rng.nextDouble() * 8 - 4);
    }
    return M;
  }

  private static DMatrixRMaj widen(FMatrixRMaj M) {
    DMatrixRMaj D = new DMatrixRMaj(M.numRows, M.numCols);
    for (int k = 0; k < M.getNumElements(); k++) {
      D.data[k] = M.data[k];
    }
    return D;
  }

  @Test
  void shapeErrorsAndTheRegistryOfBackends() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ejml.gemm(false, false, 1, a, b, 0, new DMatrixRMaj(1, 1)));
    assertEquals("gemm: op(A) is 2x3 but op(B) is 2x3", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ejml.gemm(false, true, 1, a, b, 1, new DMatrixRMaj(3, 3)));
    assertTrue(Backends.available().stream().anyMatch(x -> x.name().equals("ejml")));
    assertEquals("ejml", Backends.byName("ejml").name());
    PluginException unknown = assertThrows(PluginException.class,
        () -> Backends.byName("cuda"));
    assertTrue(unknown.getMessage().startsWith("unknown backend 'cuda'; available: "),
        unknown.getMessage());
  }
}

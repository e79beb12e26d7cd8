package io.ffnn.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.backend.Backend;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.backend.EjmlBackend;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.api.PluginRegistry;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class BlasBackendsTest {

  private final Backend blas = new OpenBlasBackend();
  private final Backend javablas = new JavaBlasBackend();
  private final Backend ejml = new EjmlBackend();

  private static DMatrixRMaj random(int rows, int cols, Random rng) {
    DMatrixRMaj M = new DMatrixRMaj(rows, cols);
    for (int k = 0; k < M.data.length; k++) {
      M.data[k] = rng.nextGaussian();
    }
    return M;
  }

  @Test
  void openBlasRunsTheThreadsItSays() {
    // the default is one thread (no ffnn.blas.threads in the tests), whatever the cores; the
    // description reports what OpenBLAS itself says, not what was asked
    assertTrue(blas.description().contains(", 1 BLAS thread(s), "), blas.description());
    assertEquals(1, org.bytedeco.openblas.global.openblas_full.openblas_get_num_threads());
  }

  @Test
  void matchesEjmlForEveryTransposeAlphaAndBeta() {
    Random rng = new Random(1);
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (double beta : new double[] {0, 1, -0.5}) {
          for (int n : new int[] {5, 1}) {
            int m = 7;
            int k = 9;
            DMatrixRMaj A = ta ? random(k, m, rng) : random(m, k, rng);
            DMatrixRMaj B = tb ? random(n, k, rng) : random(k, n, rng);
            DMatrixRMaj C0 = random(m, n, rng);
            DMatrixRMaj expected = C0.copy();
            ejml.gemm(ta, tb, 1.5, A, B, beta, expected);
            for (Backend backend : new Backend[] {blas, javablas}) {
              DMatrixRMaj actual = C0.copy();
              backend.gemm(ta, tb, 1.5, A, B, beta, actual);
              for (int i = 0; i < m * n; i++) {
                assertEquals(expected.data[i], actual.data[i],
                    1e-12 * Math.max(1, Math.abs(expected.data[i])),
                    backend + " " + ta + " " + tb + " " + beta + " n=" + n);
              }
            }
            // the fallback binding, which copies through native memory
            DMatrixRMaj copied = C0.copy();
            DoubleOpenBlas.copyingGemm(ta, tb, m, n, k, 1.5, A, B, beta, copied);
            for (int i = 0; i < m * n; i++) {
              assertEquals(expected.data[i], copied.data[i],
                  1e-12 * Math.max(1, Math.abs(expected.data[i])),
                  "copying " + ta + " " + tb + " " + beta + " n=" + n);
            }
          }
        }
      }
    }
  }

  private static FMatrixRMaj narrow(DMatrixRMaj M) {
    FMatrixRMaj F = new FMatrixRMaj(M.numRows, M.numCols);
    for (int k = 0; k < M.getNumElements(); k++) {
      F.data[k] = (float) M.data[k];
    }
    return F;
  }

  private static DMatrixRMaj widen(FMatrixRMaj M) {
    DMatrixRMaj D = new DMatrixRMaj(M.numRows, M.numCols);
    for (int k = 0; k < M.getNumElements(); k++) {
      D.data[k] = M.data[k];
    }
    return D;
  }

  /**
   * sgemm against the double product of the same float values: within k·u·Σ|a b| (u = 2⁻²⁴)
   * for a float sum of k terms; for Gaussian entries Σ|a b| ≈ 0.64 k, bounded here by 4k.
   */
  @Test
  void floatProductsMatchTheDoubleProductOfTheirValues() {
    Random rng = new Random(11);
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (float beta : new float[] {0, 1, -0.5f}) {
          for (int n : new int[] {5, 1}) {
            int m = 7;
            int k = 33;
            FMatrixRMaj A = narrow(ta ? random(k, m, rng) : random(m, k, rng));
            FMatrixRMaj B = narrow(tb ? random(n, k, rng) : random(k, n, rng));
            FMatrixRMaj C0 = narrow(random(m, n, rng));
            DMatrixRMaj exact = widen(C0);
            ejml.gemm(ta, tb, 1.5, widen(A), widen(B), beta, exact);
            double tol = (k + 2) * 0x1p-24 * 1.5 * 4 * k;
            for (Backend backend : new Backend[] {blas, javablas}) {
              FMatrixRMaj actual = C0.copy();
              backend.gemm(ta, tb, 1.5f, A, B, beta, actual);
              for (int i = 0; i < m * n; i++) {
                assertEquals(exact.data[i], actual.data[i], tol,
                    backend + " " + ta + " " + tb + " " + beta + " n=" + n);
              }
            }
            FMatrixRMaj copied = C0.copy();
            FloatOpenBlas.copyingGemm(ta, tb, m, n, k, 1.5f, A, B, beta, copied);
            for (int i = 0; i < m * n; i++) {
              assertEquals(exact.data[i], copied.data[i], tol, "copying " + ta + " " + tb);
            }
          }
        }
      }
    }
  }

  @Test
  void largeFloatSingleColumnProductsSplitByRowsEqualTheWholeProduct() {
    org.junit.jupiter.api.Assumptions.assumeTrue((OpenBlasBackend.inPlaceBlas() != null));
    Random rng = new Random(12);
    SplitMatrixVector split = new SplitMatrixVector(OpenBlasBackend.inPlaceBlas());
    for (int rows : new int[] {301, 256, 17}) {
      int k = rows == 17 ? 2000 : 150;
      FMatrixRMaj A = narrow(random(rows, k, rng));
      FMatrixRMaj x = narrow(random(k, 1, rng));
      for (float beta : new float[] {0, 0.5f}) {
        FMatrixRMaj y0 = narrow(random(rows, 1, rng));
        FMatrixRMaj whole = y0.copy();
        FloatBlas.rows(OpenBlasBackend.inPlaceBlas(), 1.5f, A, x, beta, whole, 0, rows);
        FMatrixRMaj halves = y0.copy();
        assertTrue(split.tryMultiply(1.5f, A, x, beta, halves), rows + " rows");
        assertTrue(java.util.Arrays.equals(whole.data, halves.data), rows + " rows, beta " + beta);
        // and the double product in between: the helper ran the float call, not the double one
        DMatrixRMaj d = random(rows, 1, rng);
        DMatrixRMaj dWhole = d.copy();
        DMatrixRMaj Ad = widen(A);
        DMatrixRMaj xd = widen(x);
        DoubleBlas.rows(OpenBlasBackend.inPlaceBlas(), 1.0, Ad, xd, 0, dWhole, 0, rows);
        assertTrue(split.tryMultiply(1.0, Ad, xd, 0, d));
        assertTrue(java.util.Arrays.equals(dWhole.data, d.data), rows + " rows, double");
      }
    }
  }

  @Test
  void passesArraysInPlaceOnLinuxX8664() {
    if (System.getProperty("os.name").equals("Linux")
        && System.getProperty("os.arch").equals("amd64")) {
      assertTrue((OpenBlasBackend.inPlaceBlas() != null), blas.description());
      assertTrue(blas.description().contains(", arrays passed in place (netlib JNI)"),
          blas.description());
    } else {
      assertTrue(blas.description().contains((OpenBlasBackend.inPlaceBlas() != null)
          ? "arrays passed in place (netlib JNI)"
          : "operands copied to native memory (bytedeco)"), blas.description());
    }
  }

  @Test
  void leavesEntriesBeyondTheMatrixInLargerBackingArraysAlone() {
    // matrices shrunk by reshape keep their longer arrays; only the first rows × cols count
    Random rng = new Random(2);
    DMatrixRMaj A = random(20, 20, rng);
    A.reshape(4, 6);
    DMatrixRMaj B = random(20, 20, rng);
    B.reshape(6, 3);
    DMatrixRMaj C = random(20, 20, rng);
    double[] tail = java.util.Arrays.copyOfRange(C.data, 12, 400);
    C.reshape(4, 3);
    DMatrixRMaj expected = new DMatrixRMaj(4, 3);
    ejml.gemm(false, false, 1, A, B, 0, expected);
    blas.gemm(false, false, 1, A, B, 0, C);
    for (int i = 0; i < 12; i++) {
      assertEquals(expected.data[i], C.data[i], 1e-12 * Math.max(1, Math.abs(expected.data[i])));
    }
    assertTrue(java.util.Arrays.equals(tail, java.util.Arrays.copyOfRange(C.data, 12, 400)));
  }

  @Test
  void largeSingleColumnProductsSplitByRowsEqualTheWholeProduct() {
    org.junit.jupiter.api.Assumptions.assumeTrue((OpenBlasBackend.inPlaceBlas() != null));
    Random rng = new Random(3);
    SplitMatrixVector split = new SplitMatrixVector(OpenBlasBackend.inPlaceBlas());
    for (int rows : new int[] {301, 256, 17}) {
      int k = rows == 17 ? 2000 : 150;
      DMatrixRMaj A = random(rows, k, rng);
      for (DMatrixRMaj x : new DMatrixRMaj[] {random(k, 1, rng), random(1, k, rng)}) {
        for (double beta : new double[] {0, 0.5}) {
          DMatrixRMaj y0 = random(rows, 1, rng);
          DMatrixRMaj whole = y0.copy();
          DoubleBlas.rows(OpenBlasBackend.inPlaceBlas(), 1.5, A, x, beta, whole, 0, rows);
          DMatrixRMaj halves = y0.copy();
          assertTrue(split.tryMultiply(1.5, A, x, beta, halves), rows + " rows");
          // the same dgemv on the same rows: equal, not just close
          assertTrue(java.util.Arrays.equals(whole.data, halves.data), rows + " rows, beta " + beta);
          DMatrixRMaj ejmlResult = y0.copy();
          ejml.gemm(false, x.numRows == 1, 1.5, A, x, beta, ejmlResult);
          for (int i = 0; i < rows; i++) {
            assertEquals(ejmlResult.data[i], halves.data[i], 1e-12 * k);
          }
        }
      }
    }
    assertFalse(split.tryMultiply(1, random(100, 100, rng), random(100, 1, rng), 0,
        new DMatrixRMaj(100, 1)), "10,000 entries run on the caller alone");
  }

  @Test
  void concurrentCallersOfTheSplitProductEachGetTheirOwnResult() throws InterruptedException {
    Random rng = new Random(4);
    DMatrixRMaj A = random(256, 784, rng);
    Thread[] threads = new Thread[4];
    Throwable[] failures = new Throwable[threads.length];
    for (int t = 0; t < threads.length; t++) {
      final int id = t;
      final DMatrixRMaj x = random(784, 1, new Random(10 + t));
      threads[t] = new Thread(() -> {
        try {
          DMatrixRMaj expected = new DMatrixRMaj(256, 1);
          ejml.gemm(false, false, 1, A, x, 0, expected);
          DMatrixRMaj y = new DMatrixRMaj(256, 1);
          for (int i = 0; i < 300; i++) {
            blas.gemm(false, false, 1, A, x, 0, y);
            for (int r = 0; r < 256; r++) {
              assertEquals(expected.data[r], y.data[r], 1e-10, "thread " + id + ", call " + i);
            }
          }
        } catch (Throwable e) {
          failures[id] = e;
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    for (Throwable f : failures) {
      if (f != null) {
        throw new AssertionError(f);
      }
    }
  }

  @Test
  void isDiscoveredAndPreferred() {
    assertEquals("openblas", Backends.getDefault().name());
    assertEquals("openblas", Backends.available().get(0).name());
    assertEquals("javablas", Backends.available().get(1).name());
    assertTrue(javablas.description().startsWith("javablas: pure Java (dev.ludovic.netlib"),
        javablas.description());
    assertTrue(blas.description().startsWith("openblas: OpenBLAS"), blas.description());
  }

  @Test
  void bothBackendsTrainToTheSameWeightsWithin1e9() {
    Dataset data = Generated.spirals(3, 100, 0.2, 1);
    NetworkSpec spec = NetworkSpec.builder(2).layer(32, "relu").layer(32, "tanh")
        .layer(3, "softmax").cost("cce").seed(3).build();
    Network[] nets = {
        Network.build(spec, PluginRegistry.getDefault(), ejml),
        Network.build(spec, PluginRegistry.getDefault(), blas),
        Network.build(spec, PluginRegistry.getDefault(), javablas)};
    for (Network net : nets) {
      Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(1)
          .batchSize(16).seed(5).build()).build()
          .fit(net, data);
    }
    for (int other = 1; other < nets.length; other++) {
      for (int l = 1; l <= 3; l++) {
        for (int k = 0; k < nets[0].W(l).data.length; k++) {
          double a = nets[0].W(l).data[k];
          double b = nets[other].W(l).data[k];
          assertEquals(a, b, 1e-9 * Math.max(1, Math.abs(a)), nets[other].backend() + " W[" + l
              + "] entry " + k);
        }
      }
    }
  }
}

package io.ffnn.bench;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import io.ffnn.core.backend.Backends;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bound that matrix products set on training: OpenBLAS's {@code dgemm} and {@code sgemm}
 * (the library the {@code openblas} backend bundles, on the Java arrays in place, one thread
 * unless {@code -Dffnn.blas.threads} says otherwise), on a large square product and on the
 * benchmark network's products for a batch of 128: {@code Z[1] = W[1] A[0]} (256 × 784 by 784 ×
 * 128), {@code dW[1] = dZ[1] A[0]ᵀ} (256 × 128 by 128 × 784) and {@code Z[2] = W[2] A[1]} (128 ×
 * 256 by 256 × 128). GFLOP/s = {@code 2 m n k} / time.
 *
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar GemmBenchmark
 * java -jar nn-bench/target/benchmarks.jar GemmBenchmark -p shape=2000x2000x2000
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemmBenchmark {

  /** {@code m x n x k}: an {@code m × k} matrix times a {@code k × n} one. */
  @Param({"2000x2000x2000", "256x128x784", "256x784x128", "128x128x256"})
  public String shape;

  /** {@code double} ({@code dgemm}) or {@code float} ({@code sgemm}). */
  @Param({"double", "float"})
  public String precision;

  private BLAS blas;
  private int m;
  private int n;
  private int k;
  private double[] da;
  private double[] db;
  private double[] dc;
  private float[] fa;
  private float[] fb;
  private float[] fc;

  /** Loads the bundled OpenBLAS and makes the operands. */
  @Setup
  public void setUp() {
    // the openblas backend points netlib's JNI binding at the OpenBLAS bytedeco bundles
    if (!Backends.byName("openblas").description().contains("in place")) {
      throw new IllegalStateException("netlib's in-place binding to OpenBLAS did not load: "
          + Backends.byName("openblas").description());
    }
    blas = NativeBLAS.getInstance();
    String[] parts = shape.split("x");
    m = Integer.parseInt(parts[0]);
    n = Integer.parseInt(parts[1]);
    k = Integer.parseInt(parts[2]);
    Random rng = new Random(1);
    da = rng.doubles((long) m * k, -1, 1).toArray();
    db = rng.doubles((long) k * n, -1, 1).toArray();
    dc = new double[m * n];
    fa = new float[da.length];
    fb = new float[db.length];
    fc = new float[dc.length];
    for (int i = 0; i < da.length; i++) {
      fa[i] = (float) da[i];
    }
    for (int i = 0; i < db.length; i++) {
      fb[i] = (float) db[i];
    }
  }

  /**
   * One product, {@code C = A B} with row-major operands (column-major {@code Cᵀ = Bᵀ Aᵀ}).
   *
   * @return a value of the result, so that nothing is optimised away
   */
  @Benchmark
  public double gemm() {
    if (precision.equals("float")) {
      blas.sgemm("N", "N", n, m, k, 1f, fb, n, fa, k, 0f, fc, n);
      return fc[0];
    }
    blas.dgemm("N", "N", n, m, k, 1.0, db, n, da, k, 0.0, dc, n);
    return dc[0];
  }
}

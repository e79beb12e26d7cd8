package io.ffnn.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.File;
import java.io.IOException;
import java.util.logging.Logger;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * {@code openblas}: the matrix products in OpenBLAS's {@code dgemm}, from the native library that
 * the bytedeco JavaCPP presets bundle for the platform (nothing to install). OpenBLAS runs
 * single-threaded unless {@code -Dffnn.blas.threads=N} says otherwise: at the sizes of mini-batch
 * training its own threads cost more than they give, and ffnn parallelises across examples
 * instead.
 *
 * <p>Two bindings reach the same library. Where {@code dev.ludovic.netlib}'s JNI binding loads
 * (Linux on x86-64 and AArch64), it is pointed at the bundled OpenBLAS (the system property
 * {@code dev.ludovic.netlib.blas.nativeLibPath}) and passes the Java arrays to {@code dgemm} in
 * place; elsewhere, or where that property names another library, each product copies its operands to native memory and the
 * result back through the bytedeco binding, which at the sizes of the standard network costs
 * about 40 % more per product. {@link #description()} says which is in use.
 *
 * <p>The kernels are the ones OpenBLAS detects for the processor unless {@code
 * -Dffnn.blas.coretype=NAME} asks for others; an {@code OPENBLAS_CORETYPE} inherited from the
 * environment (usually meant for another OpenBLAS build) is set aside. {@link #description()}
 * names the kernel set in use and how it was chosen.
 *
 * <p>Priority 100: with {@code nn-blas} on the class path it is the default backend.
 */
public final class OpenBlasBackend extends AbstractBlasBackend {

  /** The system property that sets OpenBLAS's own thread count. */
  public static final String THREADS = "ffnn.blas.threads";

  /** {@code dev.ludovic.netlib}'s property naming the native BLAS its JNI binding opens. */
  static final String NETLIB_LIBRARY_PATH = "dev.ludovic.netlib.blas.nativeLibPath";

  /**
   * The system property that turns off splitting large single-column products between two
   * threads ({@code -Dffnn.blas.splitMatrixVector=false}).
   */
  public static final String SPLIT_MATRIX_VECTOR = "ffnn.blas.splitMatrixVector";

  private static final int THREADS_SET;

  /** Whether large single-column products are split with {@link Helper}'s thread. */
  private static final boolean SPLITS;

  /** The helper for single-column products, started on first use. */
  private static final class Helper {
    static final SplitMatrixVector SPLIT = new SplitMatrixVector(IN_PLACE);
  }

  /** The in-place binding to the bundled OpenBLAS, or null where it does not load. */
  private static final BLAS IN_PLACE;

  /** Kept so that the level set by {@link AbstractBlasBackend#quietNetlib} is not lost. */
  private static final Logger NETLIB_LOG = quietNetlib();

  static {
    // before the library loads, which reads its kernel set from the environment once
    Kernels.choose();
    IN_PLACE = bindInPlace();
    // after netlib has opened the library, which (re)starts OpenBLAS on every core; and with
    // openblas_set_num_threads, OpenBLAS's API for it (blas_set_num_threads, called here before,
    // did not reach the library netlib calls: "1 BLAS thread" ran 2 on a 2-core machine)
    openblas_full.openblas_set_num_threads(Math.max(1, Integer.getInteger(THREADS, 1)));
    THREADS_SET = openblas_full.openblas_get_num_threads();
    SPLITS = IN_PLACE != null && Runtime.getRuntime().availableProcessors() > 1
        && !"false".equals(System.getProperty(SPLIT_MATRIX_VECTOR));
  }

  /**
   * netlib's JNI binding opened on the OpenBLAS library that bytedeco has just loaded (the
   * process has it already, so this maps nothing new), or null when that binding is not
   * available for this platform, or when netlib is told to open another library: then netlib
   * would run that one, and this backend is OpenBLAS. (A program that made netlib open its
   * default library before this class loaded keeps that binding; this backend cannot tell.)
   */
  private static BLAS bindInPlace() {
    try {
      String jni = Loader.load(openblas.class);
      File library = new File(new File(jni).getParentFile(), "libopenblas.so.0");
      if (!library.isFile()) {
        return null;
      }
      String asked = System.getProperty(NETLIB_LIBRARY_PATH);
      if (asked == null) {
        System.setProperty(NETLIB_LIBRARY_PATH, library.getPath());
      } else if (!new File(asked).getCanonicalFile().equals(library.getCanonicalFile())) {
        NETLIB_LOG.fine(() -> "openblas: " + NETLIB_LIBRARY_PATH + " names " + asked
            + "; products copy through bytedeco's binding");
        return null;
      }
      return NativeBLAS.getInstance();
    } catch (IOException | RuntimeException | LinkageError e) {
      NETLIB_LOG.fine(() -> "openblas: netlib's JNI binding is unavailable (" + e
          + "); products copy through bytedeco's binding");
      return null;
    }
  }

  /** The ServiceLoader constructor; loads the native library on first use. */
  public OpenBlasBackend() {}

  @Override
  public String name() {
    return "openblas";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public String description() {
    return "openblas: OpenBLAS (bytedeco openblas " + presetVersion() + "), " + THREADS_SET
        + " BLAS thread(s), " + (IN_PLACE != null ? "arrays passed in place (netlib JNI)"
            : "operands copied to native memory (bytedeco)")
        + (SPLITS ? ", single-column products split across 2 threads" : "") + ", "
        + Kernels.description();
  }

  /** The in-place binding, or null where products copy through bytedeco's binding. */
  static BLAS inPlaceBlas() {
    return IN_PLACE;
  }

  @Override
  void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      DMatrixRMaj A, DMatrixRMaj B, double beta, DMatrixRMaj C) {
    DoubleOpenBlas.gemm(IN_PLACE, transA, transB, m, n, k, alpha, A, B, beta, C);
  }

  @Override
  void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      FMatrixRMaj A, FMatrixRMaj B, float beta, FMatrixRMaj C) {
    FloatOpenBlas.gemm(IN_PLACE, transA, transB, m, n, k, alpha, A, B, beta, C);
  }

  /**
   * {@inheritDoc}
   *
   * <p>In place, OpenBLAS's {@code dgemv}: a row-major {@code A} is the column-major {@code Aᵀ},
   * so {@code y = α A x + β y} is {@code dgemv("T")}; on a machine with more than one core a
   * large product is split by rows with a helper thread ({@link SplitMatrixVector}; {@code
   * -Dffnn.blas.splitMatrixVector=false} turns that off). Copying {@code W[1]} to native memory
   * would cost more than the product, so the copying binding keeps the Java loop.
   */
  @Override
  void matrixVector(double alpha, DMatrixRMaj A, DMatrixRMaj x, double beta, DMatrixRMaj y) {
    DoubleOpenBlas.matrixVector(IN_PLACE, SPLITS ? Helper.SPLIT : null, alpha, A, x, beta, y);
  }

  /** {@code sgemv}, split as the {@code double} product is. */
  @Override
  void matrixVector(float alpha, FMatrixRMaj A, FMatrixRMaj x, float beta, FMatrixRMaj y) {
    FloatOpenBlas.matrixVector(IN_PLACE, SPLITS ? Helper.SPLIT : null, alpha, A, x, beta, y);
  }

  /** The version of the bytedeco preset, from its Maven metadata. */
  private static String presetVersion() {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = openblas.class.getResourceAsStream(
        "/META-INF/maven/org.bytedeco/openblas/pom.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (java.io.IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

}

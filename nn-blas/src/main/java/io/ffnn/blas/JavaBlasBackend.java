package io.ffnn.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.logging.Logger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * {@code javablas}: the matrix products in pure Java with {@code dev.ludovic.netlib}'s BLAS (the one
 * Apache Spark uses): its Vector API implementation when the JVM runs with {@code --add-modules
 * jdk.incubator.vector}, its plain Java one otherwise — about 4 and 2 times EJML's speed here. No
 * native code; priority 50, below {@code openblas}.
 */
public final class JavaBlasBackend extends AbstractBlasBackend {

  /** Kept so that the level set by {@link AbstractBlasBackend#quietNetlib} is not lost. */
  private static final Logger NETLIB_LOG = quietNetlib();

  private static final class Holder {
    static final BLAS BLAS;

    static {
      BLAS = JavaBLAS.getInstance();
    }
  }

  /** The ServiceLoader constructor. */
  public JavaBlasBackend() {}

  @Override
  public String name() {
    return "javablas";
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public String description() {
    return "javablas: pure Java (dev.ludovic.netlib " + Holder.BLAS.getClass().getSimpleName()
        + "), single-threaded";
  }

  @Override
  void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      DMatrixRMaj A, DMatrixRMaj B, double beta, DMatrixRMaj C) {
    DoubleBlas.columnMajorGemm(Holder.BLAS, transA, transB, m, n, k, alpha, A, B, beta, C);
  }

  @Override
  void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      FMatrixRMaj A, FMatrixRMaj B, float beta, FMatrixRMaj C) {
    FloatBlas.columnMajorGemm(Holder.BLAS, transA, transB, m, n, k, alpha, A, B, beta, C);
  }
}

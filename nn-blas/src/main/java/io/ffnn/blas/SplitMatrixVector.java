package io.ffnn.blas;

import dev.ludovic.netlib.blas.BLAS;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A large single-column product {@code y = α A x + β y} split by rows between the calling thread
 * and one helper thread, each with its half of {@code A} in its own core's cache: predicting one
 * example on the standard network reads 1.9 MB of weights, and two cores read them about twice
 * as fast as one.
 *
 * <p>The helper spins for {@value #SPIN_MICROS} µs after each product, waiting for the next (a
 * parked thread takes longer to wake than the product takes), then parks. One caller at a time
 * uses it; a caller that finds it busy computes its product alone. Each row's dot product is the
 * same {@code dgemv} call on the same data wherever the rows are split, so the split is fixed
 * (the first half, rounded up to a multiple of 8 rows, on the caller) and the result does not
 * depend on timing.
 */
final class SplitMatrixVector {

  /** Products with fewer entries in {@code A} run on the caller alone: the handoff costs more. */
  static final int MIN_ENTRIES = 1 << 15;

  static final int SPIN_MICROS = 200;

  private final BLAS blas;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final Thread helper;

  // the posted product, published by the volatile write of posted
  private double alpha;
  private DMatrixRMaj A;
  private DMatrixRMaj x;
  private double beta;
  private DMatrixRMaj y;
  // or the posted float product, when fA is not null
  private float fAlpha;
  private FMatrixRMaj fA;
  private FMatrixRMaj fx;
  private float fBeta;
  private FMatrixRMaj fy;
  private int split;
  private Throwable failure;

  private volatile int posted;
  private volatile int finished;

  SplitMatrixVector(BLAS blas) {
    this.blas = blas;
    this.helper = new Thread(this::serve, "ffnn-openblas-matvec");
    helper.setDaemon(true);
    helper.start();
  }

  /** Rows {@code [from, to)} of the product through {@code dgemv}. */
  static void rows(BLAS blas, double alpha, DMatrixRMaj A, DMatrixRMaj x, double beta,
      DMatrixRMaj y, int from, int to) {
    int k = A.numCols;
    blas.dgemv("T", k, to - from, alpha, A.data, from * k, k, x.data, 0, 1, beta, y.data, from,
        1);
  }

  /** Rows {@code [from, to)} of the {@code float} product through {@code sgemv}. */
  static void rows(BLAS blas, float alpha, FMatrixRMaj A, FMatrixRMaj x, float beta,
      FMatrixRMaj y, int from, int to) {
    int k = A.numCols;
    blas.sgemv("T", k, to - from, alpha, A.data, from * k, k, x.data, 0, 1, beta, y.data, from,
        1);
  }

  /**
   * The product, split with the helper when it is free and {@code A} is large enough.
   *
   * @return false if it was not split (the caller computes it)
   */
  boolean tryMultiply(double alpha, DMatrixRMaj A, DMatrixRMaj x, double beta, DMatrixRMaj y) {
    if (A.getNumElements() < MIN_ENTRIES || A.numRows < 16 || !busy.compareAndSet(false, true)) {
      return false;
    }
    try {
      this.alpha = alpha;
      this.A = A;
      this.x = x;
      this.beta = beta;
      this.y = y;
      this.split = (A.numRows / 2 + 7) & ~7;
      this.failure = null;
      int g = posted + 1;
      posted = g;
      LockSupport.unpark(helper);
      rows(blas, alpha, A, x, beta, y, 0, split);
      await(g);
      return true;
    } finally {
      this.A = null;
      this.x = null;
      this.y = null;
      busy.set(false);
    }
  }

  /**
   * The {@code float} product, split with the helper when it is free and {@code A} is large
   * enough.
   *
   * @return false if it was not split (the caller computes it)
   */
  boolean tryMultiply(float alpha, FMatrixRMaj A, FMatrixRMaj x, float beta, FMatrixRMaj y) {
    if (A.getNumElements() < MIN_ENTRIES || A.numRows < 16 || !busy.compareAndSet(false, true)) {
      return false;
    }
    try {
      this.fAlpha = alpha;
      this.fA = A;
      this.fx = x;
      this.fBeta = beta;
      this.fy = y;
      this.split = (A.numRows / 2 + 15) & ~15;
      this.failure = null;
      int g = posted + 1;
      posted = g;
      LockSupport.unpark(helper);
      rows(blas, alpha, A, x, beta, y, 0, split);
      await(g);
      return true;
    } finally {
      this.fA = null;
      this.fx = null;
      this.fy = null;
      busy.set(false);
    }
  }

  /** Waits for the helper's half of post {@code g} and rethrows what went wrong there. */
  private void await(int g) {
    while (finished != g) {
      Thread.onSpinWait();
    }
    Throwable f = failure;
    if (f instanceof RuntimeException) {
      throw (RuntimeException) f;
    }
    if (f instanceof Error) {
      throw (Error) f;
    }
  }

  private void serve() {
    int seen = 0;
    while (true) {
      long deadline = System.nanoTime() + SPIN_MICROS * 1000L;
      int g;
      while ((g = posted) == seen) {
        if (System.nanoTime() - deadline > 0) {
          LockSupport.park(this);
        } else {
          Thread.onSpinWait();
        }
      }
      seen = g;
      try {
        if (fA != null) {
          rows(blas, fAlpha, fA, fx, fBeta, fy, split, fA.numRows);
        } else {
          rows(blas, alpha, A, x, beta, y, split, A.numRows);
        }
      } catch (Throwable e) {
        failure = e;
      }
      finished = g;
    }
  }
}

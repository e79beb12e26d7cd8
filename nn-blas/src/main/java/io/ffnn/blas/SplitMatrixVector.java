package io.ffnn.blas;

import dev.ludovic.netlib.blas.BLAS;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * A large single-column product {@code y = α A x + β y} split by rows between the calling thread
 * and one helper thread, each with its half of {@code A} in its own core's cache: predicting one
 * example on the standard network reads 1.9 MB of weights, and two cores read them about twice
 * as fast as one.
 *
 * <p>The helper spins for {@value #SPIN_MICROS} µs after each product, waiting for the next (a
 * parked thread takes longer to wake than the product takes), then parks. One caller at a time
 * uses it; a caller that finds it busy computes its product alone. Each row's dot product is the
 * same {@code gemv} call on the same data wherever the rows are split, so the split is fixed
 * (the first half, rounded up to whole 64-byte lines of rows, on the caller) and the result does not
 * depend on timing.
 */
final class SplitMatrixVector {

  /** A product split by rows: {@link DoubleGemv} or its float32 twin. */
  interface Rows {
    /** The rows of the product. */
    int rows();

    /** Where the caller's rows end and the helper's begin. */
    int split();

    /** Computes rows {@code [from, to)}. */
    void run(int from, int to);

    /** Drops the references to the operands. */
    void clear();
  }

  /** Products with fewer entries in {@code A} run on the caller alone: the handoff costs more. */
  static final int MIN_ENTRIES = 1 << 15;

  static final int SPIN_MICROS = 200;

  private final AtomicBoolean busy = new AtomicBoolean();
  private final Thread helper;
  private final DoubleGemv doubles;
  private final FloatGemv floats;

  // the posted product, published by the volatile write of posted
  private Rows task;
  private int split;
  private Throwable failure;

  private volatile int posted;
  private volatile int finished;

  SplitMatrixVector(BLAS blas) {
    this.doubles = new DoubleGemv(blas);
    this.floats = new FloatGemv(blas);
    this.helper = new Thread(this::serve, "ffnn-openblas-matvec");
    helper.setDaemon(true);
    helper.start();
  }

  /**
   * The product, split with the helper when it is free and {@code A} is large enough.
   *
   * @return false if it was not split (the caller computes it)
   */
  boolean tryMultiply(double alpha, DMatrixRMaj A, DMatrixRMaj x, double beta, DMatrixRMaj y) {
    return take(A) && split(doubles.set(alpha, A, x, beta, y));
  }

  /**
   * {@link #tryMultiply(double, DMatrixRMaj, DMatrixRMaj, double, DMatrixRMaj)} in {@code float}.
   *
   * @return false if it was not split (the caller computes it)
   */
  boolean tryMultiply(float alpha, FMatrixRMaj A, FMatrixRMaj x, float beta, FMatrixRMaj y) {
    return take(A) && split(floats.set(alpha, A, x, beta, y));
  }

  /** Whether a product over {@code A} is worth splitting and the helper is free; takes it if so. */
  private boolean take(Matrix A) {
    long entries = (long) A.getNumRows() * A.getNumCols();
    return entries >= MIN_ENTRIES && A.getNumRows() >= 16 && busy.compareAndSet(false, true);
  }

  /** Runs the taken product: the first rows here, the rest on the helper. */
  private boolean split(Rows product) {
    try {
      this.task = product;
      this.split = product.split();
      this.failure = null;
      int g = posted + 1;
      posted = g;
      LockSupport.unpark(helper);
      product.run(0, split);
      await(g);
      return true;
    } finally {
      product.clear();
      this.task = null;
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
        Rows t = task;
        t.run(split, t.rows());
      } catch (Throwable e) {
        failure = e;
      }
      finished = g;
    }
  }
}

package io.ffnn.blas;

import dev.ludovic.netlib.blas.BLAS;
import org.ejml.data.DMatrixRMaj;

/**
 * A single-column product {@code y = α A x + β y} posted to {@link SplitMatrixVector}, in one
 * precision: written once, the float32 class of the same shape generated from this file at build
 * time. Each row's dot product is the same {@code dgemv} call on the same data wherever the rows
 * are split.
 */
final class DoubleGemv implements SplitMatrixVector.Rows {

  /** Rows of one 64-byte cache line: a split at a multiple of it shares no line between cores. */
  private static final int ROWS_PER_LINE = 64 / Double.BYTES;

  private final BLAS blas;
  private double alpha;
  private DMatrixRMaj A;
  private DMatrixRMaj x;
  private double beta;
  private DMatrixRMaj y;

  DoubleGemv(BLAS blas) {
    this.blas = blas;
  }

  /** Takes the operands of the next product; returns this. */
  DoubleGemv set(double alpha, DMatrixRMaj A, DMatrixRMaj x, double beta, DMatrixRMaj y) {
    this.alpha = alpha;
    this.A = A;
    this.x = x;
    this.beta = beta;
    this.y = y;
    return this;
  }

  @Override
  public int rows() {
    return A.numRows;
  }

  @Override
  public int split() {
    return (A.numRows / 2 + ROWS_PER_LINE - 1) / ROWS_PER_LINE * ROWS_PER_LINE;
  }

  @Override
  public void run(int from, int to) {
    DoubleBlas.rows(blas, alpha, A, x, beta, y, from, to);
  }

  @Override
  public void clear() {
    A = null;
    x = null;
    y = null;
  }
}

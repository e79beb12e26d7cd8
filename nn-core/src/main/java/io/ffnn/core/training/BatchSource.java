package io.ffnn.core.training;

import io.ffnn.core.Batch;
import io.ffnn.core.Network;
import io.ffnn.core.Precision;
import io.ffnn.core.data.Dataset;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Where a run's batches come from and how they are gathered, decided once for the run: from the
 * training inputs as given ({@code n[0] × m}) or from an example-major copy ({@code Xᵀ}, see
 * {@link TrainingConfig#exampleMajorCopy()}); in {@code double}, or in {@code float} when the
 * network computes in float or the data are float; and, for a float32 network with the copy, as
 * whole examples (rows), which it multiplies transposed.
 */
final class BatchSource {

  /** How a batch is gathered, from what, into what. */
  private enum Gather {
    /** Columns of {@code X} into double columns. */
    COLUMNS,
    /** Rows of the double copy into double columns. */
    COPY_ROWS_AS_COLUMNS,
    /** Columns of double {@code X}, rounded, into float columns. */
    ROUNDED_COLUMNS,
    /** Columns of float {@code X} into float columns. */
    FLOAT_COLUMNS,
    /** Rows of the float copy into float columns. */
    FLOAT_COPY_ROWS_AS_COLUMNS,
    /** Rows of the float copy into float rows. */
    FLOAT_COPY_ROWS
  }

  private final Gather gather;
  /** {@code X} or its double copy, for the double gathers; else null. */
  private final DMatrixRMaj from;
  /** Float {@code X} or the float copy, for the float gathers; else null. */
  private final FMatrixRMaj from32;
  private final int features;

  /**
   * @param net the network trained
   * @param copy whether to gather from an example-major copy
   * @param X the training inputs, or null if they are given in float. Not modified.
   * @param X32 the training inputs in float, or null. Not modified.
   */
  BatchSource(Network net, boolean copy, DMatrixRMaj X, FMatrixRMaj X32) {
    boolean float32 = net.precision() == Precision.FLOAT32;
    this.features = net.size(0);
    if (!float32 && X32 == null) {
      gather = copy ? Gather.COPY_ROWS_AS_COLUMNS : Gather.COLUMNS;
      from = copy ? CommonOps_DDRM.transpose(X, null) : X;
      from32 = null;
    } else if (copy) {
      gather = float32 ? Gather.FLOAT_COPY_ROWS : Gather.FLOAT_COPY_ROWS_AS_COLUMNS;
      from = null;
      from32 = X32 != null ? FloatBatches.transpose(X32) : FloatBatches.transpose(X);
    } else {
      gather = X32 != null ? Gather.FLOAT_COLUMNS : Gather.ROUNDED_COLUMNS;
      from = X;
      from32 = X32;
    }
  }

  /** A buffer of one part's batches, up to {@code capacity} examples, and its {@link Batch}. */
  final class Buffer {
    private final DMatrixRMaj Xb;
    private final FMatrixRMaj Xb32;
    final Batch batch;

    private Buffer(int capacity) {
      boolean inFloat = gather != Gather.COLUMNS && gather != Gather.COPY_ROWS_AS_COLUMNS;
      Xb = inFloat ? null : new DMatrixRMaj(features, capacity);
      Xb32 = inFloat ? new FMatrixRMaj(features, capacity) : null;
      batch = !inFloat ? Batch.columns(Xb) : gather == Gather.FLOAT_COPY_ROWS ? Batch.rows(Xb32)
          : Batch.columns(Xb32);
    }

    /** Fills the buffer with the examples {@code order[start … end−1]}. */
    void gather(int[] order, int start, int end) {
      switch (gather) {
        case COLUMNS -> Dataset.gatherColumns(from, order, start, end, Xb);
        case COPY_ROWS_AS_COLUMNS -> Dataset.gatherRowsAsColumns(from, order, start, end, Xb);
        case ROUNDED_COLUMNS -> FloatBatches.gatherColumns(from, order, start, end, Xb32);
        case FLOAT_COLUMNS -> FloatBatches.gatherColumns(from32, order, start, end, Xb32);
        case FLOAT_COPY_ROWS_AS_COLUMNS ->
            FloatBatches.gatherRowsAsColumns(from32, order, start, end, Xb32);
        // whole examples copied as rows, which a float32 network multiplies transposed
        case FLOAT_COPY_ROWS -> FloatBatches.gatherRows(from32, order, start, end, Xb32);
        default -> throw new AssertionError(gather);
      }
    }
  }

  /** A buffer for batches of up to {@code capacity} examples. */
  Buffer buffer(int capacity) {
    return new Buffer(capacity);
  }
}

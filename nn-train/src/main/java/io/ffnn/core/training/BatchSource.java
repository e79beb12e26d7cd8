package io.ffnn.core.training;

import io.ffnn.core.Batch;
import io.ffnn.core.Network;
import io.ffnn.core.Precision;
import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.internal.FloatKernels;
import io.ffnn.core.internal.Floats;
import io.ffnn.core.internal.data.Inputs;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Where a run's batches come from and how they are gathered, decided once for the run: from the
 * training inputs as given ({@code n[0] × m}) or from an example-major copy ({@code Xᵀ}, see
 * {@link TrainingConfig#exampleMajorCopy()}); in {@code double}, or in {@code float} when the data
 * are float or the copy is made for a float32 network; and, for a float32 network with the copy,
 * as whole examples (rows), which it multiplies transposed. A float32 network given {@code
 * double} columns rounds them itself, each entry once, as the rounded copy would.
 */
final class BatchSource {

  /** How a batch is gathered, from what, into what. */
  private enum Gather {
    /** Columns of double {@code X} into double columns. */
    COLUMNS,
    /** Rows of the double copy into double columns. */
    COPY_ROWS_AS_COLUMNS,
    /** Columns of float {@code X} into float columns. */
    FLOAT_COLUMNS,
    /** Rows of the float copy into float columns. */
    FLOAT_COPY_ROWS_AS_COLUMNS,
    /** Rows of the float copy into float rows. */
    FLOAT_COPY_ROWS,
    /** A dataset's inputs as held, into double columns. */
    INPUTS_COLUMNS,
    /** A dataset's inputs as held, into float rows. */
    INPUTS_ROWS
  }

  /** Features per block when a float copy is made from double data: 16 rows of {@code X}. */
  private static final int BLOCK = 16;

  private final Gather gather;
  /** {@code X} or its double copy, for the double gathers; else null. */
  private final DMatrixRMaj from;
  /** Float {@code X} or the float copy, for the float gathers; else null. */
  private final FMatrixRMaj from32;
  /** A dataset's inputs, for the inputs' gathers; else null. */
  private final Inputs inputs;
  private final int features;

  /**
   * Batches gathered from a dataset's inputs as they are held (bytes, whole examples, or columns
   * read scaled): whole examples in float for a float32 network when they are held example-major,
   * as from the example-major copy; else columns in double, which a float32 network rounds.
   *
   * @param net the network trained
   * @param inputs the inputs, or the run's example-major copy of them
   */
  BatchSource(Network net, Inputs inputs) {
    this.features = net.size(0);
    this.inputs = inputs;
    this.from = null;
    this.from32 = null;
    gather = net.precision() == Precision.FLOAT32 && inputs.exampleMajor() ? Gather.INPUTS_ROWS
        : Gather.INPUTS_COLUMNS;
  }

  /**
   * @param net the network trained
   * @param copy whether to gather from an example-major copy
   * @param X the training inputs, or null if they are given in float. Not modified.
   * @param X32 the training inputs in float, or null. Not modified.
   */
  BatchSource(Network net, boolean copy, DMatrixRMaj X, FMatrixRMaj X32) {
    boolean float32 = net.precision() == Precision.FLOAT32;
    this.features = net.size(0);
    this.inputs = null;
    if (X32 == null && !(float32 && copy)) {
      gather = copy ? Gather.COPY_ROWS_AS_COLUMNS : Gather.COLUMNS;
      from = copy ? CommonOps_DDRM.transpose(X, null) : X;
      from32 = null;
    } else if (copy) {
      gather = float32 ? Gather.FLOAT_COPY_ROWS : Gather.FLOAT_COPY_ROWS_AS_COLUMNS;
      from = null;
      from32 = floatCopy(X, X32);
    } else {
      gather = Gather.FLOAT_COLUMNS;
      from = null;
      from32 = X32;
    }
  }

  /**
   * The example-major {@code float} copy of the inputs, {@code (float) Xᵀ} or {@code X32ᵀ}, a
   * block of features at a time: double data are rounded a block at a time, so no whole {@code
   * float} copy of {@code X} is held beside it.
   */
  private static FMatrixRMaj floatCopy(DMatrixRMaj X, FMatrixRMaj X32) {
    int n = X32 != null ? X32.numRows : X.numRows;
    int m = X32 != null ? X32.numCols : X.numCols;
    FMatrixRMaj T = new FMatrixRMaj(m, n);
    float[] block = X32 != null ? null : new float[BLOCK * m];
    for (int p = 0; p < n; p += BLOCK) {
      int rows = Math.min(BLOCK, n - p);
      if (X32 != null) {
        FloatKernels.transposeBlock(X32.data, p * m, rows, m, T, p);
      } else {
        Floats.narrow(X.data, p * m, block, 0, rows * m);
        FloatKernels.transposeBlock(block, 0, rows, m, T, p);
      }
    }
    return T;
  }

  /** A buffer of one part's batches, up to {@code capacity} examples, and its {@link Batch}. */
  final class Buffer {
    private final DMatrixRMaj Xb;
    private final FMatrixRMaj Xb32;
    final Batch batch;

    private Buffer(int capacity) {
      boolean inFloat = gather != Gather.COLUMNS && gather != Gather.COPY_ROWS_AS_COLUMNS
          && gather != Gather.INPUTS_COLUMNS;
      Xb = inFloat ? null : new DMatrixRMaj(features, capacity);
      Xb32 = inFloat ? new FMatrixRMaj(features, capacity) : null;
      batch = !inFloat ? Batch.columns(Xb)
          : gather == Gather.FLOAT_COPY_ROWS || gather == Gather.INPUTS_ROWS ? Batch.rows(Xb32)
          : Batch.columns(Xb32);
    }

    /** Fills the buffer with the examples {@code order[start … end−1]}. */
    void gather(int[] order, int start, int end) {
      switch (gather) {
        case COLUMNS -> DoubleKernels.gatherColumns(from, order, start, end, Xb);
        case COPY_ROWS_AS_COLUMNS ->
            DoubleKernels.gatherRowsAsColumns(from, order, start, end, Xb);
        case FLOAT_COLUMNS -> FloatKernels.gatherColumns(from32, order, start, end, Xb32);
        case FLOAT_COPY_ROWS_AS_COLUMNS ->
            FloatKernels.gatherRowsAsColumns(from32, order, start, end, Xb32);
        // whole examples copied as rows, which a float32 network multiplies transposed
        case FLOAT_COPY_ROWS -> FloatKernels.gatherRows(from32, order, start, end, Xb32);
        case INPUTS_COLUMNS -> inputs.gatherColumns(order, start, end, Xb);
        case INPUTS_ROWS -> inputs.gatherRows(order, start, end, Xb32);
        default -> throw new AssertionError(gather);
      }
    }
  }

  /** A buffer for batches of up to {@code capacity} examples. */
  Buffer buffer(int capacity) {
    return new Buffer(capacity);
  }
}

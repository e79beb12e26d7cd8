package io.ffnn.core.training;

import io.ffnn.api.Range;
import io.ffnn.core.Network;
import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.internal.FloatKernels;
import io.ffnn.core.internal.Floats;
import io.ffnn.core.internal.data.Inputs;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/** The training and validation data of a run: checked, split, and weighed by class. */
final class TrainingData {

  /** The inputs, in double or (then X is null) in float: the caller's, never copied. */
  DMatrixRMaj X;
  FMatrixRMaj X32;
  /**
   * Or (then X and X32 are null) a dataset's inputs as it holds them, or the example-major copy of
   * them that batches gather from.
   */
  Inputs inputs;
  /**
   * With a validation split, the columns of {@code X} trained on, in the split's order ({@code
   * Y} and the weights hold their targets in that order); null when every column is trained on.
   */
  int[] trainIndex;
  DMatrixRMaj Y;
  /** The validation inputs, forwarded in chunks once an epoch; or null. */
  Inputs valX;
  DMatrixRMaj valY;
  /** Each training example's weight, or null when they all weigh 1. */
  double[] weights;
  EpochMetrics metrics;

  private TrainingData() {}

  List<String> metricNames() {
    return metrics.names(valX != null);
  }

  /**
   * Checks a dataset's inputs as it holds them, and splits off validation examples by index: the
   * validation part is held in the inputs' own form, and batches gather the training part from
   * them, or from an example-major copy where they hold columns and the configuration asks for it.
   */
  static TrainingData of(Network network, Inputs in, DMatrixRMaj Y, TrainingConfig config,
      Inputs validationX, DMatrixRMaj validationY, double validationFraction,
      MemoryBudget budget) {
    checkData(network, in.features(), in.size(), Y, "");
    String bad = in.firstNonFinite();
    if (bad != null) {
      throw new IllegalArgumentException("X " + bad);
    }
    checkTargets(network, Y, "");
    boolean float32 = network.precision() == io.ffnn.core.Precision.FLOAT32;
    // the example-major copy where it pays: of columns; and for a float32 network, of inputs
    // read through tables (bytes), whose float rows gather faster than the lookups (the Fashion-
    // MNIST recipe's epochs 8 % faster, for a copy of half the double matrix)
    boolean copy = config.exampleMajorCopy()
        && (!in.exampleMajor() || float32 && in.readThroughTables());
    TrainingData d = new TrainingData();
    d.Y = Y;
    d.metrics = new EpochMetrics(network);
    int m = Y.numCols;
    if (validationX != null) {
      checkValidation(network, validationX, validationY);
      budget.require(m, m, validationX.size(), true, in, copy);
      d.valX = validationX;
      d.valY = validationY;
    } else if (validationFraction > 0) {
      int nVal = validationExamples(validationFraction, m);
      budget.require(m, m - nVal, nVal, false, in, copy);
      int[] order = d.split(Y, config, nVal);
      d.valX = in.select(Arrays.copyOfRange(order, m - nVal, m));
    } else {
      budget.require(m, m, 0, false, in, copy);
    }
    d.inputs = copy ? in.rowCopy(float32) : in;
    if (config.classWeights().isPresent()) {
      d.weights = config.classWeights().get().perExample(network, d.Y);
    }
    return d;
  }

  /**
   * Checks the data and, with a validation fraction, splits off the validation examples in the
   * order of the configuration's seed.
   */
  static TrainingData of(Network network, DMatrixRMaj X, FMatrixRMaj X32, DMatrixRMaj Y,
      TrainingConfig config, Inputs validationX, DMatrixRMaj validationY,
      double validationFraction, MemoryBudget budget) {
    if (X32 != null) {
      checkData(network, X32.numRows, X32.numCols, Y, "");
      checkFinite(null, X32, "");
    } else {
      Objects.requireNonNull(X, "X");
      checkData(network, X.numRows, X.numCols, Y, "");
      checkFinite(X, null, "");
    }
    checkTargets(network, Y, "");
    TrainingData d = new TrainingData();
    d.X = X;
    d.X32 = X32;
    d.Y = Y;
    d.metrics = new EpochMetrics(network);
    if (validationX != null) {
      checkValidation(network, validationX, validationY);
      budget.require(Y.numCols, Y.numCols, validationX.size(), true, X32 != null);
      d.valX = validationX;
      d.valY = validationY;
    } else if (validationFraction > 0) {
      int m = Y.numCols;
      int nVal = validationExamples(validationFraction, m);
      budget.require(m, m - nVal, nVal, false, X32 != null);
      int[] order = d.split(Y, config, nVal);
      if (X32 != null) {
        // validation inputs in double (exact), forwarded a chunk at a time once an epoch
        FMatrixRMaj val = new FMatrixRMaj(X32.numRows, nVal);
        FloatKernels.gatherColumns(X32, order, m - nVal, m, val);
        d.valX = Inputs.columns(Floats.widen(val, new DMatrixRMaj(1, 1)));
      } else {
        d.valX = Inputs.columns(gather(X, order, m - nVal, m));
      }
    } else {
      budget.require(Y.numCols, Y.numCols, 0, false, X32 != null);
    }
    if (config.classWeights().isPresent()) {
      // balanced weights count the classes of the examples trained on, not of the validation
      d.weights = config.classWeights().get().perExample(network, d.Y);
    }
    return d;
  }

  /** The examples a validation fraction holds back of {@code m}: at least one, and not all. */
  private static int validationExamples(double fraction, int m) {
    int nVal = (int) Math.round(fraction * m);
    if (nVal < 1 || nVal >= m) {
      throw new IllegalArgumentException("a validation fraction of " + fraction + " of " + m
          + " examples leaves " + nVal + " for validation and " + (m - nVal) + " for training; "
          + "both need at least one");
    }
    return nVal;
  }

  /**
   * Splits the examples in the order of the configuration's seed: the last {@code nVal} are
   * validated on. The training part is kept by index, not copied: batches gather from the inputs
   * (or the run's example-major copy of them) the same examples in the same order. The targets of
   * both parts are gathered here; the caller holds the validation inputs.
   *
   * @return the shuffled order of all the examples
   */
  private int[] split(DMatrixRMaj Y, TrainingConfig config, int nVal) {
    int m = Y.numCols;
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    TrainingConfig.shuffle(order, new Random(config.seed()));
    trainIndex = Arrays.copyOf(order, m - nVal);
    this.Y = gather(Y, order, 0, m - nVal);
    valY = gather(Y, order, m - nVal, m);
    return order;
  }

  /** A validation set given whole: its shapes, its inputs' values, its targets. */
  private static void checkValidation(Network network, Inputs X, DMatrixRMaj Y) {
    checkData(network, X.features(), X.size(), Y, "validation ");
    if (X.plainColumns() != null) {
      checkFinite(X.plainColumns(), null, "validation ");
    } else {
      String bad = X.firstNonFinite();
      if (bad != null) {
        throw new IllegalArgumentException("validation X " + bad);
      }
    }
    checkTargets(network, Y, "validation ");
  }

  private static void checkData(Network network, int rows, int cols, DMatrixRMaj Y,
      String what) {
    Objects.requireNonNull(Y, what + "Y");
    if (cols != Y.numCols) {
      throw new IllegalArgumentException(what + "X has " + cols
          + " examples (columns) but " + what + "Y has " + Y.numCols);
    }
    if (cols == 0) {
      throw new IllegalArgumentException("the " + what + "data hold no examples");
    }
    if (rows != network.size(0) || Y.numRows != network.targetRows()) {
      throw new IllegalArgumentException(what + "X is " + rows + "x" + cols + " and "
          + what + "Y is " + Y.numRows + "x" + Y.numCols + " but the network maps n[0] = "
          + network.size(0) + " inputs to targets of " + network.targetRows()
          + " row(s) for cost '" + network.cost().spec() + "'");
    }
  }

  /** The targets' values, checked after the inputs' as before float inputs existed. */
  private static void checkTargets(Network network, DMatrixRMaj Y, String what) {
    Range domain = network.cost().targetDomain();
    String bad = domain.firstViolation(Y, network.size(network.depth()));
    if (bad != null) {
      throw new IllegalArgumentException(what + "Y does not hold valid targets for cost '"
          + network.cost().spec() + "', which takes " + domain + ": " + bad);
    }
  }

  /** Refuses a NaN or infinite input, naming where it is; in {@code X}, or else in {@code X32}. */
  private static void checkFinite(DMatrixRMaj X, FMatrixRMaj X32, String what) {
    int size = X != null ? X.getNumElements() : X32.getNumElements();
    boolean finite = X != null ? DoubleKernels.allFinite(X.data, 0, size)
        : FloatKernels.allFinite(X32.data, 0, size);
    if (finite) {
      return;
    }
    int cols = X != null ? X.numCols : X32.numCols;
    for (int k = 0; k < size; k++) {
      double v = X != null ? X.data[k] : X32.data[k];
      if (!Double.isFinite(v)) {
        String shown = X != null ? Double.toString(v) : Float.toString((float) v);
        throw new IllegalArgumentException(what + "X has " + shown + " at [" + k / cols + ","
            + k % cols + "]");
      }
    }
  }

  private static DMatrixRMaj gather(DMatrixRMaj M, int[] order, int from, int to) {
    DMatrixRMaj out = new DMatrixRMaj(M.numRows, to - from);
    DoubleKernels.gatherColumns(M, order, from, to, out);
    return out;
  }
}

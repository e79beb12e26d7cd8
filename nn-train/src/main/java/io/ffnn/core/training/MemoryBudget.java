package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.ParameterLayout;
import io.ffnn.core.Precision;
import io.ffnn.core.internal.data.Inputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run on one machine holds at its peak, estimated from the shapes before anything of the
 * run is allocated, and the budget it must fit in: {@link #SHARE} of the maximum heap. The parts,
 * in bytes, with {@code P} parameters of {@code w} bytes (4 in float32, 8 in float64), {@code S =
 * Σ n[l]} units over the layers {@code l ≥ 1}, and batches of {@code b}:
 *
 * <ul>
 *   <li>the weights, {@code w P};
 *   <li>the optimizer, {@link io.ffnn.core.optimizers.Optimizer#memoryBytes}; for a float32
 *       network whose gradients are prepared (clipping, L2), the widened weights and gradients
 *       too, {@code 16 P};
 *   <li>each thread's workspace: its gradients {@code w P}, and per example of its share of the
 *       batch {@code 32 S} for {@code Z, A, dZ, dA} ({@code 48 S} in float32, which also keeps
 *       their {@code float} forms), {@code 16} per unit with dropout, the gathered inputs and
 *       targets;
 *   <li>the validation pass, the validation set forwarded {@link Trainer#VALIDATION_CHUNK}
 *       examples at a time: {@code 16 S} per example of a chunk ({@code 24 S} in float32, and its
 *       inputs rounded), and the chunk's inputs and targets gathered;
 *   <li>the data given, as held (a dataset's bytes, say), and the copies the run makes: the
 *       split off validation set, the example-major copy;
 *   <li>early stopping's copy of the best weights ({@code 8 P}), and a checkpoint's peak while it
 *       is written (the optimizer's state copied and encoded, the weights encoded).
 * </ul>
 */
final class MemoryBudget {

  /**
   * The share of the maximum heap a run may take: the rest is the caller's objects and the
   * collector's room to move. Measured at {@code -Xmx1g}: G1 never moves a large array, so one
   * layer's arrays of 200 MB each ran out of memory at 75 % of the heap, and the serial and
   * parallel collectors keep large arrays in an old generation of two thirds of it.
   */
  static final double SHARE = 2.0 / 3;

  private final Shape shape;
  private final TrainingConfig config;
  private final List<TrainingListener> listeners;

  MemoryBudget(Shape shape, TrainingConfig config, List<TrainingListener> listeners) {
    this.shape = shape;
    this.config = config;
    this.listeners = listeners;
  }

  /**
   * What the estimate reads of a network: its layer sizes, which hidden layers drop units, its
   * precision and the rows of its targets.
   */
  record Shape(int[] n, boolean[] dropout, Precision precision, int targetRows) {
    static Shape of(Network net) {
      int L = net.depth();
      int[] n = new int[L + 1];
      boolean[] dropout = new boolean[L + 1];
      for (int l = 0; l <= L; l++) {
        n[l] = net.size(l);
        dropout[l] = l >= 1 && l < L && net.spec().dropout(l) > 0;
      }
      return new Shape(n, dropout, net.precision(), net.targetRows());
    }
  }

  /**
   * Refuses a run that would take more than the budget.
   *
   * @param m the examples given for training
   * @param mTrain the examples trained on (fewer than {@code m} with a validation fraction)
   * @param mVal the validation examples, 0 for none
   * @param valGiven whether the validation set was given (else split off the training data)
   * @param floatInputs whether the training inputs are {@code float}
   * @throws MemoryBudgetException if the estimate is more than the budget
   */
  void require(int m, int mTrain, int mVal, boolean valGiven, boolean floatInputs) {
    require(m, mTrain, mVal, valGiven, floatInputs, null, false);
  }

  /**
   * Refuses a run on a dataset's inputs as held that would take more than the budget.
   *
   * @param held the inputs as the dataset holds them
   * @param copy whether the run makes an example-major copy of them
   * @see #require(int, int, int, boolean, boolean)
   */
  void require(int m, int mTrain, int mVal, boolean valGiven, Inputs held, boolean copy) {
    require(m, mTrain, mVal, valGiven, false, held, copy);
  }

  private void require(int m, int mTrain, int mVal, boolean valGiven, boolean floatInputs,
      Inputs held, boolean copy) {
    long budget = (long) (Runtime.getRuntime().maxMemory() * SHARE);
    List<String> parts = new ArrayList<>();
    long needed = estimate(m, mTrain, mVal, valGiven, floatInputs, held, copy, parts);
    if (needed > budget) {
      String message = String.format(Locale.ROOT, "training needs about %s (%s), more than the "
          + "%s a run may take (two thirds of the maximum heap, %s): smaller layers or batches, "
          + "less data, or a larger heap (-Xmx)", mb(needed), String.join(", ", parts),
          mb(budget), mb(Runtime.getRuntime().maxMemory()));
      throw new MemoryBudgetException(message, needed, budget);
    }
  }

  long estimate(long m, long mTrain, long mVal, boolean valGiven, boolean floatInputs,
      List<String> parts) {
    return estimate(m, mTrain, mVal, valGiven, floatInputs, null, false, parts);
  }

  /**
   * The estimate, with its parts named in {@code parts}; for a dataset's inputs as held when
   * {@code held} is not null (then {@code floatInputs} is false), with an example-major copy of
   * them if {@code copy}.
   */
  long estimate(long m, long mTrain, long mVal, boolean valGiven, boolean floatInputs,
      Inputs held, boolean copy, List<String> parts) {
    boolean float32 = shape.precision() == Precision.FLOAT32;
    long w = float32 ? 4 : 8;
    int[] n = shape.n();
    long P = ParameterLayout.countOf(n);
    long S = 0;
    long dropped = 0;
    for (int l = 1; l < n.length; l++) {
      S += n[l];
      dropped += shape.dropout()[l] ? n[l] : 0;
    }
    long n0 = n[0];
    long r = shape.targetRows();

    long weights = w * P;
    parts.add("weights " + mb(weights));

    var optimizer = config.newOptimizer();
    long opt = optimizer.memoryBytes(P, shape.precision())
        + (float32 && !optimizer.updatesByRange() ? 16 * P : 0);
    parts.add("optimizer " + mb(opt));

    int threads = config.threads();
    long c0 = Math.min(config.batchSize(), mTrain);
    long perColumn = (float32 ? 48 : 32) * S + 16 * dropped + 8 * r
        + (config.classWeights().isPresent() ? 8 : 0)
        // the gathered batch, and its copy in the network's precision where it differs
        + n0 * (held != null ? (float32 ? (held.exampleMajor() || copy ? 4 : 12) : 8)
            : float32 ? (config.exampleMajorCopy() || floatInputs ? 4 : 12)
            : floatInputs ? 12 : 8);
    long columns = c0 + (threads - 1) * ((c0 + threads - 1) / threads);
    long workspaces = threads * w * P + columns * perColumn;
    parts.add(String.format(Locale.ROOT, "gradients and activations of batches of %d on %d "
        + "thread%s %s", c0, threads, threads == 1 ? "" : "s", mb(workspaces)));

    // a chunk of the validation set forwarded at a time, its inputs gathered unless given whole
    long chunk = Math.min(mVal, Trainer.VALIDATION_CHUNK);
    long validation = mVal == 0 ? 0 : chunk * ((float32 ? 24 : 16) * S + (float32 ? 4 * n0 : 0)
        + (mVal > chunk || held != null && !valGiven ? 8 * (n0 + r) : 0));
    if (validation > 0) {
      parts.add("validation pass over " + mVal + " examples " + mb(validation));
    }

    long given = (held != null ? held.bytesHeld() : m * n0 * (floatInputs ? 4 : 8)) + m * 8 * r
        + (valGiven ? mVal * 8 * (n0 + r) : 0);
    long copies = 8L * m;
    long copied = m;
    if (held != null) {
      if (mVal > 0 && !valGiven) {
        // the validation part selected in the inputs' own form, the targets of both parts, the
        // index of the training part
        copies += held.bytesHeld() / Math.max(1, m) * mVal + m * 8 * r + 4 * mTrain;
      }
      if (copy) {
        copies += m * n0 * (float32 ? 4 : 8);
      }
    } else if (mVal > 0 && !valGiven) {
      // the validation inputs gathered (float ones widened), the targets of both parts, and the
      // index of the training part, which batches gather through from the inputs as given
      copies += (floatInputs ? mVal * 12 * n0 : mVal * 8 * n0) + m * 8 * r + 4 * mTrain;
    } else {
      copied = mTrain;
    }
    if (config.exampleMajorCopy() && held == null) {
      // of every example given: a split's training part is read through its index
      copies += float32 || floatInputs ? copied * 4 * n0 + (floatInputs ? 0 : 64L * copied)
          : copied * 8 * n0;
    }
    if (config.classWeights().isPresent()) {
      copies += 8L * mTrain;
    }
    parts.add("data " + mb(given + copies));

    long kept = 0;
    boolean restores = false;
    boolean checkpoints = false;
    for (TrainingListener l : listeners) {
      restores |= l instanceof EarlyStopping e && e.restoresBestWeights();
      checkpoints |= l instanceof Checkpoint.Writer;
    }
    if (restores) {
      kept += 8 * P;
    }
    if (checkpoints) {
      // the state copied, encoded and gathered; the weights and the best weights encoded
      long state = optimizer.memoryBytes(P, Precision.FLOAT64);
      kept += 3 * state + 24 * P + (restores ? 16 * P : 0);
    }
    if (kept > 0) {
      parts.add((restores ? "best weights" : "") + (restores && checkpoints ? " and " : "")
          + (checkpoints ? "checkpoints" : "") + " " + mb(kept));
    }
    return weights + opt + workspaces + validation + given + copies + kept;
  }

  /** Bytes in megabytes, for messages. */
  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }
}

package io.ffnn.core;

import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Mini-batch gradient descent over a whole training set: each epoch shuffles the examples (from a
 * seed), cuts them into batches of {@code batchSize} columns (the last one smaller when {@code m}
 * is not a multiple) and takes one {@link GradientDescent} step per batch. After the first epoch a
 * step allocates nothing.
 */
public final class MiniBatchTrainer {

  /** Called after each epoch. */
  @FunctionalInterface
  public interface EpochListener {

    /**
     * One epoch is done.
     *
     * @param epoch the epoch just finished, from 1
     * @param cost the mean of the batch costs weighted by batch size, i.e. {@code J} over the
     *     epoch's examples with the weights as they were for each batch
     */
    void epochEnd(int epoch, double cost);
  }

  private final GradientDescent rule;
  private final int batchSize;
  private final int epochs;
  private final long seed;

  /**
   * A trainer.
   *
   * @param learningRate {@code α > 0}
   * @param batchSize examples per batch, {@code >= 1}
   * @param epochs passes over the data, {@code >= 1}
   * @param seed the seed of the shuffles
   * @throws IllegalArgumentException if a value is out of range
   */
  public MiniBatchTrainer(double learningRate, int batchSize, int epochs, long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    this.rule = new GradientDescent(learningRate);
    this.batchSize = batchSize;
    this.epochs = epochs;
    this.seed = seed;
  }

  /**
   * Trains the network.
   *
   * @param network the network. Modified.
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@link Network#targetRows()} {@code × m}; checked once against the
   *     cost's {@link io.ffnn.api.Cost#targetDomain()}. Not modified.
   * @param listener told after each epoch; may be null
   * @return the cost of each epoch, index 0 for epoch 1
   * @throws IllegalArgumentException if {@code X} and {@code Y} do not fit the network or each
   *     other, or {@code Y} holds a value the cost does not accept (named with its position)
   */
  public double[] fit(Network network, DMatrixRMaj X, DMatrixRMaj Y, EpochListener listener) {
    Objects.requireNonNull(network, "network");
    if (X.numCols != Y.numCols) {
      throw new IllegalArgumentException(
          "X has " + X.numCols + " examples (columns) but Y has " + Y.numCols);
    }
    if (X.numRows != network.size(0) || Y.numRows != network.targetRows()) {
      throw new IllegalArgumentException("X is " + X.numRows + "x" + X.numCols + " and Y is "
          + Y.numRows + "x" + Y.numCols + " but the network maps n[0] = " + network.size(0)
          + " inputs to targets of " + network.targetRows() + " row(s) for cost '"
          + network.cost().spec() + "'");
    }
    String bad = network.cost().targetDomain().firstViolation(Y, network.size(network.depth()));
    if (bad != null) {
      throw new IllegalArgumentException("Y does not hold valid targets for cost '"
          + network.cost().spec() + "', which takes " + network.cost().targetDomain() + ": "
          + bad);
    }
    final int m = X.numCols;
    if (m == 0) {
      throw new IllegalArgumentException("the training set is empty");
    }
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Random rng = new Random(seed);
    int capacity = Math.min(batchSize, m);
    DMatrixRMaj Xb = new DMatrixRMaj(X.numRows, capacity);
    DMatrixRMaj Yb = new DMatrixRMaj(Y.numRows, capacity);
    Workspace ws = network.newWorkspace();
    double[] history = new double[epochs];
    for (int epoch = 1; epoch <= epochs; epoch++) {
      shuffle(order, rng);
      double total = 0;
      for (int from = 0; from < m; from += batchSize) {
        int to = Math.min(m, from + batchSize);
        gatherColumns(X, order, from, to, Xb);
        gatherColumns(Y, order, from, to, Yb);
        total += rule.step(network, Xb, Yb, ws) * (to - from);
      }
      history[epoch - 1] = total / m;
      if (listener != null) {
        listener.epochEnd(epoch, history[epoch - 1]);
      }
    }
    return history;
  }

  /** Fisher–Yates. */
  private static void shuffle(int[] order, Random rng) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /**
   * {@code out[:, k] = M[:, order[from + k]]} for {@code k < to − from}.
   *
   * @param M the source. Not modified.
   * @param order column indices
   * @param from first position in {@code order}
   * @param to one past the last position
   * @param out the batch, reshaped to {@code M.rows × (to − from)}. Modified.
   */
  static void gatherColumns(DMatrixRMaj M, int[] order, int from, int to, DMatrixRMaj out) {
    final int rows = M.numRows;
    final int cols = M.numCols;
    final int width = to - from;
    out.reshape(rows, width);
    for (int p = 0; p < rows; p++) {
      final int src = p * cols;
      final int dst = p * width;
      for (int k = 0; k < width; k++) {
        out.data[dst + k] = M.data[src + order[from + k]];
      }
    }
  }
}

package io.ffnn.core.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The record of a training run: every epoch's metrics, and where early stopping stopped and what
 * it kept. Immutable.
 */
public final class History {

  private final List<EpochRecord> epochs;
  private final int bestEpoch;
  private final boolean stoppedEarly;
  private final boolean restoredBest;

  History(List<EpochRecord> epochs, int bestEpoch, boolean stoppedEarly, boolean restoredBest) {
    this.epochs = List.copyOf(epochs);
    this.bestEpoch = bestEpoch;
    this.stoppedEarly = stoppedEarly;
    this.restoredBest = restoredBest;
  }

  /**
   * The history of a run that trained every epoch and kept the last weights, for trainers
   * outside this package (on a cluster, say).
   *
   * @param epochs the epochs' records, in order
   * @return the history
   */
  public static History of(List<EpochRecord> epochs) {
    return new History(epochs, 0, false, false);
  }

  /**
   * The epochs, in order.
   *
   * @return the records
   */
  public List<EpochRecord> epochs() {
    return epochs;
  }

  /**
   * One metric over the epochs.
   *
   * @param metric e.g. {@code "loss"}
   * @return its values, epoch 1 first
   * @throws IllegalArgumentException if the run did not record it
   */
  public List<Double> get(String metric) {
    List<Double> values = new ArrayList<>();
    for (EpochRecord e : epochs) {
      values.add(e.get(metric));
    }
    return values;
  }

  /**
   * The last epoch's record.
   *
   * @return the record
   * @throws IllegalStateException if no epoch ran
   */
  public EpochRecord last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch was trained");
    }
    return epochs.get(epochs.size() - 1);
  }

  /**
   * The epoch with the best value of the early-stopping metric.
   *
   * @return the epoch from 1, or 0 without early stopping
   */
  public int bestEpoch() {
    return bestEpoch;
  }

  /**
   * Whether early stopping ended the run before the planned epochs.
   *
   * @return true if it stopped early
   */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  /**
   * Whether the network holds the best epoch's weights rather than the last epoch's.
   *
   * @return true if the best weights were restored
   */
  public boolean restoredBestWeights() {
    return restoredBest;
  }

  /** Equal when the epochs' metrics and learning rates are equal (times are not compared). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof History)) {
      return false;
    }
    History h = (History) o;
    if (h.epochs.size() != epochs.size() || h.bestEpoch != bestEpoch) {
      return false;
    }
    for (int i = 0; i < epochs.size(); i++) {
      EpochRecord a = epochs.get(i);
      EpochRecord b = h.epochs.get(i);
      if (!a.metrics().equals(b.metrics()) || Double.compare(a.learningRate(), b.learningRate())
          != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return epochs.stream().mapToInt(e -> e.metrics().hashCode()).sum() + bestEpoch;
  }
}

package io.ffnn.core.training;

import java.util.Objects;

/**
 * Stops training when a monitored metric has not improved by more than {@code minDelta} for
 * {@code patience} epochs, and optionally puts back the weights of the best epoch. Immutable; the
 * trainer keeps the running state.
 *
 * <pre>{@code
 * EarlyStopping.minimize("val_loss").patience(10).minDelta(1e-4).restoreBestWeights(true)
 * EarlyStopping.maximize("val_accuracy").patience(5)
 * }</pre>
 */
public final class EarlyStopping {

  /** Which way is better. */
  public enum Direction {
    /** Lower is better (losses, errors). */
    MINIMIZE,
    /** Higher is better (accuracy, R²). */
    MAXIMIZE
  }

  private final String metric;
  private final Direction direction;
  private final int patience;
  private final double minDelta;
  private final boolean restoreBestWeights;

  private EarlyStopping(String metric, Direction direction, int patience, double minDelta,
      boolean restore) {
    this.metric = Objects.requireNonNull(metric, "metric");
    this.direction = Objects.requireNonNull(direction, "direction");
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("minDelta must be >= 0, got " + minDelta);
    }
    this.patience = patience;
    this.minDelta = minDelta;
    this.restoreBestWeights = restore;
  }

  /**
   * Watches a metric that should fall.
   *
   * @param metric e.g. {@code "val_loss"}
   * @return patience 5, minDelta 0, restoring the best weights
   */
  public static EarlyStopping minimize(String metric) {
    return new EarlyStopping(metric, Direction.MINIMIZE, 5, 0, true);
  }

  /**
   * Watches a metric that should rise.
   *
   * @param metric e.g. {@code "val_accuracy"}
   * @return patience 5, minDelta 0, restoring the best weights
   */
  public static EarlyStopping maximize(String metric) {
    return new EarlyStopping(metric, Direction.MAXIMIZE, 5, 0, true);
  }

  /**
   * A copy with another patience.
   *
   * @param epochs epochs without improvement before stopping, {@code >= 1}
   * @return the copy
   */
  public EarlyStopping patience(int epochs) {
    return new EarlyStopping(metric, direction, epochs, minDelta, restoreBestWeights);
  }

  /**
   * A copy with another minimum improvement.
   *
   * @param delta the smallest change that counts as an improvement, {@code >= 0}
   * @return the copy
   */
  public EarlyStopping minDelta(double delta) {
    return new EarlyStopping(metric, direction, patience, delta, restoreBestWeights);
  }

  /**
   * A copy that does or does not restore the best epoch's weights when it stops (or when training
   * ends without stopping).
   *
   * @param restore whether to restore
   * @return the copy
   */
  public EarlyStopping restoreBestWeights(boolean restore) {
    return new EarlyStopping(metric, direction, patience, minDelta, restore);
  }

  /**
   * The monitored metric.
   *
   * @return e.g. {@code "val_loss"}
   */
  public String metric() {
    return metric;
  }

  /**
   * Which way is better.
   *
   * @return the direction
   */
  public Direction direction() {
    return direction;
  }

  /**
   * Epochs without improvement before stopping.
   *
   * @return the patience
   */
  public int patience() {
    return patience;
  }

  /**
   * The smallest improvement that counts.
   *
   * @return minDelta
   */
  public double minDelta() {
    return minDelta;
  }

  /**
   * Whether the best weights are put back.
   *
   * @return true to restore
   */
  public boolean restoresBestWeights() {
    return restoreBestWeights;
  }

  /**
   * Whether {@code value} improves on {@code best} by more than {@code minDelta}.
   *
   * @param value the new value
   * @param best the best so far (NaN before the first)
   * @return true if it is an improvement
   */
  boolean improves(double value, double best) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(value);
    }
    return direction == Direction.MINIMIZE ? value < best - minDelta : value > best + minDelta;
  }

  @Override
  public String toString() {
    return "early stopping on " + metric + " (" + direction.name().toLowerCase(java.util.Locale.ROOT)
        + ", patience " + patience + ", min delta " + minDelta
        + (restoreBestWeights ? ", restoring the best weights)" : ")");
  }
}

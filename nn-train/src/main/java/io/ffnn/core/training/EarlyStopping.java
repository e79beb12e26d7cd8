package io.ffnn.core.training;

import java.util.Objects;

/**
 * A listener that stops training when a monitored metric has not improved by more than {@code
 * minDelta} for {@code patience} epochs, and optionally puts back the weights of the best epoch
 * when training ends (stopped or not). Immutable: each run gets its own {@link #forRun() tracker}
 * with the running state — the best value and epoch, the epochs without improvement, and a copy of
 * the best weights — which checkpoints save and a resumed run continues from.
 *
 * <pre>{@code
 * EarlyStopping.minimize("val_loss").patience(10).minDelta(1e-4).restoreBestWeights(true)
 * EarlyStopping.maximize("val_accuracy").patience(5)
 * }</pre>
 */
public final class EarlyStopping implements TrainingListener {

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

  /**
   * A new tracker of this early stopping for one run.
   *
   * @return a listener with the run's state
   */
  @Override
  public TrainingListener forRun() {
    return new Tracker(this);
  }

  /**
   * What early stopping knows during a run, as checkpoints save it.
   *
   * @param bestValue the best value of the metric so far, NaN before the first epoch
   * @param bestEpoch the epoch of that value, 0 before the first
   * @param epochsWithoutImprovement the epochs since then without improvement
   * @param bestWeights the best epoch's weights in the flat layout, or null if not kept
   */
  record State(double bestValue, int bestEpoch, int epochsWithoutImprovement,
      double[] bestWeights) {

    /** Before the first epoch. */
    static final State INITIAL = new State(Double.NaN, 0, 0, null);
  }

  /** The listener of one run: the settings and the running state. */
  static final class Tracker implements TrainingListener {
    private final EarlyStopping settings;
    private double bestValue = Double.NaN;
    private int bestEpoch;
    private int wait;
    private double[] bestWeights;
    private double[] resumedWeights;

    Tracker(EarlyStopping settings) {
      this.settings = settings;
    }

    EarlyStopping settings() {
      return settings;
    }

    /** Continues from a checkpoint's state; called before {@link #trainingStart}. */
    void resume(State state) {
      bestValue = state.bestValue();
      bestEpoch = state.bestEpoch();
      wait = state.epochsWithoutImprovement();
      resumedWeights = state.bestWeights();
    }

    State state() {
      return new State(bestValue, bestEpoch, wait,
          bestWeights == null || bestEpoch == 0 ? null : bestWeights.clone());
    }

    @Override
    public void trainingStart(TrainingContext context) {
      if (!context.metricNames().contains(settings.metric)) {
        throw new IllegalArgumentException("early stopping watches '" + settings.metric
            + "', which this run does not record; it records "
            + String.join(", ", context.metricNames()));
      }
      if (settings.restoreBestWeights) {
        bestWeights = new double[context.network().parameterCount()];
        context.network().getParameters(bestWeights);
        if (resumedWeights != null) {
          System.arraycopy(resumedWeights, 0, bestWeights, 0, bestWeights.length);
        }
      }
    }

    @Override
    public void epochEnd(TrainingContext context) {
      double value = context.lastEpoch().get(settings.metric);
      if (settings.improves(value, bestValue)) {
        bestValue = value;
        bestEpoch = context.epoch();
        wait = 0;
        context.bestEpoch(bestEpoch);
        if (bestWeights != null) {
          context.network().getParameters(bestWeights);
        }
      } else if (++wait >= settings.patience) {
        context.requestStop();
      }
    }

    @Override
    public void trainingEnd(TrainingContext context) {
      if (bestWeights != null && bestEpoch > 0 && bestEpoch != context.history().size()) {
        context.restoreWeights(bestWeights, bestEpoch);
      }
    }

    @Override
    public String toString() {
      return settings.toString();
    }
  }

  @Override
  public String toString() {
    return "early stopping on " + metric + " (" + direction.name().toLowerCase(java.util.Locale.ROOT)
        + ", patience " + patience + ", min delta " + minDelta
        + (restoreBestWeights ? ", restoring the best weights)" : ")");
  }
}

package io.ffnn.core.training;

/**
 * The learning rate over training, as a function of the base rate and the progress {@code t}
 * measured in epochs ({@code t = e + b / B} during batch {@code b} of {@code B} in epoch {@code e},
 * from 0). The trainer sets the optimizer's rate before every batch.
 *
 * <p>The schedules made here are stateless except {@link #reduceOnPlateau}, which watches the
 * monitored loss at the end of every epoch: make a new one for each training run.
 */
public interface LearningRateSchedule {

  /**
   * The rate for the next batch.
   *
   * @param base the optimizer's base rate
   * @param t the progress in epochs, from 0
   * @param epochs the planned number of epochs
   * @return the rate, {@code > 0}
   */
  double rate(double base, double t, int epochs);

  /**
   * Called after every epoch with the monitored quantity (the validation loss if there is a
   * validation set, else the training loss). Stateless schedules ignore it.
   *
   * @param epoch the epoch just finished, from 1
   * @param loss the monitored loss
   */
  default void epochEnd(int epoch, double loss) {}

  /**
   * A copy of this schedule for one training run, in its initial state: each run of a {@link
   * TrainingConfig} uses one, so that a second run does not continue the first's state. A
   * stateless schedule returns itself (the default); a schedule that keeps state in {@link
   * #epochEnd} must return a new instance.
   *
   * @return the schedule for a new run
   */
  default LearningRateSchedule fresh() {
    return this;
  }

  /**
   * The schedule's running state, for checkpoints; stateless schedules have none.
   *
   * @return the state as numbers; empty by default
   */
  default double[] state() {
    return new double[0];
  }

  /**
   * Restores a state from {@link #state()}.
   *
   * @param state the saved state. Not modified.
   * @throws IllegalArgumentException if it does not fit this schedule
   */
  default void restore(double[] state) {
    if (state.length != 0) {
      throw new IllegalArgumentException("this schedule keeps no state, got " + state.length
          + " numbers");
    }
  }

  /**
   * The base rate throughout.
   *
   * @return the schedule
   */
  static LearningRateSchedule constant() {
    return (base, t, epochs) -> base;
  }

  /**
   * Step decay: {@code η = base · γ^floor(e / stepEpochs)} for epoch {@code e} from 0.
   *
   * @param stepEpochs epochs between drops, {@code >= 1}
   * @param gamma the factor per drop, in {@code (0, 1]}
   * @return the schedule
   */
  static LearningRateSchedule stepDecay(int stepEpochs, double gamma) {
    if (stepEpochs < 1 || !(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("step decay needs stepEpochs >= 1 and gamma in (0, 1], "
          + "got " + stepEpochs + ", " + gamma);
    }
    return (base, t, epochs) -> base * Math.pow(gamma, Math.floor(Math.floor(t) / stepEpochs));
  }

  /**
   * Exponential decay per epoch: {@code η = base · γ^e} for epoch {@code e} from 0.
   *
   * @param gamma the factor per epoch, in {@code (0, 1]}
   * @return the schedule
   */
  static LearningRateSchedule exponential(double gamma) {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("exponential decay needs gamma in (0, 1], got " + gamma);
    }
    return (base, t, epochs) -> base * Math.pow(gamma, Math.floor(t));
  }

  /**
   * Cosine annealing with linear warm-up: {@code η = base · t / w} for {@code t < w}, then {@code
   * η = min + (base − min) · ½ (1 + cos(π (t − w) / (E − w)))}, updated every batch.
   *
   * @param warmupEpochs {@code w >= 0}, may be fractional
   * @param minRate the final rate, {@code >= 0}
   * @return the schedule
   */
  static LearningRateSchedule cosine(double warmupEpochs, double minRate) {
    if (!(warmupEpochs >= 0) || !(minRate >= 0)) {
      throw new IllegalArgumentException("cosine needs warm-up >= 0 and a minimum rate >= 0");
    }
    return (base, t, epochs) -> {
      if (t < warmupEpochs) {
        // never exactly 0: the first batch starts a little above it
        return base * Math.max(t, 1e-3) / warmupEpochs;
      }
      double span = Math.max(epochs - warmupEpochs, 1e-9);
      double progress = Math.min(1, (t - warmupEpochs) / span);
      return Math.max(minRate + (base - minRate) * 0.5 * (1 + Math.cos(Math.PI * progress)),
          Double.MIN_NORMAL);
    };
  }

  /**
   * Reduce on plateau: multiply the rate by {@code factor} whenever the monitored loss has not
   * improved by more than {@code minDelta} for {@code patience} epochs, down to {@code minRate}.
   * Stateful: one per training run.
   *
   * @param factor in {@code (0, 1)}
   * @param patience epochs without improvement before a reduction, {@code >= 1}
   * @param minDelta the smallest improvement that counts, {@code >= 0}
   * @param minRate the floor, {@code > 0}
   * @return a new schedule
   */
  static LearningRateSchedule reduceOnPlateau(double factor, int patience, double minDelta,
      double minRate) {
    return new ReduceOnPlateau(factor, patience, minDelta, minRate);
  }

  /**
   * A schedule from its spec, as the tool's {@code --schedule} takes it: {@code constant}, {@code
   * step(step_epochs=10, gamma=0.5)}, {@code exponential(gamma=0.95)}, {@code cosine(warmup=0,
   * min_lr=0)}, {@code plateau(factor=0.5, patience=5, min_delta=0, min_lr=1e-6)} (the defaults
   * shown; each parameter may be left out).
   *
   * @param text the spec
   * @return the schedule
   * @throws io.ffnn.api.PluginException naming the spec if the name or a parameter is unknown,
   *     or a value is out of range
   */
  static LearningRateSchedule fromSpec(String text) {
    io.ffnn.api.PluginSpec spec = io.ffnn.api.PluginSpec.parse(text);
    java.util.Map<String, java.util.Map<String, Double>> defaults = java.util.Map.of(
        "constant", java.util.Map.of(),
        "step", java.util.Map.of("step_epochs", 10.0, "gamma", 0.5),
        "exponential", java.util.Map.of("gamma", 0.95),
        "cosine", java.util.Map.of("warmup", 0.0, "min_lr", 0.0),
        "plateau", java.util.Map.of("factor", 0.5, "patience", 5.0, "min_delta", 0.0,
            "min_lr", 1e-6));
    java.util.Map<String, Double> known = defaults.get(spec.name());
    if (known == null) {
      throw new io.ffnn.api.PluginException("unknown schedule '" + spec.name() + "' in spec '"
          + text + "'; available: constant, cosine, exponential, plateau, step");
    }
    java.util.Map<String, Double> p = new java.util.HashMap<>(known);
    for (java.util.Map.Entry<String, Double> e : spec.parameters().entrySet()) {
      if (!p.containsKey(e.getKey())) {
        throw new io.ffnn.api.PluginException("schedule spec '" + text + "': " + spec.name()
            + " has no parameter '" + e.getKey() + "'; it takes "
            + (known.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(
                known.keySet()))));
      }
      p.put(e.getKey(), e.getValue());
    }
    for (String whole : new String[] {"step_epochs", "patience"}) {
      if (p.containsKey(whole) && p.get(whole) != Math.rint(p.get(whole))) {
        throw new io.ffnn.api.PluginException("schedule spec '" + text + "': " + whole
            + " must be a whole number, got " + p.get(whole));
      }
    }
    try {
      switch (spec.name()) {
        case "constant":
          return constant();
        case "step":
          return stepDecay(p.get("step_epochs").intValue(), p.get("gamma"));
        case "exponential":
          return exponential(p.get("gamma"));
        case "cosine":
          return cosine(p.get("warmup"), p.get("min_lr"));
        default:
          return reduceOnPlateau(p.get("factor"), p.get("patience").intValue(),
              p.get("min_delta"), p.get("min_lr"));
      }
    } catch (IllegalArgumentException e) {
      throw new io.ffnn.api.PluginException("schedule spec '" + text + "': " + e.getMessage(), e);
    }
  }
}

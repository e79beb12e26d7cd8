package io.ffnn.core.training;

import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * What a training run does, apart from the data and the loop that does it: epochs, batch size,
 * seed, shuffling, the optimizer (a template: every run steps a {@link Optimizer#fresh() fresh}
 * copy), the learning-rate schedule (likewise {@link LearningRateSchedule#fresh() fresh} per run),
 * and the number of threads a batch is split across on one machine. Immutable; single-machine
 * ({@link Trainer}) and distributed training take the same configuration and form the same
 * batches from it ({@link #epochOrder}).
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder()
 *     .optimizer(Optimizers.adam(0.01))
 *     .epochs(200).batchSize(32).seed(7)
 *     .build();
 * }</pre>
 */
public final class TrainingConfig {

  private final Optimizer optimizer;
  private final int epochs;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;
  private final LearningRateSchedule schedule;
  private final int threads;
  private final boolean exampleMajorCopy;
  private final ClassWeights classWeights;

  private TrainingConfig(Builder b) {
    // a copy, so that nothing the caller does to its optimizer later reaches this configuration
    this.optimizer = (b.optimizer != null ? b.optimizer : Optimizers.adam(0.001)).fresh();
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.shuffle = b.shuffle;
    this.schedule = b.schedule;
    this.threads = b.threads;
    this.exampleMajorCopy = b.exampleMajorCopy;
    this.classWeights = b.classWeights;
  }

  /**
   * Starts a configuration: by default Adam with rate 0.001, 10 epochs, batches of 32, seed 0,
   * shuffling, a constant rate, one thread.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this configuration's settings.
   *
   * @return a builder holding a copy of every setting
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.optimizer = optimizer;
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.seed = seed;
    b.shuffle = shuffle;
    b.schedule = schedule;
    b.threads = threads;
    b.exampleMajorCopy = exampleMajorCopy;
    b.classWeights = classWeights;
    return b;
  }

  /**
   * A new optimizer for one run: the template's configuration, no state.
   *
   * @return a fresh optimizer
   */
  public Optimizer newOptimizer() {
    return optimizer.fresh();
  }

  /**
   * The optimizer's spec, e.g. {@code adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)}.
   *
   * @return the spec of the optimizer every run starts from
   */
  public String optimizerSpec() {
    return optimizer.spec();
  }

  /**
   * The number of epochs.
   *
   * @return the planned epochs (a run may stop earlier)
   */
  public int epochs() {
    return epochs;
  }

  /**
   * The mini-batch size.
   *
   * @return the examples per batch; the last batch of an epoch may be smaller
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * The seed of the shuffles, the validation split and the dropout masks.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Whether each epoch shuffles the examples.
   *
   * @return true to shuffle
   */
  public boolean shuffle() {
    return shuffle;
  }

  /**
   * A learning-rate schedule for one run.
   *
   * @return the schedule's {@link LearningRateSchedule#fresh() fresh} copy
   */
  public LearningRateSchedule newSchedule() {
    return schedule.fresh();
  }

  /**
   * The number of threads a batch is split across on one machine.
   *
   * @return {@code >= 1}
   */
  public int threads() {
    return threads;
  }

  /**
   * Whether single-machine training gathers its batches from an example-major copy of {@code X}.
   *
   * @return true (the default) to copy
   */
  public boolean exampleMajorCopy() {
    return exampleMajorCopy;
  }

  /**
   * How the classes' examples weigh in the gradient, if they are weighed.
   *
   * @return the class weights; empty when every example weighs 1
   */
  public java.util.Optional<ClassWeights> classWeights() {
    return java.util.Optional.ofNullable(classWeights);
  }

  /**
   * The number of batches of an epoch over {@code m} examples.
   *
   * @param m the examples, {@code >= 1}
   * @return {@code ⌈m / batchSize⌉}
   */
  public int batches(int m) {
    return (int) ((m + (long) batchSize - 1) / batchSize);
  }

  /**
   * The order in which a run visits {@code m} examples in an epoch: batch {@code b} (from 1) holds
   * the examples {@code order[(b − 1) · batchSize() …]}. It depends on the seed, the epoch and
   * {@code m} alone, so that every trainer — on one machine, or on a cluster — and a run resumed
   * from a checkpoint form the same batches.
   *
   * @param epoch the epoch, from 1
   * @param m the number of examples
   * @return a permutation of {@code 0 … m−1}; the identity without shuffling
   * @throws IllegalArgumentException if {@code epoch < 1} or {@code m < 0}
   */
  public int[] epochOrder(int epoch, int m) {
    if (epoch < 1 || m < 0) {
      throw new IllegalArgumentException("epoch " + epoch + " (from 1) of " + m + " examples");
    }
    int[] order = new int[m];
    fillEpochOrder(order, epoch);
    return order;
  }

  /** {@link #epochOrder} into an existing array, without allocating it. */
  void fillEpochOrder(int[] order, int epoch) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (shuffle) {
      shuffle(order, new Random(epochSeed(epoch)));
    }
  }

  /** The seed of epoch {@code e}'s shuffle (and, plus one, of its dropout masks). */
  long epochSeed(int epoch) {
    return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
  }

  /** Fisher–Yates. */
  static void shuffle(int[] order, Random rng) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /**
   * The settings, e.g. {@code adam(lr=0.001, …), 10 epochs, batch 32, seed 0}.
   *
   * @return a one-line description
   */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s, %d epochs, batch %d, seed %d%s%s%s",
        optimizer.spec(), epochs, batchSize, seed, shuffle ? "" : ", no shuffling",
        threads == 1 ? "" : ", " + threads + " threads",
        classWeights == null ? "" : ", " + classWeights);
  }

  /** Builds a {@link TrainingConfig}. */
  public static final class Builder {
    private Optimizer optimizer;
    private int epochs = 10;
    private int batchSize = 32;
    private long seed;
    private boolean shuffle = true;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private int threads = 1;
    private boolean exampleMajorCopy = true;
    private ClassWeights classWeights;

    private Builder() {}

    /**
     * Sets the optimizer (Adam with rate 0.001 by default): its rule, hyper-parameters, L2 and
     * clipping, and its learning rate as the base rate of the schedule. The configuration keeps a
     * copy without state; every run steps a fresh copy of that.
     *
     * @param optimizer the optimizer to copy. Not modified.
     * @return this builder
     */
    public Builder optimizer(Optimizer optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
      return this;
    }

    /**
     * Sets the number of epochs.
     *
     * @param epochs passes over the training data, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code epochs < 1}
     */
    public Builder epochs(int epochs) {
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
      }
      this.epochs = epochs;
      return this;
    }

    /**
     * Sets the batch size.
     *
     * @param batchSize examples per batch, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the seed of the shuffles, the validation split and the dropout masks.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Whether to shuffle the examples each epoch (true by default).
     *
     * @param shuffle false to keep the order of the data
     * @return this builder
     */
    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /**
     * Sets the learning-rate schedule (constant by default).
     *
     * @param schedule the schedule; each run uses its {@link LearningRateSchedule#fresh()} copy
     * @return this builder
     */
    public Builder schedule(LearningRateSchedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /**
     * Trains on {@code threads} threads by splitting every mini-batch into that many contiguous
     * parts of (almost) equal size: each thread propagates its part forward and backward with its
     * own workspace, and the gradients are combined in a fixed order, {@code g = Σ_t (m_t / m)
     * g_t}, before the one optimizer step. Unless the optimizer clips or adds L2 (see {@link
     * Optimizer#updatesByRange()}), combining, the step and the check for non-finite parameters
     * are split across the threads too, each taking a contiguous range of the entries. The
     * result is deterministic for a given thread count and equals single-threaded training up to
     * rounding (a different summation order). Single-machine training only.
     *
     * @param threads {@code >= 1}; 1 (the default) trains on the calling thread alone
     * @return this builder
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Whether single-machine training gathers its shuffled mini-batches from an example-major
     * copy of the training inputs, {@code Xᵀ}, made once per run. Examples are columns of {@code
     * X}, so a shuffled batch read from {@code X} itself touches a separate cache line for every
     * entry; from the copy each example is one contiguous read. On the standard benchmark network
     * this makes training about a quarter faster, for {@code n[0] × m} more doubles held during
     * the run (floats, for a float32 network). A dataset that holds its examples as rows already
     * (a CSV file's) is not copied; one that holds bytes (IDX images) is copied to {@code float}
     * rows for a float32 network only, which gather faster than the bytes' table lookups. Results
     * are identical either way.
     *
     * @param copy true (the default) to gather from a copy; false to save its memory
     * @return this builder
     */
    public Builder exampleMajorCopy(boolean copy) {
      this.exampleMajorCopy = copy;
      return this;
    }

    /**
     * Weighs each class's examples in the gradient (a classifier's imbalanced data): see {@link
     * ClassWeights}. Not set, every example weighs 1. The reported loss and metrics stay
     * unweighted.
     *
     * @param weights e.g. {@link ClassWeights#balanced()}, or null for none
     * @return this builder
     */
    public Builder classWeights(ClassWeights weights) {
      this.classWeights = weights;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public TrainingConfig build() {
      return new TrainingConfig(this);
    }
  }
}

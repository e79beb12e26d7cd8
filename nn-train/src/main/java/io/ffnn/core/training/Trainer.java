package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.Workspace;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.internal.data.DatasetAccess;
import io.ffnn.core.internal.data.Inputs;
import io.ffnn.core.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Mini-batch training on one machine: a {@link TrainingConfig}, an optional validation set, and
 * listeners. Each epoch visits the examples in the configuration's {@linkplain
 * TrainingConfig#epochOrder order}, cut into batches (the last one smaller when {@code m} is not a
 * multiple), and for each batch runs forward and backward propagation and one step of the run's
 * optimizer; then it records the epoch's metrics ({@code loss}, {@code accuracy} or {@code mse},
 * {@code mae}, {@code r2}, and the same for validation with {@code val_}) and tells the listeners,
 * which may stop the run ({@link EarlyStopping}), save it ({@link Checkpoint#every}) or report it
 * ({@link Progress}).
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder()
 *     .optimizer(Optimizers.adam(0.01))
 *     .epochs(200).batchSize(32).seed(7)
 *     .build();
 * History history = Trainer.builder(config)
 *     .validationFraction(0.2)
 *     .earlyStopping(EarlyStopping.minimize("val_loss").patience(20))
 *     .listener(Progress.lines(System.out))
 *     .build()
 *     .fit(network, X, Y);
 * }</pre>
 *
 * <p>A trainer is immutable and keeps no state between runs: every {@link #fit} starts from a
 * fresh optimizer and schedule (Tribuo's trainers are the model), and continuing a run is asked
 * for explicitly, from a checkpoint ({@link #resume}). Reproducible: the same network spec, data,
 * seed and settings give bit-identical weights and history. After the first epoch a training
 * step allocates nothing. The batch's work is done by a package-private runner that splits it
 * across {@link TrainingConfig#threads()} threads; the bookkeeping shared with other trainers is
 * {@link TrainingRun}'s.
 */
public final class Trainer {

  /** Validation examples forwarded at once. */
  static final int VALIDATION_CHUNK = 4096;

  private final TrainingConfig config;
  /** A validation set's inputs as its dataset holds them, or its matrix; or null. */
  private final Inputs validationX;
  private final DMatrixRMaj validationY;
  private final double validationFraction;
  private final List<TrainingListener> listeners;

  private Trainer(Builder b) {
    this.config = b.config;
    this.validationX = b.validationX;
    this.validationY = b.validationY;
    this.validationFraction = b.validationFraction;
    List<TrainingListener> all = new ArrayList<>();
    // early stopping first and checkpoints next: a checkpoint saves early stopping's state of the
    // same epoch, and listeners after both see the weights early stopping restored
    if (b.earlyStopping != null) {
      all.add(b.earlyStopping);
    }
    if (b.checkpoint != null) {
      all.add(b.checkpoint);
    }
    all.addAll(b.listeners);
    this.listeners = List.copyOf(all);
  }

  /**
   * Starts a trainer: by default {@link TrainingConfig#builder()}'s settings, no validation, no
   * early stopping, no listeners.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a trainer that runs a configuration: what a run does (optimizer, epochs, batch size,
   * seed, schedule, threads, class weights) is the configuration's, the same one a distributed
   * trainer takes; what only this trainer does (validation, early stopping, checkpoints,
   * listeners) is set on the builder.
   *
   * @param config the configuration
   * @return a builder
   */
  public static Builder builder(TrainingConfig config) {
    return new Builder().config(Objects.requireNonNull(config, "config"));
  }

  /**
   * The configuration every run of this trainer follows.
   *
   * @return the configuration
   */
  public TrainingConfig config() {
    return config;
  }

  /**
   * The listeners every run tells, in order (early stopping and checkpoints first).
   *
   * @return the listeners; unmodifiable
   */
  public List<TrainingListener> listeners() {
    return listeners;
  }

  /**
   * Trains a network, starting from a fresh optimizer.
   *
   * @param network the network. Modified: its weights end as the last epoch's, or the best
   *     epoch's when early stopping restores them.
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@link Network#targetRows()} {@code × m}, in the cost's {@link
   *     io.ffnn.api.Cost#targetDomain()}. Not modified.
   * @return the history
   * @throws IllegalArgumentException if the data do not fit the network or each other, hold a
   *     non-finite input or a target the cost does not accept, or a listener refuses the run (early
   *     stopping watching a metric the run does not record), each named with its position; or if
   *     the configuration weighs classes and the network is not a classifier
   * @throws MemoryBudgetException if the run would take more memory than its budget, before
   *     anything of it is allocated
   * @throws TrainingDivergedException if a loss or parameter becomes non-finite
   */
  public History fit(Network network, DMatrixRMaj X, DMatrixRMaj Y) {
    Objects.requireNonNull(network, "network");
    TrainingData data = data(network, X, null, Y);
    return train(TrainingRun.start(config, listeners, network, data.Y.numCols,
        data.metricNames()), data);
  }

  /**
   * Trains a network on {@code float} inputs, which take half the memory of {@code double} ones:
   * a float32 network's batches are gathered from them as they are; a float64 network's are
   * widened (exactly) as they are gathered.
   *
   * @param network the network. Modified.
   * @param X the inputs in {@code float}, {@code n[0] × m}. Not modified.
   * @param Y the targets, as for {@link #fit(Network, DMatrixRMaj, DMatrixRMaj)}. Not modified.
   * @return the history
   * @throws IllegalArgumentException as {@link #fit(Network, DMatrixRMaj, DMatrixRMaj)}
   * @throws MemoryBudgetException if the run would take more memory than its budget, before
   *     anything of it is allocated
   * @throws TrainingDivergedException if a loss or parameter becomes non-finite
   */
  public History fit(Network network, FMatrixRMaj X, DMatrixRMaj Y) {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(X, "X");
    TrainingData data = data(network, null, X, Y);
    return train(TrainingRun.start(config, listeners, network, data.Y.numCols,
        data.metricNames()), data);
  }

  /**
   * Trains on a dataset. A dataset that holds its inputs otherwise than as a matrix (the bytes of
   * IDX images, inputs read {@linkplain Dataset#scaled scaled}) is trained on as it holds them:
   * batches are gathered from it, with no copy of the inputs, to the same numbers as its matrix
   * {@link Dataset#X()} would give. A validation split holds its validation part in the same form,
   * and a validation set is forwarded 4,096 examples at a time.
   *
   * @param network the network. Modified.
   * @param data the training data
   * @return the history
   * @throws IllegalArgumentException as {@link #fit(Network, DMatrixRMaj, DMatrixRMaj)}
   * @throws MemoryBudgetException if the run would take more memory than its budget, before
   *     anything of it is allocated
   * @throws TrainingDivergedException if a loss or parameter becomes non-finite
   */
  public History fit(Network network, Dataset data) {
    Objects.requireNonNull(network, "network");
    Inputs in = DatasetAccess.inputs(data);
    if (in.plainColumns() != null) {
      return fit(network, in.plainColumns(), data.Y());
    }
    // inputs held otherwise (bytes, scaled as they are read): batches gather from them as held
    TrainingData d = TrainingData.of(network, in, data.Y(), config, validationX, validationY,
        validationFraction, budget(network));
    return train(TrainingRun.start(config, listeners, network, d.Y.numCols, d.metricNames()), d);
  }

  /**
   * Continues an interrupted run from a checkpoint that a trainer with the same configuration
   * wrote ({@link Checkpoint#every}): the checkpoint's network and optimizer (with its state) go
   * on from the epoch after the checkpoint to the planned epochs, on the same data, and end
   * exactly where the uninterrupted run would have ended.
   *
   * @param checkpoint the checkpoint; its network is trained further
   * @param X the same training inputs as the interrupted run. Not modified.
   * @param Y the same training targets. Not modified.
   * @return the history of the whole run, the checkpoint's epochs included
   * @throws IllegalArgumentException if the checkpoint was written with another seed, batch size
   *     or number of epochs, or the data do not fit
   * @throws MemoryBudgetException if the run would take more memory than its budget, before
   *     anything of it is allocated
   * @throws TrainingDivergedException if a loss or parameter becomes non-finite
   */
  public History resume(Checkpoint checkpoint, DMatrixRMaj X, DMatrixRMaj Y) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    TrainingData data = data(checkpoint.network(), X, null, Y);
    return train(TrainingRun.resume(config, listeners, checkpoint, data.Y.numCols,
        data.metricNames()), data);
  }

  /** The epochs of a run: the loop. */
  private TrainingData data(Network network, DMatrixRMaj X, FMatrixRMaj X32, DMatrixRMaj Y) {
    return TrainingData.of(network, X, X32, Y, config, validationX, validationY,
        validationFraction, budget(network));
  }

  private MemoryBudget budget(Network network) {
    return new MemoryBudget(MemoryBudget.Shape.of(network), config, listeners);
  }

  private History train(TrainingRun run, TrainingData data) {
    Network net = run.network();
    int m = data.Y.numCols;
    int batchSize = config.batchSize();
    EpochMetrics metrics = data.metrics;
    Workspace valWs = data.valX == null ? null : net.newWorkspace();
    try (BatchRunner runner = new BatchRunner(net, run.optimizer(), config, data.X, data.X32,
        data.inputs, data.trainIndex, data.Y, data.weights)) {
      for (int epoch = run.firstEpoch(); run.continues(epoch); epoch++) {
        run.epochStart(epoch);
        runner.epochStart(config, epoch);
        metrics.reset();
        for (int batch = 1; batch <= run.batchesPerEpoch(); batch++) {
          int from = (batch - 1) * batchSize;
          int to = Math.min(m, from + batchSize);
          run.batchStart(batch);
          double J = runner.propagate(from, to);
          for (int p = 0; p < runner.parts(); p++) {
            metrics.add(runner.output(p), runner.targets(p));
          }
          String nonFinite = runner.update(to - from);
          run.batchEnd(J, to - from, runner.workspace(), nonFinite);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss", run.runningLoss());
        metrics.put(values, "", m);
        if (valWs != null) {
          metrics.reset();
          values.put("val_loss", validate(net, data, valWs, metrics));
          metrics.put(values, "val_", data.valX.size());
        }
        run.epochEnd(values);
      }
    }
    return run.end();
  }

  /**
   * The validation loss, the examples forwarded {@link #VALIDATION_CHUNK} at a time, each chunk's
   * outputs added to the metrics: the workspace holds a chunk's activations, not the whole set's.
   * Up to one chunk, the loss is the cost of one pass; beyond, the mean of the chunks' costs
   * weighed by their examples.
   */
  private static double validate(Network net, TrainingData data, Workspace ws,
      EpochMetrics metrics) {
    Inputs X = data.valX;
    int m = X.size();
    DMatrixRMaj Xc = X.plainColumns() != null && m <= VALIDATION_CHUNK ? X.plainColumns()
        : new DMatrixRMaj(1, 1);
    DMatrixRMaj Yc = m <= VALIDATION_CHUNK ? data.valY : new DMatrixRMaj(1, 1);
    double loss = 0;
    for (int from = 0; from < m; from += VALIDATION_CHUNK) {
      int to = Math.min(m, from + VALIDATION_CHUNK);
      if (Xc != X.plainColumns()) {
        X.range(from, to, Xc);
      }
      if (Yc != data.valY) {
        Yc.reshape(data.valY.numRows, to - from);
        for (int r = 0; r < Yc.numRows; r++) {
          System.arraycopy(data.valY.data, r * m + from, Yc.data, r * (to - from), to - from);
        }
      }
      double J = net.forward(Xc, Yc, ws);
      loss = to - from == m ? J : loss + J * (to - from) / m;
      metrics.add(ws.A(net.depth()), Yc);
    }
    return loss;
  }

  /**
   * The configuration and, if set, validation and listeners.
   *
   * @return a one-line description
   */
  @Override
  public String toString() {
    return config + (validationX != null ? ", a validation set" : validationFraction > 0
        ? ", validation fraction " + validationFraction : "") + (listeners.isEmpty() ? ""
        : ", listeners " + listeners);
  }

  /**
   * Builds a {@link Trainer}: the {@link TrainingConfig} it runs ({@link Trainer#builder(
   * TrainingConfig)} or {@link #config}), validation, early stopping, checkpoints and listeners.
   */
  public static final class Builder {
    private TrainingConfig config = TrainingConfig.builder().build();
    private Inputs validationX;
    private DMatrixRMaj validationY;
    private double validationFraction;
    private EarlyStopping earlyStopping;
    private TrainingListener checkpoint;
    private final List<TrainingListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the configuration the trainer runs.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(TrainingConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets a validation set, evaluated after every epoch.
     *
     * @param data the validation data
     * @return this builder
     */
    public Builder validation(Dataset data) {
      // its inputs as the dataset holds them (an IDX test set's bytes), forwarded in chunks
      validation(DatasetAccess.inputs(Objects.requireNonNull(data, "validation data")), data.Y());
      return this;
    }

    /**
     * Sets a validation set, evaluated after every epoch.
     *
     * @param X validation inputs. Not modified.
     * @param Y validation targets. Not modified.
     * @return this builder
     */
    public Builder validation(DMatrixRMaj X, DMatrixRMaj Y) {
      validation(Inputs.columns(Objects.requireNonNull(X, "validation X")), Y);
      return this;
    }

    private void validation(Inputs X, DMatrixRMaj Y) {
      this.validationX = X;
      this.validationY = Objects.requireNonNull(Y, "validation Y");
      this.validationFraction = 0;
    }

    /**
     * Holds back a fraction of the training data, chosen by the seed, for validation.
     *
     * @param fraction in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if the fraction is not in {@code (0, 1)}
     */
    public Builder validationFraction(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("validation fraction must be in (0, 1), got "
            + fraction);
      }
      this.validationFraction = fraction;
      this.validationX = null;
      this.validationY = null;
      return this;
    }

    /**
     * Sets early stopping, told before the other listeners.
     *
     * @param earlyStopping what to watch and how patiently
     * @return this builder
     */
    public Builder earlyStopping(EarlyStopping earlyStopping) {
      this.earlyStopping = Objects.requireNonNull(earlyStopping, "earlyStopping");
      return this;
    }

    /**
     * Writes a checkpoint every {@code everyEpochs} epochs ({@link Checkpoint#every}), told after
     * early stopping and before the other listeners.
     *
     * @param file the checkpoint file, replaced each time
     * @param everyEpochs the interval, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if the interval is not positive
     */
    public Builder checkpoint(Path file, int everyEpochs) {
      this.checkpoint = Checkpoint.every(file, everyEpochs);
      return this;
    }

    /**
     * Adds a listener, told in the order added, after early stopping and checkpoints.
     *
     * @param listener e.g. {@link Progress#lines}
     * @return this builder
     */
    public Builder listener(TrainingListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     */
    public Trainer build() {
      return new Trainer(this);
    }
  }
}

package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.Workspace;
import io.ffnn.core.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bookkeeping of one training run, shared by every trainer — {@link Trainer} on one machine,
 * the Spark trainer on a cluster — so that they differ only in how a batch's gradients are
 * computed: the run's own optimizer and schedule, the learning rate of each batch, the epochs'
 * records, and the listeners, told of each event with the run's {@link TrainingContext} (a view
 * of it that this class does not expose). The divergence guard is always its first listener.
 *
 * <p>A trainer drives it as follows; every method runs on the training thread.
 *
 * <pre>{@code
 * TrainingRun run = TrainingRun.start(config, listeners, network, m, metricNames);
 * for (int epoch = run.firstEpoch(); run.continues(epoch); epoch++) {
 *   run.epochStart(epoch);
 *   for (int batch = 1; batch <= run.batchesPerEpoch(); batch++) {
 *     run.batchStart(batch);                 // sets the optimizer's learning rate
 *     double J = ...;                        // forward, backward, run.optimizer() steps
 *     run.batchEnd(J, size, workspace, firstNonFiniteParameterOrNull);
 *   }
 *   run.epochEnd(metrics);                   // "loss" = run.runningLoss(), and any others
 * }
 * return run.end();
 * }</pre>
 */
public final class TrainingRun {

  private final TrainingConfig config;
  private final Network network;
  private final Optimizer optimizer;
  private final LearningRateSchedule schedule;
  private final double baseRate;
  private final int examples;
  private final int batches;
  private final List<String> metricNames;
  private final List<TrainingListener> listeners;
  private final List<EpochRecord> records;
  private final List<EpochRecord> recordsView;
  private final int firstEpoch;

  private int epoch;
  private int batch;
  private long epochStart;
  private double batchLoss;
  private double lossSum;
  private int seen;
  private Workspace workspace;
  private String nonFiniteParameter;
  private boolean stop;
  private int bestEpoch;
  private boolean restored;
  /** What the listeners see of the run. */
  private final Context context = new Context();

  private TrainingRun(TrainingConfig config, List<TrainingListener> listeners, Network network,
      Optimizer optimizer, LearningRateSchedule schedule, double baseRate, int examples,
      List<String> metricNames, List<EpochRecord> records) {
    this.config = Objects.requireNonNull(config, "config");
    this.network = Objects.requireNonNull(network, "network");
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.baseRate = baseRate;
    if (examples < 1) {
      throw new IllegalArgumentException("a run needs at least one example, got " + examples);
    }
    this.examples = examples;
    this.batches = config.batches(examples);
    this.metricNames = List.copyOf(metricNames);
    this.records = new ArrayList<>(records);
    this.recordsView = Collections.unmodifiableList(this.records);
    this.firstEpoch = records.size() + 1;
    List<TrainingListener> all = new ArrayList<>();
    all.add(new DivergenceGuard());
    for (TrainingListener l : listeners) {
      all.add(Objects.requireNonNull(l, "listener").forRun());
    }
    this.listeners = List.copyOf(all);
  }

  /**
   * Starts a run from the first epoch with a fresh optimizer and schedule from the configuration,
   * and tells the listeners.
   *
   * @param config the configuration
   * @param listeners the listeners, in the order to tell them; each is asked for its {@link
   *     TrainingListener#forRun()} instance
   * @param network the network to train. Modified by the run.
   * @param examples the training examples per epoch, {@code m >= 1}
   * @param metricNames the metrics each epoch will record, {@code loss} first
   * @return the run
   * @throws IllegalArgumentException if a listener refuses the run
   */
  public static TrainingRun start(TrainingConfig config, List<TrainingListener> listeners,
      Network network, int examples, List<String> metricNames) {
    Optimizer optimizer = config.newOptimizer();
    TrainingRun run = new TrainingRun(config, listeners, network, optimizer,
        config.newSchedule(), optimizer.learningRate(), examples, metricNames, List.of());
    run.tellStart();
    return run;
  }

  /**
   * Continues a run from a checkpoint written by a run of the same configuration: the
   * checkpoint's network, optimizer state, schedule state, history and early-stopping state.
   *
   * @param config the configuration of the interrupted run
   * @param listeners the listeners, as for {@link #start}
   * @param checkpoint the checkpoint; its network is trained further
   * @param examples the training examples per epoch
   * @param metricNames the metrics each epoch will record
   * @return the run
   * @throws IllegalArgumentException if the checkpoint was written with another seed, batch size
   *     or number of epochs, or a listener refuses the run
   */
  public static TrainingRun resume(TrainingConfig config, List<TrainingListener> listeners,
      Checkpoint checkpoint, int examples, List<String> metricNames) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (checkpoint.seed() != config.seed() || checkpoint.batchSize() != config.batchSize()
        || checkpoint.plannedEpochs() != config.epochs()) {
      throw new IllegalArgumentException("the checkpoint was written by a run with seed "
          + checkpoint.seed() + ", batch size " + checkpoint.batchSize() + " and "
          + checkpoint.plannedEpochs() + " epochs; this trainer has seed " + config.seed()
          + ", batch size " + config.batchSize() + " and " + config.epochs() + " epochs");
    }
    LearningRateSchedule schedule = config.newSchedule();
    schedule.restore(checkpoint.scheduleState());
    Checkpoint.Saved saved = checkpoint.saved();
    TrainingRun run = new TrainingRun(config, listeners, checkpoint.network(),
        checkpoint.optimizer(), schedule, saved.baseRate(), examples, metricNames,
        saved.records());
    EarlyStopping.Tracker tracker = run.earlyStopping();
    if (tracker != null) {
      tracker.resume(saved.earlyStopping());
    }
    run.bestEpoch = saved.earlyStopping().bestEpoch();
    run.tellStart();
    return run;
  }

  private void tellStart() {
    for (TrainingListener l : listeners) {
      l.trainingStart(context);
    }
  }

  /**
   * The first epoch this run trains.
   *
   * @return 1, or the epoch after a checkpoint's
   */
  public int firstEpoch() {
    return firstEpoch;
  }

  /**
   * Whether the run trains epoch {@code epoch}: it is planned and no listener asked to stop.
   *
   * @param epoch the next epoch
   * @return true to train it
   */
  public boolean continues(int epoch) {
    return epoch <= config.epochs() && !stop;
  }

  /**
   * An epoch starts.
   *
   * @param epoch the epoch, from {@link #firstEpoch()}
   */
  public void epochStart(int epoch) {
    this.epoch = epoch;
    this.batch = 0;
    this.lossSum = 0;
    this.seen = 0;
    this.epochStart = System.nanoTime();
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).epochStart(context);
    }
  }

  /**
   * A batch starts: sets the optimizer's learning rate from the schedule, at the fraction of
   * training done, {@code t = (epoch − 1) + (batch − 1) / batches}.
   *
   * @param batch the batch, from 1
   */
  public void batchStart(int batch) {
    double t = (epoch - 1) + (batch - 1) / (double) batches;
    optimizer.setLearningRate(schedule.rate(baseRate, t, config.epochs()));
  }

  /**
   * A batch was trained on: records its loss and tells the listeners (first the divergence guard,
   * which throws if the loss or a parameter is not finite). Allocates nothing.
   *
   * @param J the batch's cost before the step
   * @param size the examples in the batch
   * @param ws the workspace to diagnose a divergence with (see {@link
   *     TrainingContext#workspace()})
   * @param nonFinite the first parameter entry the step left non-finite, or null
   * @throws TrainingDivergedException if the loss or a parameter is not finite
   */
  public void batchEnd(double J, int size, Workspace ws, String nonFinite) {
    this.batch++;
    this.batchLoss = J;
    this.lossSum += J * size;
    this.seen += size;
    this.workspace = ws;
    this.nonFiniteParameter = nonFinite;
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).batchEnd(context);
    }
  }

  /**
   * A batch was trained on, as {@link #batchEnd(double, int, Workspace, String)}, with the
   * network's parameters checked for non-finite entries here (one pass over them).
   *
   * @param J the batch's cost before the step
   * @param size the examples in the batch
   * @param ws the workspace that holds the step's gradients
   * @throws TrainingDivergedException if the loss or a parameter is not finite
   */
  public void batchEnd(double J, int size, Workspace ws) {
    batchEnd(J, size, ws, Divergence.firstNonFiniteParameter(network));
  }

  /**
   * An epoch ended: records it, lets the schedule see its loss ({@code val_loss} if recorded,
   * else {@code loss}), and tells the listeners.
   *
   * @param metrics the epoch's metrics, named as the run's {@code metricNames} say
   * @return the epoch's record
   */
  public EpochRecord epochEnd(Map<String, Double> metrics) {
    EpochRecord record = new EpochRecord(epoch, Collections.unmodifiableMap(metrics),
        optimizer.learningRate(), (System.nanoTime() - epochStart) / 1e9, examples);
    records.add(record);
    schedule.epochEnd(epoch, metrics.getOrDefault("val_loss", metrics.get("loss")));
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).epochEnd(context);
    }
    return record;
  }

  /**
   * Training ended: tells the listeners (early stopping puts back the best weights here).
   *
   * @return the history
   */
  public History end() {
    for (TrainingListener l : listeners) {
      l.trainingEnd(context);
    }
    return context.result();
  }

  /** The run's early stopping, if one of its listeners is; checkpoints save its state. */
  EarlyStopping.Tracker earlyStopping() {
    for (TrainingListener l : listeners) {
      if (l instanceof EarlyStopping.Tracker) {
        return (EarlyStopping.Tracker) l;
      }
    }
    return null;
  }

  /** The listeners of the run, the divergence guard first. */
  List<TrainingListener> listeners() {
    return listeners;
  }

  /** The schedule of this run, whose state checkpoints save. */
  LearningRateSchedule schedule() {
    return schedule;
  }

  /** The optimizer's learning rate at the start of the run: the schedule's base rate. */
  double baseRate() {
    return baseRate;
  }

  /**
   * The network the run trains.
   *
   * @return the network
   */
  public Network network() {
    return network;
  }

  /**
   * The run's own optimizer, which each step updates the network with.
   *
   * @return the optimizer
   */
  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * The batches of an epoch.
   *
   * @return {@code ⌈m / batch size⌉}
   */
  public int batchesPerEpoch() {
    return batches;
  }

  /**
   * The mean loss of the epoch's batches so far, weighed by their sizes.
   *
   * @return the running loss
   */
  public double runningLoss() {
    return lossSum / seen;
  }

  /**
   * The run behind a listener's context, or null if the context is not a run's (a test's).
   *
   * @param context the context a listener was given
   * @return the run, or null
   */
  static TrainingRun of(TrainingContext context) {
    return context instanceof Context ? ((Context) context).run() : null;
  }

  /** What the listeners see of the run: its state, read through, and the requests they make. */
  private final class Context implements TrainingContext {

    TrainingRun run() {
      return TrainingRun.this;
    }

    @Override
    public Network network() {
      return TrainingRun.this.network();
    }

    @Override
    public Optimizer optimizer() {
      return TrainingRun.this.optimizer();
    }

    @Override
    public TrainingConfig config() {
      return config;
    }

    @Override
    public int examples() {
      return examples;
    }

    @Override
    public int batchesPerEpoch() {
      return TrainingRun.this.batchesPerEpoch();
    }

    @Override
    public List<String> metricNames() {
      return metricNames;
    }

    @Override
    public int epoch() {
      return epoch;
    }

    @Override
    public int batch() {
      return batch;
    }

    @Override
    public double batchLoss() {
      return batchLoss;
    }

    @Override
    public double runningLoss() {
      return TrainingRun.this.runningLoss();
    }

    @Override
    public Workspace workspace() {
      return workspace;
    }

    @Override
    public String nonFiniteParameter() {
      return nonFiniteParameter;
    }

    @Override
    public List<EpochRecord> history() {
      return recordsView;
    }

    @Override
    public void requestStop() {
      stop = true;
    }

    @Override
    public boolean stopRequested() {
      return stop;
    }

    @Override
    public void bestEpoch(int epoch) {
      TrainingRun.this.bestEpoch = epoch;
    }

    @Override
    public void restoreWeights(double[] parameters, int epoch) {
      network.setParameters(parameters);
      TrainingRun.this.bestEpoch = epoch;
      restored = true;
    }

    @Override
    public History result() {
      return new History(records, bestEpoch, stop && records.size() < config.epochs(), restored);
    }
  }
}

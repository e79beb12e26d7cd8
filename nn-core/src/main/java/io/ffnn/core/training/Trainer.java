package io.ffnn.core.training;

import io.ffnn.api.Range;
import io.ffnn.core.Network;
import io.ffnn.core.ParameterLayout;
import io.ffnn.core.Workspace;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.metrics.Correct;
import io.ffnn.core.metrics.RegressionMetrics;
import io.ffnn.core.metrics.Task;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Mini-batch training with an {@link Optimizer}: each epoch shuffles the examples from the seed,
 * cuts them into batches (the last one smaller when {@code m} is not a multiple), and for each
 * batch runs forward and backward propagation and one optimizer step. Around that: a validation
 * set or fraction, learning-rate schedules, early stopping, listeners, and a divergence guard that
 * stops with a {@link TrainingDivergedException} naming the epoch, batch and layer as soon as a
 * loss or parameter is not finite.
 *
 * <pre>{@code
 * History history = Trainer.builder()
 *     .optimizer(Optimizers.adam(0.01))
 *     .epochs(200).batchSize(32).seed(7)
 *     .validationFraction(0.2)
 *     .earlyStopping(EarlyStopping.minimize("val_loss").patience(20))
 *     .listener(Progress.auto())
 *     .build()
 *     .fit(network, X, Y);
 * }</pre>
 *
 * Reproducible: the same network spec, data, seed and settings give bit-identical weights and
 * history. After the first epoch a training step allocates nothing. A trainer is not
 * thread-safe; its optimizer keeps state, so a second {@link #fit} continues where the first
 * stopped (on the same network).
 */
public final class Trainer {

  private final Optimizer optimizer;
  private final int epochs;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;
  private final DMatrixRMaj validationX;
  private final DMatrixRMaj validationY;
  private final double validationFraction;
  private final EarlyStopping earlyStopping;
  private final LearningRateSchedule schedule;
  private final List<TrainingListener> listeners;
  private final Path checkpointFile;
  private final int checkpointEvery;
  private final int threads;
  private final boolean exampleMajorCopy;

  private Trainer(Builder b) {
    this.optimizer = b.optimizer != null ? b.optimizer : Optimizers.adam(0.001);
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.shuffle = b.shuffle;
    this.validationX = b.validationX;
    this.validationY = b.validationY;
    this.validationFraction = b.validationFraction;
    this.earlyStopping = b.earlyStopping;
    this.schedule = b.schedule;
    this.listeners = List.copyOf(b.listeners);
    this.checkpointFile = b.checkpointFile;
    this.checkpointEvery = b.checkpointEvery;
    this.threads = b.threads;
    this.exampleMajorCopy = b.exampleMajorCopy;
  }

  /**
   * Starts a trainer: by default Adam with rate 0.001, 10 epochs, batches of 32, seed 0,
   * shuffling, no validation, no early stopping, a constant rate, no listeners.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The optimizer.
   *
   * @return the optimizer this trainer steps
   */
  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * The number of epochs.
   *
   * @return the epochs {@link #fit} runs (fewer if early stopping ends it)
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
   * The learning-rate schedule.
   *
   * @return the schedule applied to the optimizer's rate
   */
  public LearningRateSchedule schedule() {
    return schedule;
  }

  /**
   * The settings of this trainer that only {@link #fit} on one machine carries out, for trainers
   * elsewhere that reproduce its batches ({@link #epochOrder}) and steps but not the rest: they
   * refuse a trainer that sets any of these rather than leave them out silently.
   *
   * @return the names of those set, in builder order, from {@code validation}, {@code early
   *     stopping}, {@code listeners}, {@code checkpoint} and {@code threads}; empty if none
   */
  public List<String> singleMachineSettings() {
    List<String> set = new ArrayList<>();
    if (validationX != null || validationFraction > 0) {
      set.add("validation");
    }
    if (earlyStopping != null) {
      set.add("early stopping");
    }
    if (!listeners.isEmpty()) {
      set.add("listeners");
    }
    if (checkpointFile != null) {
      set.add("checkpoint");
    }
    if (threads > 1) {
      set.add("threads");
    }
    return set;
  }

  /**
   * The order in which {@link #fit} visits {@code m} examples in an epoch: batch {@code b} (from
   * 1) holds the examples {@code order[(b − 1) · batchSize() …]}. It depends on the seed, the
   * epoch and {@code m} alone, so other trainers (on a cluster, say) can form the same batches.
   *
   * @param epoch the epoch, from 1
   * @param m the number of examples
   * @return a permutation of {@code 0 … m−1}; the identity without shuffling
   */
  public int[] epochOrder(int epoch, int m) {
    if (epoch < 1 || m < 0) {
      throw new IllegalArgumentException("epoch " + epoch + " (from 1) of " + m + " examples");
    }
    int[] order = new int[m];
    fillEpochOrder(order, epoch);
    return order;
  }

  private void fillEpochOrder(int[] order, int epoch) {
    // every epoch's randomness comes from (seed, epoch) alone, so a run resumed from a
    // checkpoint draws exactly what the uninterrupted run drew
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (shuffle) {
      shuffle(order, new Random(epochSeed(epoch)));
    }
  }

  /**
   * Trains a network.
   *
   * @param network the network. Modified: its weights end as the last epoch's, or the best
   *     epoch's when early stopping restores them.
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@link Network#targetRows()} {@code × m}, in the cost's {@link
   *     io.ffnn.api.Cost#targetDomain()}. Not modified.
   * @return the history
   * @throws IllegalArgumentException if the data do not fit the network or each other, hold a
   *     non-finite input or a target the cost does not accept, or early stopping watches a metric
   *     the run does not record (each named with its position)
   * @throws TrainingDivergedException if a loss or parameter becomes non-finite
   */
  public History fit(Network network, DMatrixRMaj X, DMatrixRMaj Y) {
    Objects.requireNonNull(network, "network");
    return start(network, optimizer, X, Y, Start.fresh(optimizer.learningRate()));
  }

  /**
   * Trains on a dataset.
   *
   * @param network the network. Modified.
   * @param data the training data
   * @return the history
   * @throws IllegalArgumentException as {@link #fit(Network, DMatrixRMaj, DMatrixRMaj)}
   * @throws TrainingDivergedException if a loss or parameter becomes non-finite
   */
  public History fit(Network network, Dataset data) {
    return fit(network, data.X(), data.Y());
  }

  /**
   * Continues an interrupted run from a checkpoint that a trainer with the same settings wrote
   * ({@link Builder#checkpoint}): the checkpoint's network and optimizer (with its state) go on
   * from the epoch after the checkpoint to the planned epochs, on the same data, and end exactly
   * where the uninterrupted run would have ended. This trainer's own optimizer is not used.
   *
   * @param checkpoint the checkpoint
   * @param X the same training inputs as the interrupted run. Not modified.
   * @param Y the same training targets. Not modified.
   * @return the history of the whole run, the checkpoint's epochs included
   * @throws IllegalArgumentException if the checkpoint was written with another seed, batch size
   *     or number of epochs, or the data do not fit
   * @throws TrainingDivergedException if a loss or parameter becomes non-finite
   */
  public History resume(Checkpoint checkpoint, DMatrixRMaj X, DMatrixRMaj Y) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (checkpoint.seed() != seed || checkpoint.batchSize() != batchSize
        || checkpoint.plannedEpochs() != epochs) {
      throw new IllegalArgumentException("the checkpoint was written by a run with seed "
          + checkpoint.seed() + ", batch size " + checkpoint.batchSize() + " and "
          + checkpoint.plannedEpochs() + " epochs; this trainer has seed " + seed + ", batch size "
          + batchSize + " and " + epochs + " epochs");
    }
    schedule.restore(checkpoint.scheduleState());
    return start(checkpoint.network(), checkpoint.optimizer(), X, Y, checkpoint.start());
  }

  private History start(Network network, Optimizer opt, DMatrixRMaj X, DMatrixRMaj Y,
      Start from) {
    checkData(network, X, Y, "");
    DMatrixRMaj trainX = X;
    DMatrixRMaj trainY = Y;
    DMatrixRMaj valX = validationX;
    DMatrixRMaj valY = validationY;
    if (valX != null) {
      checkData(network, valX, valY, "validation ");
    } else if (validationFraction > 0) {
      int m = X.numCols;
      int nVal = (int) Math.round(validationFraction * m);
      if (nVal < 1 || nVal >= m) {
        throw new IllegalArgumentException("a validation fraction of " + validationFraction
            + " of " + m + " examples leaves " + nVal + " for validation and " + (m - nVal)
            + " for training; both need at least one");
      }
      int[] order = permutation(m, new Random(seed));
      trainX = gather(X, order, 0, m - nVal);
      trainY = gather(Y, order, 0, m - nVal);
      valX = gather(X, order, m - nVal, m);
      valY = gather(Y, order, m - nVal, m);
    }
    return new Run(network, opt, trainX, trainY, valX, valY, from).train();
  }

  /** Where a run starts: epoch 0, or the state a checkpoint saved. */
  record Start(int epoch, double baseRate, List<EpochRecord> records, double bestValue,
      int bestEpoch, int epochsWithoutImprovement, byte[] bestWeights) {

    static Start fresh(double baseRate) {
      return new Start(0, baseRate, List.of(), Double.NaN, 0, 0, null);
    }
  }

  /** The seed of epoch {@code e}'s shuffle (and, plus one, of its dropout masks). */
  private long epochSeed(int epoch) {
    return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
  }

  /** One call of {@link #fit}: its buffers and running state. */
  private final class Run {
    private final Network net;
    private final Optimizer opt;
    private final Start from;
    private final DMatrixRMaj X;
    private final DMatrixRMaj Y;
    private final DMatrixRMaj valX;
    private final DMatrixRMaj valY;
    private final Task task;
    private final double threshold;
    private final int outputs;
    private final int m;
    private final int batches;
    private final double baseRate;

    Run(Network net, Optimizer opt, DMatrixRMaj X, DMatrixRMaj Y, DMatrixRMaj valX,
        DMatrixRMaj valY, Start from) {
      this.net = net;
      this.opt = opt;
      this.from = from;
      this.X = X;
      this.Y = Y;
      this.valX = valX;
      this.valY = valY;
      this.outputs = net.size(net.depth());
      this.task = Task.of(net.cost(), outputs);
      this.threshold = Task.threshold(net.cost().targetDomain());
      this.m = X.numCols;
      this.batches = (m + batchSize - 1) / batchSize;
      this.baseRate = from.baseRate();
    }

    History train() {
      List<String> names = metricNames(valX != null);
      if (earlyStopping != null && !names.contains(earlyStopping.metric())) {
        throw new IllegalArgumentException("early stopping watches '" + earlyStopping.metric()
            + "', which this run does not record; it records " + String.join(", ", names));
      }
      int[] order = new int[m];
      int capacity = Math.min(batchSize, m);
      DMatrixRMaj Xb = new DMatrixRMaj(X.numRows, capacity);
      DMatrixRMaj Yb = new DMatrixRMaj(Y.numRows, capacity);
      Workspace ws = net.newWorkspace();
      // batches are gathered from X, or from an example-major copy: see exampleMajorCopy
      DMatrixRMaj XT = exampleMajorCopy ? CommonOps_DDRM.transpose(X, null) : null;
      // the parts of a batch when training on several threads; part 0 is this thread's
      Part[] parts = new Part[threads];
      parts[0] = new Part(net, X, XT, Y, order, ws, Xb, Yb);
      for (int t = 1; t < threads; t++) {
        int share = (capacity + threads - 1) / threads;
        parts[t] = new Part(net, X, XT, Y, order, net.newWorkspace(),
            new DMatrixRMaj(X.numRows, share), new DMatrixRMaj(Y.numRows, share));
      }
      Workspace[] workspaces = new Workspace[threads];
      for (int t = 0; t < threads; t++) {
        workspaces[t] = parts[t].ws;
      }
      UpdatePass pass = new UpdatePass(net, opt, workspaces, threads);
      try (Workers pool = threads == 1 ? null : new Workers(parts, pass)) {
        return train(parts, pass, pool);
      }
    }

    private History train(Part[] parts, UpdatePass pass, Workers pool) {
      Workspace ws = parts[0].ws;
      int[] partSizes = new int[parts.length];
      int[] order = parts[0].order;
      Workspace valWs = valX == null ? null : net.newWorkspace();
      RegressionMetrics.Accumulator regression = new RegressionMetrics.Accumulator(outputs);
      Snapshot best = earlyStopping != null && earlyStopping.restoresBestWeights()
          ? new Snapshot(net) : null;
      if (best != null && from.bestWeights() != null) {
        best.load(from.bestWeights());
      }

      listeners.forEach(l -> l.trainingStart(epochs, batches, m));
      List<EpochRecord> records = new ArrayList<>(from.records());
      double bestValue = from.bestValue();
      int bestEpoch = from.bestEpoch();
      int wait = from.epochsWithoutImprovement();
      boolean stopped = false;
      for (int epoch = from.epoch() + 1; epoch <= epochs && !stopped; epoch++) {
        for (int i = 0; i < listeners.size(); i++) {
          listeners.get(i).epochStart(epoch);
        }
        long start = System.nanoTime();
        fillEpochOrder(order, epoch);
        for (int t = 0; t < parts.length; t++) {
          parts[t].ws.training(new Random(epochSeed(epoch) + 1 + t));
        }
        double lossSum = 0;
        long right = 0;
        regression.reset();
        for (int batch = 1; batch <= batches; batch++) {
          int from = (batch - 1) * batchSize;
          int to = Math.min(m, from + batchSize);
          double t = (epoch - 1) + (batch - 1) / (double) batches;
          opt.setLearningRate(schedule.rate(baseRate, t, epochs));
          int used = Math.min(parts.length, to - from);
          double J = used == 1 ? parts[0].run(from, to) : parallel(parts, used, from, to, pool);
          for (int p = 0; p < used; p++) {
            if (!Double.isFinite(parts[p].J)) {
              throw Divergence.diagnose(net, parts[p].ws, epoch, batch, "the loss is " + J,
                  opt.learningRate());
            }
          }
          lossSum += J * (to - from);
          for (int p = 0; p < used; p++) {
            if (task == Task.REGRESSION) {
              regression.add(parts[p].ws.A(net.depth()), parts[p].Yb);
            } else {
              right += Correct.count(task, parts[p].ws.A(net.depth()), parts[p].Yb, threshold);
            }
          }
          String bad;
          if (opt.updatesByRange()) {
            // combine, update and check in one pass, split across the threads
            for (int p = 0; p < used; p++) {
              partSizes[p] = parts[p].size;
            }
            pass.begin(partSizes, used, to - from);
            if (pool == null) {
              pass.run(0);
            } else {
              pool.round(true);
            }
            bad = pass.anyNonFinite() ? Divergence.firstNonFiniteParameter(net) : null;
          } else {
            combine(parts, used, to - from);
            opt.step(net, ws);
            bad = Divergence.firstNonFiniteParameter(net);
          }
          if (bad != null) {
            throw Divergence.diagnose(net, ws, epoch, batch, "the update made " + bad,
                opt.learningRate());
          }
          // an indexed loop: no iterator or lambda, so a step stays allocation-free
          for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).batchEnd(epoch, batch, J, lossSum / to);
          }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", lossSum / m);
        putTaskMetrics(metrics, "", right, regression);
        if (valWs != null) {
          double valLoss = net.forward(valX, valY, valWs);
          metrics.put("val_loss", valLoss);
          regression.reset();
          long valRight = 0;
          if (task == Task.REGRESSION) {
            regression.add(valWs.A(net.depth()), valY);
          } else {
            valRight = Correct.count(task, valWs.A(net.depth()), valY, threshold);
          }
          putTaskMetrics(metrics, "val_", valRight, regression);
        }
        EpochRecord record = new EpochRecord(epoch, Collections.unmodifiableMap(metrics),
            opt.learningRate(), (System.nanoTime() - start) / 1e9, m);
        records.add(record);
        for (int i = 0; i < listeners.size(); i++) {
          listeners.get(i).epochEnd(record);
        }
        schedule.epochEnd(epoch, metrics.getOrDefault("val_loss", metrics.get("loss")));

        if (earlyStopping != null) {
          double value = metrics.get(earlyStopping.metric());
          if (earlyStopping.improves(value, bestValue)) {
            bestValue = value;
            bestEpoch = epoch;
            wait = 0;
            if (best != null) {
              best.save(net);
            }
          } else if (++wait >= earlyStopping.patience()) {
            stopped = epoch < epochs;
          }
        }
        if (checkpointFile != null && epoch % checkpointEvery == 0 && !stopped) {
          Checkpoint.write(checkpointFile, net, opt, new Start(epoch, baseRate, records,
              bestValue, bestEpoch, wait, best == null || bestEpoch == 0 ? null : best.bytes()),
              seed, batchSize, epochs, schedule.state());
        }
      }
      boolean restored = false;
      if (best != null && bestEpoch > 0 && bestEpoch != records.size()) {
        best.restore(net);
        restored = true;
      }
      History history = new History(records, bestEpoch, stopped, restored);
      listeners.forEach(l -> l.trainingEnd(history));
      return history;
    }

    /**
     * One step's forward and backward passes on {@code used} threads, each on a contiguous part
     * of the batch into its own workspace.
     *
     * @return the batch's cost, {@code Σ_t (m_t / m) J_t}
     */
    private double parallel(Part[] parts, int used, int from, int to, Workers pool) {
      int mb = to - from;
      for (int p = 0; p < parts.length; p++) {
        parts[p].active = p < used;
        parts[p].start = from + (int) ((long) mb * p / used);
        parts[p].end = from + (int) ((long) mb * (p + 1) / used);
      }
      pool.round(false);
      double J = 0;
      for (int p = 0; p < used; p++) {
        J += parts[p].J * parts[p].size / mb;
      }
      return J;
    }

    /**
     * The parts' gradients combined in part order into part 0's workspace, one pass per part,
     * {@code (m_0/m) g_0 + (m_1/m) g_1}, then {@code + (m_t/m) g_t} for any further part: for
     * an optimizer that needs all gradients at once (see {@link UpdatePass} for the others).
     */
    private static void combine(Part[] parts, int used, int mb) {
      if (used == 1) {
        return;
      }
      Workspace ws = parts[0].ws;
      ws.combineGradients((double) parts[0].size / mb, parts[1].ws, (double) parts[1].size / mb);
      for (int p = 2; p < used; p++) {
        ws.combineGradients(1.0, parts[p].ws, (double) parts[p].size / mb);
      }
    }

    private void putTaskMetrics(Map<String, Double> metrics, String prefix, long right,
        RegressionMetrics.Accumulator regression) {
      int examples = prefix.isEmpty() ? m : valX.numCols;
      switch (task) {
        case REGRESSION:
          RegressionMetrics r = regression.result();
          metrics.put(prefix + "mse", r.mse());
          metrics.put(prefix + "mae", r.mae());
          metrics.put(prefix + "r2", r.r2());
          break;
        case MULTILABEL:
          metrics.put(prefix + "accuracy", right / ((double) examples * outputs));
          break;
        default:
          metrics.put(prefix + "accuracy", right / (double) examples);
      }
    }

    private List<String> metricNames(boolean validation) {
      List<String> names = new ArrayList<>(List.of("loss"));
      if (task == Task.REGRESSION) {
        names.addAll(List.of("mse", "mae", "r2"));
      } else {
        names.add("accuracy");
      }
      if (validation) {
        for (String n : new ArrayList<>(names)) {
          names.add("val_" + n);
        }
      }
      return names;
    }
  }

  private static void checkData(Network network, DMatrixRMaj X, DMatrixRMaj Y, String what) {
    Objects.requireNonNull(X, what + "X");
    Objects.requireNonNull(Y, what + "Y");
    if (X.numCols != Y.numCols) {
      throw new IllegalArgumentException(what + "X has " + X.numCols
          + " examples (columns) but " + what + "Y has " + Y.numCols);
    }
    if (X.numCols == 0) {
      throw new IllegalArgumentException("the " + what + "data hold no examples");
    }
    if (X.numRows != network.size(0) || Y.numRows != network.targetRows()) {
      throw new IllegalArgumentException(what + "X is " + X.numRows + "x" + X.numCols + " and "
          + what + "Y is " + Y.numRows + "x" + Y.numCols + " but the network maps n[0] = "
          + network.size(0) + " inputs to targets of " + network.targetRows()
          + " row(s) for cost '" + network.cost().spec() + "'");
    }
    for (int k = 0; k < X.getNumElements(); k++) {
      if (!Double.isFinite(X.data[k])) {
        throw new IllegalArgumentException(what + "X has " + X.data[k] + " at ["
            + k / X.numCols + "," + k % X.numCols + "]");
      }
    }
    Range domain = network.cost().targetDomain();
    String bad = domain.firstViolation(Y, network.size(network.depth()));
    if (bad != null) {
      throw new IllegalArgumentException(what + "Y does not hold valid targets for cost '"
          + network.cost().spec() + "', which takes " + domain + ": " + bad);
    }
  }

  /** {@code 0 … m−1}, shuffled when a source is given. */
  private static int[] permutation(int m, Random rng) {
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    if (rng != null) {
      shuffle(order, rng);
    }
    return order;
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

  private static DMatrixRMaj gather(DMatrixRMaj M, int[] order, int from, int to) {
    DMatrixRMaj out = new DMatrixRMaj(M.numRows, to - from);
    Dataset.gatherColumns(M, order, from, to, out);
    return out;
  }

  /**
   * Persistent worker threads for parts 1…T−1 of every batch; part 0 runs on the training thread.
   * A round publishes its task and the parts' bounds with a volatile generation count, wakes the
   * workers, runs part 0, and parks until the last worker has finished: no allocation per round.
   * A round either propagates (each part's forward and backward passes) or updates (each thread's
   * range of the {@link UpdatePass}).
   */
  private static final class Workers implements AutoCloseable {
    private final Part[] parts;
    private final UpdatePass pass;
    private final Thread[] threads;
    private final Thread owner = Thread.currentThread();
    private final AtomicInteger pending = new AtomicInteger();
    /** The round's task, published by the volatile write of {@link #generation}. */
    private boolean updating;
    private volatile int generation;
    private volatile boolean closed;

    Workers(Part[] parts, UpdatePass pass) {
      this.parts = parts;
      this.pass = pass;
      this.threads = new Thread[parts.length - 1];
      for (int t = 1; t < parts.length; t++) {
        final int part = t;
        threads[t - 1] = new Thread(() -> loop(part), "ffnn-trainer-" + t);
        threads[t - 1].setDaemon(true);
        threads[t - 1].start();
      }
    }

    private void loop(int t) {
      int seen = 0;
      while (true) {
        int g;
        while ((g = generation) == seen && !closed) {
          LockSupport.park(this);
        }
        if (closed) {
          return;
        }
        seen = g;
        Part p = parts[t];
        try {
          if (updating) {
            pass.run(t);
          } else if (p.active) {
            p.run(p.start, p.end);
          }
        } catch (Throwable e) {
          p.failure = e;
        }
        if (pending.decrementAndGet() == 0) {
          LockSupport.unpark(owner);
        }
      }
    }

    /**
     * Runs every active part, or every range of the update pass, the first on this thread, and
     * waits for all of them.
     *
     * @param update true for the update pass, false for the parts' propagation
     */
    void round(boolean update) {
      updating = update;
      pending.set(threads.length);
      generation++;
      for (Thread t : threads) {
        LockSupport.unpark(t);
      }
      try {
        if (update) {
          pass.run(0);
        } else {
          parts[0].run(parts[0].start, parts[0].end);
        }
      } catch (RuntimeException | Error e) {
        parts[0].failure = e;
      }
      while (pending.get() != 0) {
        LockSupport.park(this);
      }
      for (Part p : parts) {
        Throwable failure = p.failure;
        if (failure != null) {
          p.failure = null;
          if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
          }
          if (failure instanceof Error) {
            throw (Error) failure;
          }
          throw new IllegalStateException(failure);
        }
      }
    }

    @Override
    public void close() {
      closed = true;
      for (Thread t : threads) {
        LockSupport.unpark(t);
      }
    }
  }

  /** One thread's share of a batch: its workspace, buffers and last cost. */
  private static final class Part {
    final Network net;
    final DMatrixRMaj X;
    /** The training inputs as rows, {@code Xᵀ}, or null to gather from {@code X}. */
    final DMatrixRMaj XT;
    final DMatrixRMaj Y;
    final int[] order;
    final Workspace ws;
    final DMatrixRMaj Xb;
    final DMatrixRMaj Yb;
    double J;
    int size;
    /** The round's share, set by the training thread before a round starts. */
    boolean active;
    int start;
    int end;
    /** What went wrong on a worker thread, rethrown on the training thread. */
    Throwable failure;

    Part(Network net, DMatrixRMaj X, DMatrixRMaj XT, DMatrixRMaj Y, int[] order, Workspace ws,
        DMatrixRMaj Xb, DMatrixRMaj Yb) {
      this.net = net;
      this.X = X;
      this.XT = XT;
      this.Y = Y;
      this.order = order;
      this.ws = ws;
      this.Xb = Xb;
      this.Yb = Yb;
    }

    /** Forward and backward on the examples {@code order[start … end−1]}. */
    double run(int start, int end) {
      if (XT != null) {
        Dataset.gatherRowsAsColumns(XT, order, start, end, Xb);
      } else {
        Dataset.gatherColumns(X, order, start, end, Xb);
      }
      Dataset.gatherColumns(Y, order, start, end, Yb);
      size = end - start;
      J = net.computeGradients(Xb, Yb, ws);
      return J;
    }
  }

  /** A copy of a network's weights and biases, for restoring the best epoch. */
  private static final class Snapshot {
    private final ParameterLayout layout;
    private final double[] flat;

    Snapshot(Network net) {
      layout = net.layout();
      flat = new double[layout.count()];
      net.getParameters(flat);
    }

    void save(Network net) {
      net.getParameters(flat);
    }

    byte[] bytes() {
      return layout.encode(flat);
    }

    void load(byte[] bytes) {
      System.arraycopy(layout.decode(bytes), 0, flat, 0, flat.length);
    }

    void restore(Network net) {
      net.setParameters(flat);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s, %d epochs, batch %d, seed %d%s%s", optimizer, epochs,
        batchSize, seed, threads == 1 ? "" : ", " + threads + " threads",
        earlyStopping == null ? "" : ", " + earlyStopping);
  }

  /** Builds a {@link Trainer}. */
  public static final class Builder {
    private Optimizer optimizer;
    private int epochs = 10;
    private int batchSize = 32;
    private long seed;
    private boolean shuffle = true;
    private DMatrixRMaj validationX;
    private DMatrixRMaj validationY;
    private double validationFraction;
    private EarlyStopping earlyStopping;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Path checkpointFile;
    private int checkpointEvery;
    private int threads = 1;
    private boolean exampleMajorCopy = true;

    private Builder() {}

    /**
     * Trains on {@code threads} threads by splitting every mini-batch into that many contiguous
     * parts of (almost) equal size: each thread propagates its part forward and backward with its
     * own workspace, and the gradients are combined in a fixed order, {@code g = Σ_t (m_t / m)
     * g_t}, before the one optimizer step. Unless the optimizer clips or adds L2 (see {@link
     * Optimizer#updatesByRange()}), combining, the step and the check for non-finite parameters
     * are split across the threads too, each taking a contiguous range of the entries. The
     * result is deterministic for a given thread count and equals single-threaded training up to
     * rounding (a different summation order).
     *
     * @param threads {@code >= 1}; 1 (the default) trains on the calling thread alone
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Whether {@link #fit} gathers its shuffled mini-batches from an example-major copy of the
     * training inputs, {@code Xᵀ}, made once per call. Examples are columns of {@code X}, so a
     * shuffled batch read from {@code X} itself touches a separate cache line for every entry;
     * from the copy each example is one contiguous read. On the standard benchmark network this
     * makes training about a quarter faster, for {@code n[0] × m} more doubles held during the
     * call. Results are identical either way.
     *
     * @param copy true (the default) to gather from a copy; false to save its memory
     * @return this builder
     */
    public Builder exampleMajorCopy(boolean copy) {
      this.exampleMajorCopy = copy;
      return this;
    }

    /**
     * Writes a checkpoint (weights, optimizer state, progress, history) to {@code file} every
     * {@code everyEpochs} epochs, atomically; {@link Trainer#resume} continues from it.
     *
     * @param file the checkpoint file, replaced each time
     * @param everyEpochs the interval, {@code >= 1}
     * @return this builder
     */
    public Builder checkpoint(Path file, int everyEpochs) {
      if (everyEpochs < 1) {
        throw new IllegalArgumentException("checkpoint interval must be at least 1 epoch, got "
            + everyEpochs);
      }
      this.checkpointFile = Objects.requireNonNull(file, "file");
      this.checkpointEvery = everyEpochs;
      return this;
    }

    /**
     * Sets the optimizer (Adam with rate 0.001 by default). Its learning rate is the base rate of
     * the schedule.
     *
     * @param optimizer a fresh optimizer
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
     * Sets a validation set, evaluated after every epoch.
     *
     * @param data the validation data
     * @return this builder
     */
    public Builder validation(Dataset data) {
      return validation(data.X(), data.Y());
    }

    /**
     * Sets a validation set, evaluated after every epoch.
     *
     * @param X validation inputs. Not modified.
     * @param Y validation targets. Not modified.
     * @return this builder
     */
    public Builder validation(DMatrixRMaj X, DMatrixRMaj Y) {
      this.validationX = Objects.requireNonNull(X, "validation X");
      this.validationY = Objects.requireNonNull(Y, "validation Y");
      this.validationFraction = 0;
      return this;
    }

    /**
     * Holds back a fraction of the training data, chosen by the seed, for validation.
     *
     * @param fraction in {@code (0, 1)}
     * @return this builder
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
     * Sets early stopping.
     *
     * @param earlyStopping what to watch and how patiently
     * @return this builder
     */
    public Builder earlyStopping(EarlyStopping earlyStopping) {
      this.earlyStopping = Objects.requireNonNull(earlyStopping, "earlyStopping");
      return this;
    }

    /**
     * Sets the learning-rate schedule (constant by default).
     *
     * @param schedule the schedule; a fresh one for stateful schedules
     * @return this builder
     */
    public Builder schedule(LearningRateSchedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /**
     * Adds a listener, told in the order added.
     *
     * @param listener e.g. {@link Progress#auto()}
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

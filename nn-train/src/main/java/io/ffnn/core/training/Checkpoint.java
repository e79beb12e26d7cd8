package io.ffnn.core.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.internal.files.Json;
import io.ffnn.core.internal.files.ModelArchive;
import io.ffnn.core.ParameterLayout;
import io.ffnn.core.ParameterLayout.Parameter;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.model.ModelFormatException;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A training run saved mid-way by the listener {@link #every}: a model file (same format,
 * same validation, see {@link ModelFile}) with three more entries — {@code optimizer.json} (the
 * optimizer's spec, step count and state layout), {@code optimizer.bin} (its state arrays as
 * big-endian doubles) and {@code training.json} (the epoch reached, the seed, batch size and
 * planned epochs, the base learning rate, the early-stopping and schedule state, the history) —
 * and {@code best.bin} with the best epoch's weights when early stopping keeps them. A checkpoint
 * is also a valid model file: {@link ModelFile#load} reads its network.
 */
public final class Checkpoint {

  static final String OPTIMIZER = "optimizer.json";
  static final String OPTIMIZER_STATE = "optimizer.bin";
  static final String TRAINING = "training.json";
  static final String BEST = "best.bin";

  private final Network network;
  private final Optimizer optimizer;
  private final Saved saved;
  private final long seed;
  private final int batchSize;
  private final int plannedEpochs;
  private final double[] scheduleState;

  private Checkpoint(Network network, Optimizer optimizer, Saved saved, long seed,
      int batchSize, int plannedEpochs, double[] scheduleState) {
    this.network = network;
    this.optimizer = optimizer;
    this.saved = saved;
    this.seed = seed;
    this.batchSize = batchSize;
    this.plannedEpochs = plannedEpochs;
    this.scheduleState = scheduleState;
  }

  /**
   * Loads a checkpoint with the plugins of the default registry.
   *
   * @param file the checkpoint
   * @return the checkpoint
   * @throws ModelFormatException if the file is not a valid checkpoint
   * @throws IOException if it cannot be read
   */
  public static Checkpoint load(Path file) throws IOException {
    return load(file, PluginRegistry.getDefault());
  }

  /**
   * Loads a checkpoint.
   *
   * @param file the checkpoint
   * @param registry where to find the plugins it names
   * @return the checkpoint
   * @throws ModelFormatException if the file is not a valid checkpoint
   * @throws IOException if it cannot be read
   */
  public static Checkpoint load(Path file, PluginRegistry registry) throws IOException {
    Map<String, byte[]> entries = ModelArchive.read(file, invalid(file));
    Model model = ModelFile.model(file, entries, registry);
    Network net = model.network();
    for (String name : List.of(OPTIMIZER, OPTIMIZER_STATE, TRAINING)) {
      if (!entries.containsKey(name)) {
        throw new ModelFormatException(file, "missing entry " + name
            + "; a model file is not a checkpoint");
      }
    }
    JsonNode o = Json.object(invalid(file), OPTIMIZER, entries.get(OPTIMIZER));
    Optimizer optimizer;
    try {
      optimizer = Optimizers.fromSpec(o.path("spec").asText());
    } catch (PluginException e) {
      throw new ModelFormatException(file, "invalid optimizer: " + e.getMessage(), e);
    }
    int kinds = Json.integer(invalid(file), o, "kinds", 0, 3);
    long steps = o.path("steps").asLong(-1);
    ParameterLayout layout = net.layout();
    long total = layout.count();
    byte[] state = entries.get(OPTIMIZER_STATE);
    if (state.length != total * kinds * 8) {
      throw new ModelFormatException(file, OPTIMIZER_STATE + " holds " + state.length
          + " bytes; " + kinds + " kinds of state for " + total + " parameters need "
          + total * kinds * 8);
    }
    List<double[][]> arrays = new ArrayList<>();
    for (int k = 0; k < kinds; k++) {
      // each kind of state is laid out as the parameters are
      byte[] slice = java.util.Arrays.copyOfRange(state, (int) (8L * k * layout.count()),
          (int) (8L * (k + 1) * layout.count()));
      double[] flat = layout.decode(slice);
      double[][] kind = new double[layout.parameters().size()][];
      for (Parameter p : layout.parameters()) {
        kind[p.index()] = java.util.Arrays.copyOfRange(flat, p.offset(), p.offset() + p.size());
      }
      arrays.add(kind);
    }
    try {
      optimizer.importState(net, new Optimizer.State(steps, arrays));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, "the optimizer state does not fit: "
          + e.getMessage(), e);
    }

    JsonNode t = Json.object(invalid(file), TRAINING, entries.get(TRAINING));
    int plannedEpochs = Json.integer(invalid(file), t, "epochs", 1, Integer.MAX_VALUE);
    int epoch = Json.integer(invalid(file), t, "epoch", 1, plannedEpochs);
    int batchSize = Json.integer(invalid(file), t, "batchSize", 1, Integer.MAX_VALUE);
    int bestEpoch = Json.integer(invalid(file), t, "bestEpoch", 0, epoch);
    int wait = Json.integer(invalid(file), t, "wait", 0, Integer.MAX_VALUE);
    double baseRate = t.path("baseRate").asDouble(-1);
    if (!(baseRate > 0) || !t.path("seed").isIntegralNumber()) {
      throw new ModelFormatException(file, TRAINING + " needs a positive 'baseRate' and an "
          + "integer 'seed'");
    }
    double bestValue = t.path("bestValue").isNumber() ? t.path("bestValue").asDouble()
        : Double.NaN;
    JsonNode scheduleNode = t.path("schedule");
    double[] schedule = Json.doubles(invalid(file), scheduleNode, "schedule",
        scheduleNode.isArray() ? scheduleNode.size() : -1);
    List<EpochRecord> records = history(file, t.path("history"), epoch);
    byte[] bestBytes = entries.get(BEST);
    double[] best = null;
    if (bestBytes != null) {
      try {
        best = net.layout().decode(bestBytes);
      } catch (IllegalArgumentException e) {
        throw new ModelFormatException(file, BEST + " does not fit the network: "
            + e.getMessage(), e);
      }
    }
    return new Checkpoint(net, optimizer, new Saved(epoch, baseRate, records,
        new EarlyStopping.State(bestValue, bestEpoch, wait, best)), t.path("seed").asLong(),
        batchSize, plannedEpochs, schedule);
  }

  /**
   * What a checkpoint holds of a run besides the network, optimizer and schedule.
   *
   * @param epoch the last epoch completed
   * @param baseRate the schedule's base rate
   * @param records the history up to that epoch
   * @param earlyStopping the early-stopping state, {@link EarlyStopping.State#INITIAL} without
   */
  record Saved(int epoch, double baseRate, List<EpochRecord> records,
      EarlyStopping.State earlyStopping) {}

  /**
   * A listener that writes a checkpoint of the run to {@code file} after every {@code
   * everyEpochs}-th epoch, atomically (the previous checkpoint stays until the new one is
   * complete): the weights, the optimizer's state, the schedule's and early stopping's state and
   * the history. {@link Trainer#resume} continues from it and ends exactly where the run would
   * have ended. Put it after the run's {@link EarlyStopping}, whose state it saves.
   *
   * @param file the checkpoint file, replaced each time
   * @param everyEpochs the interval, {@code >= 1}
   * @return the listener
   * @throws IllegalArgumentException if the interval is not positive
   */
  public static TrainingListener every(Path file, int everyEpochs) {
    Objects.requireNonNull(file, "file");
    if (everyEpochs < 1) {
      throw new IllegalArgumentException("checkpoint interval must be at least 1 epoch, got "
          + everyEpochs);
    }
    return new Writer(file, everyEpochs);
  }

  /** The listener of {@link #every}. */
  static final class Writer implements TrainingListener {
    private final Path file;
    private final int every;

    Writer(Path file, int every) {
      this.file = file;
      this.every = every;
    }

    @Override
    public void trainingStart(TrainingContext context) {
      TrainingRun run = TrainingRun.of(context);
      if (run == null) {
        throw new IllegalArgumentException("checkpoints are written by ffnn's own trainers");
      }
      boolean after = false;
      for (TrainingListener l : run.listeners()) {
        after |= l == this;
        if (after && l instanceof EarlyStopping.Tracker) {
          throw new IllegalArgumentException("a checkpoint saves the state of " + l + ", so it "
              + "must come after it among the listeners");
        }
      }
    }

    @Override
    public void epochEnd(TrainingContext context) {
      int epoch = context.epoch();
      boolean stopping = context.stopRequested() && epoch < context.epochs();
      if (epoch % every == 0 && !stopping) {
        TrainingRun run = TrainingRun.of(context);
        EarlyStopping.Tracker tracker = run.earlyStopping();
        write(file, run.network(), run.optimizer(), new Saved(epoch, run.baseRate(),
            List.copyOf(context.history()), tracker == null ? EarlyStopping.State.INITIAL
                : tracker.state()), context.config(), run.schedule().state());
      }
    }

    @Override
    public String toString() {
      return "checkpoints to " + file + " every " + every + " epochs";
    }
  }

  static void write(Path file, Network net, Optimizer optimizer, Saved state,
      TrainingConfig config, double[] scheduleState) {
    try {
      Map<String, byte[]> entries = new LinkedHashMap<>(ModelFile.entries(new Model(net, null)));
      Optimizer.State s = optimizer.exportState();
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("spec", optimizer.spec());
      o.put("steps", s.steps());
      o.put("kinds", s.arrays().size());
      entries.put(OPTIMIZER, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
      ParameterLayout layout = net.layout();
      ByteArrayOutputStream stateBytes = new ByteArrayOutputStream();
      for (double[][] kind : s.arrays()) {
        double[] flat = new double[layout.count()];
        for (Parameter p : layout.parameters()) {
          System.arraycopy(kind[p.index()], 0, flat, p.offset(), p.size());
        }
        stateBytes.write(layout.encode(flat));
      }
      entries.put(OPTIMIZER_STATE, stateBytes.toByteArray());
      ObjectNode t = Json.MAPPER.createObjectNode();
      EarlyStopping.State stopping = state.earlyStopping();
      t.put("epoch", state.epoch());
      t.put("epochs", config.epochs());
      t.put("seed", config.seed());
      t.put("batchSize", config.batchSize());
      t.put("baseRate", state.baseRate());
      t.put("bestEpoch", stopping.bestEpoch());
      if (stopping.bestEpoch() > 0) {
        t.put("bestValue", stopping.bestValue());
      }
      t.put("wait", stopping.epochsWithoutImprovement());
      ArrayNode schedule = t.putArray("schedule");
      for (double v : scheduleState) {
        schedule.add(v);
      }
      ArrayNode history = t.putArray("history");
      for (EpochRecord r : state.records()) {
        ObjectNode e = history.addObject();
        e.put("epoch", r.epoch());
        e.put("learningRate", r.learningRate());
        e.put("seconds", r.seconds());
        e.put("examples", r.examples());
        ObjectNode metrics = e.putObject("metrics");
        r.metrics().forEach(metrics::put);
      }
      entries.put(TRAINING, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(t));
      if (stopping.bestWeights() != null) {
        entries.put(BEST, net.layout().encode(stopping.bestWeights()));
      }
      ModelArchive.write(file, entries);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the checkpoint " + file, e);
    }
  }

  private static List<EpochRecord> history(Path file, JsonNode node, int epochs)
      throws ModelFormatException {
    if (!node.isArray() || node.size() != epochs) {
      throw new ModelFormatException(file, "'history' must hold " + epochs + " epochs");
    }
    List<EpochRecord> records = new ArrayList<>();
    for (int i = 0; i < epochs; i++) {
      JsonNode e = node.get(i);
      JsonNode metrics = e.path("metrics");
      if (!metrics.isObject() || e.path("epoch").asInt() != i + 1) {
        throw new ModelFormatException(file, "'history'[" + i + "] is not epoch " + (i + 1));
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> f : metrics.properties()) {
        if (!f.getValue().isNumber()) {
          throw new ModelFormatException(file, "'history'[" + i + "]." + f.getKey()
              + " is not a number");
        }
        values.put(f.getKey(), f.getValue().asDouble());
      }
      records.add(new EpochRecord(i + 1, Collections.unmodifiableMap(values),
          e.path("learningRate").asDouble(), e.path("seconds").asDouble(),
          e.path("examples").asInt()));
    }
    return records;
  }

  /**
   * The network, with the weights of the checkpoint's epoch.
   *
   * @return the network
   */
  public Network network() {
    return network;
  }

  /**
   * The optimizer, with its state at the checkpoint.
   *
   * @return the optimizer
   */
  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * The last epoch the checkpoint holds.
   *
   * @return the epoch, from 1
   */
  public int epoch() {
    return saved.epoch();
  }

  /**
   * The history up to the checkpoint.
   *
   * @return the epochs' records
   */
  public List<EpochRecord> history() {
    return saved.records();
  }

  Saved saved() {
    return saved;
  }

  long seed() {
    return seed;
  }

  int batchSize() {
    return batchSize;
  }

  int plannedEpochs() {
    return plannedEpochs;
  }

  double[] scheduleState() {
    return scheduleState.clone();
  }

  /** Problems in a JSON entry of {@code file}, as its exception. */
  private static Json.Invalid<ModelFormatException> invalid(Path file) {
    return (problem, cause) -> new ModelFormatException(file, problem, cause);
  }
}

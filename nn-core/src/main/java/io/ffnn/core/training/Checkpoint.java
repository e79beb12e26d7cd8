package io.ffnn.core.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
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

/**
 * A training run saved mid-way by {@link Trainer.Builder#checkpoint}: a model file (same format,
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

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Network network;
  private final Optimizer optimizer;
  private final Trainer.Start start;
  private final long seed;
  private final int batchSize;
  private final int plannedEpochs;
  private final double[] scheduleState;

  private Checkpoint(Network network, Optimizer optimizer, Trainer.Start start, long seed,
      int batchSize, int plannedEpochs, double[] scheduleState) {
    this.network = network;
    this.optimizer = optimizer;
    this.start = start;
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
    Map<String, byte[]> entries = ModelFile.readArchive(file);
    Model model = ModelFile.model(file, entries, registry);
    Network net = model.network();
    for (String name : List.of(OPTIMIZER, OPTIMIZER_STATE, TRAINING)) {
      if (!entries.containsKey(name)) {
        throw new ModelFormatException(file, "missing entry " + name
            + "; a model file is not a checkpoint");
      }
    }
    JsonNode o = ModelFile.json(file, OPTIMIZER, entries.get(OPTIMIZER));
    Optimizer optimizer;
    try {
      optimizer = Optimizers.fromSpec(o.path("spec").asText());
    } catch (PluginException e) {
      throw new ModelFormatException(file, "invalid optimizer: " + e.getMessage(), e);
    }
    int kinds = ModelFile.integer(file, o, "kinds", 0, 3);
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

    JsonNode t = ModelFile.json(file, TRAINING, entries.get(TRAINING));
    int plannedEpochs = ModelFile.integer(file, t, "epochs", 1, Integer.MAX_VALUE);
    int epoch = ModelFile.integer(file, t, "epoch", 1, plannedEpochs);
    int batchSize = ModelFile.integer(file, t, "batchSize", 1, Integer.MAX_VALUE);
    int bestEpoch = ModelFile.integer(file, t, "bestEpoch", 0, epoch);
    int wait = ModelFile.integer(file, t, "wait", 0, Integer.MAX_VALUE);
    double baseRate = t.path("baseRate").asDouble(-1);
    if (!(baseRate > 0) || !t.path("seed").isIntegralNumber()) {
      throw new ModelFormatException(file, TRAINING + " needs a positive 'baseRate' and an "
          + "integer 'seed'");
    }
    double bestValue = t.path("bestValue").isNumber() ? t.path("bestValue").asDouble()
        : Double.NaN;
    JsonNode scheduleNode = t.path("schedule");
    double[] schedule = ModelFile.doubles(file, scheduleNode, "schedule",
        scheduleNode.isArray() ? scheduleNode.size() : -1);
    List<EpochRecord> records = history(file, t.path("history"), epoch);
    byte[] best = entries.get(BEST);
    if (best != null && best.length != ModelFile.weightBytes(net).length) {
      throw new ModelFormatException(file, BEST + " does not fit the network");
    }
    return new Checkpoint(net, optimizer, new Trainer.Start(epoch, baseRate, records, bestValue,
        bestEpoch, wait, best), t.path("seed").asLong(), batchSize, plannedEpochs, schedule);
  }

  static void write(Path file, Network net, Optimizer optimizer, Trainer.Start state,
      long seed, int batchSize, int epochs, double[] scheduleState) {
    try {
      Map<String, byte[]> entries = new LinkedHashMap<>(ModelFile.entries(new Model(net, null)));
      Optimizer.State s = optimizer.exportState();
      ObjectNode o = JSON.createObjectNode();
      o.put("spec", optimizer.spec());
      o.put("steps", s.steps());
      o.put("kinds", s.arrays().size());
      entries.put(OPTIMIZER, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
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
      ObjectNode t = JSON.createObjectNode();
      t.put("epoch", state.epoch());
      t.put("epochs", epochs);
      t.put("seed", seed);
      t.put("batchSize", batchSize);
      t.put("baseRate", state.baseRate());
      t.put("bestEpoch", state.bestEpoch());
      if (state.bestEpoch() > 0) {
        t.put("bestValue", state.bestValue());
      }
      t.put("wait", state.epochsWithoutImprovement());
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
      entries.put(TRAINING, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(t));
      if (state.bestWeights() != null) {
        entries.put(BEST, state.bestWeights());
      }
      ModelFile.writeArchive(file, entries);
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
    return start.epoch();
  }

  /**
   * The history up to the checkpoint.
   *
   * @return the epochs' records
   */
  public List<EpochRecord> history() {
    return start.records();
  }

  Trainer.Start start() {
    return start;
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
}

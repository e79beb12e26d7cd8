package io.ffnn.spark;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.Workspace;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.model.ModelFormatException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * An executor thread's copy of the network being trained, built once per training run from its
 * description (the model file's entries: plugin specs and sizes) with the plugins that this
 * executor's class path provides through {@code ServiceLoader} (the task's context class loader:
 * the application's jars and those shipped to the executors), then given each step's weights. It
 * holds the buffers of the steps that thread runs, so that a step allocates nothing sized by the
 * network or the batch.
 */
final class Replica {

  private static final ThreadLocal<Replica> CURRENT = new ThreadLocal<>();

  final String run;
  /** The model the network came with: its scaler and column encoding, for prediction. */
  final Model model;
  final Network net;
  final Workspace ws;
  /** The step's share of the batch and its targets, reused from step to step. */
  final DMatrixRMaj X = new DMatrixRMaj(1, 1);
  final DMatrixRMaj Y = new DMatrixRMaj(1, 1);
  /** The gradient sums a step sends back, reused: a task's result is serialized as it ends. */
  final double[] sums;

  /** The weights of the step's examples, reused from step to step. */
  private double[] w = new double[0];

  /**
   * Weighs the next backward pass's examples, {@code index.local[lo … hi)} of the shard, by
   * their weights times {@code weighting}; with {@code weighting} 0 they all weigh 1.
   */
  void weigh(Shard shard, Shard.EpochIndex index, int lo, int hi, double weighting) {
    if (weighting == 0) {
      ws.weighExamples(null);
      return;
    }
    if (w.length < hi - lo) {
      w = new double[hi - lo];
    }
    shard.gatherWeights(index, lo, hi, weighting, w);
    ws.weighExamples(w);
  }

  /** The replica's own optimizer in averaging mode, and the spec it was made from. */
  private io.ffnn.core.optimizers.Optimizer optimizer;
  private String optimizerSpec;

  /**
   * This replica's optimizer for averaging rounds: made from the spec once, its state imported
   * from the driver's at the start of every round.
   *
   * @param spec the run's optimizer spec
   * @return the optimizer
   */
  io.ffnn.core.optimizers.Optimizer optimizer(String spec) {
    if (optimizer == null || !spec.equals(optimizerSpec)) {
      optimizer = io.ffnn.core.optimizers.Optimizers.fromSpec(spec);
      optimizerSpec = spec;
    }
    return optimizer;
  }

  /**
   * The network's outputs for one example's features vector, scaled as in training, through
   * this replica's workspace (one per task thread, reused from row to row).
   *
   * @param features {@code n[0]} entries. Not modified.
   * @return the outputs, a new array
   * @throws IllegalArgumentException if the vector has another width
   */
  double[] predict(double[] features) {
    int inputs = net.size(0);
    if (features.length != inputs) {
      throw new IllegalArgumentException("a features vector of " + features.length
          + " entries for a network of n[0] = " + inputs);
    }
    return predictScaled(features.clone());
  }

  /**
   * The output layer's pre-activation {@code Z[L]} for one example's features, scaled as in
   * training.
   *
   * @param features {@code n[0]} entries. Not modified.
   * @return {@code Z[L]}, a new array of {@code n[L]} entries
   * @throws IllegalArgumentException if the vector has another width
   */
  double[] logits(double[] features) {
    predict(features);
    DMatrixRMaj Z = ws.Z(net.depth());
    return Arrays.copyOf(Z.data, Z.numRows);
  }

  /**
   * The network's output activation {@code g[L]} of one column of pre-activations, the plugin's
   * own forward pass: for the {@code Z[L]} of {@link #logits}, what {@link #predict} gives.
   *
   * @param Z {@code n[L]} entries. Not modified.
   * @return {@code g[L](Z)}, a new array
   */
  double[] outputActivation(double[] Z) {
    DMatrixRMaj A = new DMatrixRMaj(Z.length, 1);
    net.activation(net.depth()).forward(DMatrixRMaj.wrap(Z.length, 1, Z.clone()), A);
    return A.data;
  }

  /** {@link #predict} of inputs the caller owns: scaled in place. */
  double[] predictScaled(double[] inputs) {
    DMatrixRMaj x = DMatrixRMaj.wrap(inputs.length, 1, inputs);
    if (model.scaler() != null) {
      model.scaler().transform(x, x);
    }
    return net.predict(x, ws).data.clone();
  }

  private Replica(String run, Model model) {
    this.run = run;
    this.model = model;
    this.net = model.network();
    this.ws = net.newWorkspace();
    this.sums = new double[net.parameterCount()];
  }

  /**
   * This thread's replica for the run, built on first use.
   *
   * @param run the training run's id
   * @param description the network's model entries
   * @throws IllegalStateException naming the plugin when this executor lacks one
   */
  static Replica of(String run, Map<String, byte[]> description) {
    Replica r = CURRENT.get();
    if (r == null || !r.run.equals(run)) {
      Model model;
      try {
        // the task's context class loader sees the application's jars and those shipped with
        // spark-submit --jars or SparkContext.addJar, which the system class loader does not
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        model = ModelFile.model(Path.of("network of Spark training run " + run), description,
            loader == null ? PluginRegistry.getDefault() : PluginRegistry.discover(loader));
      } catch (ModelFormatException e) {
        throw new IllegalStateException("an executor cannot build the network with the plugins "
            + "on its class path (ship the plugin's jar to the executors, e.g. with "
            + "spark-submit --jars): " + e.getMessage(), e);
      }
      r = new Replica(run, model);
      CURRENT.set(r);
    }
    return r;
  }
}

package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.training.Checkpoint;
import io.ffnn.core.training.EarlyStopping;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.core.training.TrainingDivergedException;
import io.ffnn.core.training.TrainingListener;
import io.ffnn.core.training.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel training on Apache Spark: the same mini-batches, optimizer and
 * result as {@link Trainer#fit} on one machine, with the examples spread over a cluster.
 *
 * <p>For every mini-batch step the driver broadcasts the current parameters; each partition
 * computes, with nn-core's own forward and backward recurrences, the sums of {@code dW}, {@code
 * db} and the cost over its examples in the batch; the sums are combined with {@code
 * treeAggregate}; the driver divides by the batch size {@code m} and applies the optimizer. The
 * batches are {@link TrainingConfig#epochOrder}'s, so with the same seed they hold the same
 * examples as single-machine training, and the weights agree to rounding (the sums are added in
 * another order).
 *
 * <p>Each partition's examples are cached once per run as a {@code Shard} (example-major
 * matrices); on its first step of an epoch a partition sorts its examples' places in the epoch's
 * order, and a step gathers its share of the batch, a contiguous range of that index, into buffers
 * it reuses: a step costs a partition its share of the batch, not a pass over its examples. The
 * shards are a reliable checkpoint when the context has a checkpoint directory, a local one in
 * local mode, and otherwise keep their lineage, so that the partitions of a lost executor are read
 * back or recomputed and the run goes on.
 *
 * <p>The network travels as its description — plugin specs, sizes, weights, as in a model file —
 * never as serialized plugin objects: each executor builds it with the plugins it finds through
 * {@code ServiceLoader} on its own class path. The run's first job builds the shards and the
 * executors' networks, and a missing plugin or a bad example ends the run there, once, naming
 * it.
 *
 * <p>It takes the {@link TrainingConfig} that single-machine training takes (epochs, batch size,
 * seed, shuffling, optimizer, schedule; {@code threads} stays 1: the partitions are the
 * parallelism) and runs the same {@link TrainingRun}: a fresh optimizer per run, the divergence
 * guard, and listeners on the driver — {@link EarlyStopping} on the {@code loss} it records, {@link
 * io.ffnn.core.training.Progress}, {@linkplain Checkpoint#every checkpoints} that {@link #resume}
 * continues from. Dropout masks are drawn on the executors from the seed, epoch, batch and
 * partition, so with dropout the result differs from single-machine training's.
 *
 * <p>Examples may carry weights ({@link Example#weight()}, or a weight column of a data set):
 * relative weights, divided by their mean, as {@link Example} says, in both modes.
 */
public final class SparkTrainer {

  private final TrainingConfig config;
  private EarlyStopping earlyStopping;
  private TrainingListener checkpoint;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private int depth = 2;
  private String jobGroup = "ffnn-" + UUID.randomUUID();
  /** Local steps per averaging round; 0 for the exact mode. */
  private int localSteps;
  /** A checkpoint on a Hadoop file system path, and its interval; null for none. */
  private String hadoopCheckpoint;
  private int hadoopEvery;
  /** The run's Hadoop configuration, for a checkpoint on a Hadoop file system path. */
  private org.apache.hadoop.conf.Configuration hadoopConfiguration;

  /**
   * A trainer on Spark with a training configuration.
   *
   * @param config epochs, batch size, seed, shuffling, optimizer and schedule
   * @throws IllegalArgumentException if the configuration splits batches across threads or
   *     weighs classes, which only single-machine training does
   */
  public SparkTrainer(TrainingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    if (config.threads() != 1) {
      throw new IllegalArgumentException("the configuration splits each batch across "
          + config.threads() + " threads, which only single-machine training does; on Spark the "
          + "partitions are the parallelism: leave threads at 1");
    }
    if (config.classWeights().isPresent()) {
      throw new IllegalArgumentException("the configuration weighs classes ("
          + config.classWeights().get() + "), which only single-machine training does so far; "
          + "on Spark, weigh the examples themselves: Example(x, y, weight), or a weight column");
    }
  }

  /**
   * Sets early stopping, told before the other listeners; on Spark it can watch {@code loss}, the
   * metric each epoch records.
   *
   * @param earlyStopping what to watch and how patiently
   * @return this trainer
   */
  public SparkTrainer earlyStopping(EarlyStopping earlyStopping) {
    this.earlyStopping = Objects.requireNonNull(earlyStopping, "earlyStopping");
    return this;
  }

  /**
   * Writes a checkpoint on the driver every {@code everyEpochs} epochs ({@link Checkpoint#every}),
   * told after early stopping and before the other listeners.
   *
   * @param file a file on the driver, replaced each time
   * @param everyEpochs the interval, {@code >= 1}
   * @return this trainer
   */
  public SparkTrainer checkpoint(Path file, int everyEpochs) {
    this.checkpoint = Checkpoint.every(file, everyEpochs);
    this.hadoopCheckpoint = null;
    return this;
  }

  /**
   * Writes a checkpoint every {@code everyEpochs} epochs to a path of any Hadoop file system
   * (HDFS, S3, the local one: {@code hdfs://…}, {@code s3a://…}, {@code file:/…}, or a path of
   * the context's default file system), with the context's Hadoop configuration: written on the
   * driver to a local temporary file, then copied beside the target and renamed over it, so that
   * the previous checkpoint stays until the new one is complete. {@link #resume(Checkpoint,
   * JavaRDD)} continues from it once {@link #loadCheckpoint} has read it. Suits {@code
   * --deploy-mode cluster}, where the driver's local
   * disk is not the user's.
   *
   * @param path the checkpoint's path, replaced each time
   * @param everyEpochs the interval, {@code >= 1}
   * @return this trainer
   */
  public SparkTrainer checkpoint(String path, int everyEpochs) {
    if (Objects.requireNonNull(path, "path").isBlank()) {
      throw new IllegalArgumentException("the checkpoint's path is blank");
    }
    if (everyEpochs < 1) {
      throw new IllegalArgumentException("checkpoint interval must be at least 1 epoch, got "
          + everyEpochs);
    }
    this.hadoopCheckpoint = path;
    this.hadoopEvery = everyEpochs;
    this.checkpoint = null;
    return this;
  }

  /**
   * Adds a listener, told on the driver in the order added, after early stopping and checkpoints.
   *
   * @param listener e.g. {@link io.ffnn.core.training.Progress#lines}
   * @return this trainer
   */
  public SparkTrainer listener(TrainingListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  private List<TrainingListener> listeners() {
    List<TrainingListener> all = new ArrayList<>();
    if (earlyStopping != null) {
      all.add(earlyStopping);
    }
    if (checkpoint != null) {
      all.add(checkpoint);
    }
    if (hadoopCheckpoint != null) {
      all.add(new HadoopCheckpoint(hadoopCheckpoint, hadoopEvery, hadoopConfiguration));
    }
    all.addAll(listeners);
    return all;
  }

  /**
   * Names the Spark job group of this trainer's runs; by default {@code ffnn-} and a random
   * UUID, made with the trainer. Every job of a run belongs to it, with a description that says
   * what it does ({@code ffnn: epoch 3/10, step 120/782}), which Spark's UI and listeners show;
   * {@code sc.cancelJobGroup(trainer.jobGroup())} from another thread cancels the run, whose
   * {@code fit} then ends with a {@link java.util.concurrent.CancellationException}. The
   * calling thread's job group and description are restored when the run ends.
   *
   * @param group the group's id
   * @return this trainer
   */
  public SparkTrainer jobGroup(String group) {
    if (Objects.requireNonNull(group, "group").isBlank()) {
      throw new IllegalArgumentException("the job group's id is blank");
    }
    this.jobGroup = group;
    return this;
  }

  /**
   * The Spark job group of this trainer's runs, to cancel one with {@code
   * SparkContext.cancelJobGroup}.
   *
   * @return the group's id
   */
  public String jobGroup() {
    return jobGroup;
  }

  /**
   * Trains by periodic parameter averaging instead of exact gradient aggregation: each Spark
   * job (a round) runs {@code localSteps} mini-batch steps on every partition, each with its own
   * copy of the optimizer, from the parameters and optimizer state the driver broadcast; the
   * driver then averages the partitions' parameters and optimizer states, each weighted by the
   * examples it trained on in the round, and its optimizer's step count advances by the most
   * local steps a partition took. A partition visits its own examples in the epoch's order
   * ({@link TrainingConfig#epochOrder} restricted to the partition), {@code batchSize} at a time,
   * so an epoch is one pass over the data and one partition gives single-machine training's
   * numbers; with {@code P} partitions a step trains on {@code P} local batches at once, and
   * {@code localSteps} trades the jobs an epoch takes (one per round, not one per batch) against
   * how far the partitions drift apart between averages. The learning-rate schedule advances by
   * the fraction of the epoch done. The exact mode stays the default: it gives single-machine
   * training's weights for any number of partitions.
   *
   * @param localSteps the local steps per round, {@code >= 1}
   * @return this trainer
   */
  public SparkTrainer averaging(int localSteps) {
    if (localSteps < 1) {
      throw new IllegalArgumentException("an averaging round takes at least one local step, got "
          + localSteps);
    }
    this.localSteps = localSteps;
    return this;
  }

  /**
   * The depth of the aggregation tree ({@code treeAggregate}'s {@code depth}).
   *
   * @param depth {@code >= 1}; 2 by default
   * @return this trainer
   */
  public SparkTrainer aggregationDepth(int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("the aggregation depth must be >= 1, got " + depth);
    }
    this.depth = depth;
    return this;
  }

  /**
   * Trains a network on the examples of an RDD, in the RDD's order: example {@code i} of the RDD
   * is column {@code i} of the single-machine {@code X}.
   *
   * @param network the network. Modified: its weights end as the last epoch's, or the best
   *     epoch's when early stopping restores them.
   * @param data the examples; they are cached for the run and released after it
   * @return the history: the loss of every epoch
   * @throws IllegalArgumentException if there are no examples, an example does not fit the
   *     network or is not finite (named by its index), or a listener refuses the run
   * @throws IllegalStateException if an executor cannot build the network, naming the missing
   *     plugin
   * @throws TrainingDivergedException if a loss or parameter becomes non-finite
   */
  public History fit(Network network, JavaRDD<Example> data) {
    Objects.requireNonNull(network, "network");
    return run(data, network, m -> TrainingRun.start(config, listeners(), network, m,
        List.of("loss")));
  }

  /**
   * Reads a checkpoint from a Hadoop file system path that {@link #checkpoint(String, int)}
   * wrote, with the context's Hadoop configuration; {@link #resume(Checkpoint, JavaRDD)} then
   * continues the run, training the checkpoint's network further.
   *
   * @param path the checkpoint's path
   * @param sc the context whose Hadoop configuration reaches the file system
   * @return the checkpoint
   * @throws IOException naming the path if it cannot be read or is not a checkpoint
   */
  public static Checkpoint loadCheckpoint(String path, JavaSparkContext sc) throws IOException {
    Objects.requireNonNull(path, "path");
    try {
      return HadoopCheckpoint.load(path, sc.hadoopConfiguration());
    } catch (IOException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Continues an interrupted run from a checkpoint that a trainer with the same configuration
   * wrote, on the same examples in the same order.
   *
   * @param checkpoint the checkpoint; its network is trained further
   * @param data the examples of the interrupted run
   * @return the history of the whole run, the checkpoint's epochs included
   * @throws IllegalArgumentException if the checkpoint was written with another seed, batch size
   *     or number of epochs
   * @throws TrainingDivergedException if a loss or parameter becomes non-finite
   */
  public History resume(Checkpoint checkpoint, JavaRDD<Example> data) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    return run(data, checkpoint.network(), m -> TrainingRun.resume(config, listeners(),
        checkpoint, m, List.of("loss")));
  }

  /** The local properties through which Spark knows a thread's job group and description. */
  private static final List<String> JOB_PROPERTIES = List.of("spark.jobGroup.id",
      "spark.job.description", "spark.job.interruptOnCancel");

  private History run(JavaRDD<Example> data, Network network,
      java.util.function.IntFunction<TrainingRun> start) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
    hadoopConfiguration = sc.hadoopConfiguration();
    Map<String, String> before = new LinkedHashMap<>();
    for (String key : JOB_PROPERTIES) {
      before.put(key, sc.getLocalProperty(key));
    }
    sc.setJobGroup(jobGroup, "ffnn: training", true);
    try {
      return runInGroup(sc, data, network, start);
    } catch (Exception e) {
      // Spark's own SparkException is checked, thrown through Scala without a declaration
      if (cancelled(e)) {
        java.util.concurrent.CancellationException c = new java.util.concurrent
            .CancellationException("the run was cancelled (Spark job group " + jobGroup + ")");
        c.initCause(e);
        throw c;
      }
      throw SparkTrainer.<RuntimeException>unchanged(e);
    } finally {
      // the thread's own group and description, as they were
      for (Map.Entry<String, String> e : before.entrySet()) {
        sc.setLocalProperty(e.getKey(), e.getValue());
      }
    }
  }

  /** Rethrows any exception as it is, checked or not: what Spark threw goes on unchanged. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E unchanged(Exception e) throws E {
    throw (E) e;
  }

  /** Whether a job of the run failed because its group was cancelled. */
  private boolean cancelled(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("cancelled") && message.contains(jobGroup)) {
        return true;
      }
    }
    return false;
  }

  private History runInGroup(JavaSparkContext sc, JavaRDD<Example> data, Network network,
      java.util.function.IntFunction<TrainingRun> start) {
    String id = UUID.randomUUID().toString();
    int inputs = network.size(0);
    int targets = network.targetRows();
    Broadcast<Map<String, byte[]>> description = sc.broadcast(describe(network));
    JavaRDD<Shard> shards = null;
    try {
      // the plugins first, in tasks that read no data: a missing one fails in a second, not
      // after a pass over the data
      sc.setJobDescription("ffnn: checking the plugins");
      Shards.checkPlugins(sc, id, description, data.getNumPartitions());
      shards = data.mapPartitionsWithIndex((partition, rows) ->
          Collections.singletonList(Shard.of(partition, rows, inputs, targets)).iterator(), true);
      Shards.cache(sc, shards);
      sc.setJobDescription("ffnn: reading the data");
      Shards.Checked checked = Shards.check(shards, id, description);
      long[] starts = checked.starts();
      long count = starts[starts.length - 1];
      if (count == 0) {
        throw new IllegalArgumentException("no examples to train on");
      }
      if (count > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(count + " examples; a run trains on at most "
            + (Integer.MAX_VALUE - 8));
      }
      int m = (int) count;
      double weighting = checked.weighting(m);
      if (localSteps > 0) {
        return Averaging.train(sc, start.apply(m), shards, description, id, starts, m, config,
            localSteps, depth, this::positions, weighting);
      }
      return Exact.train(sc, start.apply(m), shards, description, id,
          Arrays.copyOf(starts, starts.length - 1), m, config, depth, this::positions, weighting);
    } finally {
      description.destroy();
      if (shards != null) {
        shards.unpersist(false);
        Shards.removeCheckpoint(sc, shards);
      }
    }
  }

  /**
   * Trains a network on a Spark ML-style data set: a vector column of features and a numeric
   * label column, converted as {@link #examples} says.
   *
   * @param network the network. Modified: its weights end as the last epoch's.
   * @param data the data set, in its order
   * @param featuresCol the features column
   * @param labelCol the label column
   * @return the history: the loss of every epoch
   */
  public History fit(Network network, org.apache.spark.sql.Dataset<?> data, String featuresCol,
      String labelCol) {
    return fit(network, examples(data, featuresCol, labelCol, network));
  }

  /**
   * Trains a network on a Spark ML-style data set with a column of example weights, relative
   * weights as {@link Example} says.
   *
   * @param network the network. Modified: its weights end as the last epoch's.
   * @param data the data set, in its order
   * @param featuresCol the features column
   * @param labelCol the label column
   * @param weightCol the weight column, numeric: finite and {@code >= 0}; or null for none
   * @return the history: the loss of every epoch, unweighted
   */
  public History fit(Network network, org.apache.spark.sql.Dataset<?> data, String featuresCol,
      String labelCol, String weightCol) {
    return fit(network, examples(data, featuresCol, labelCol, weightCol, network));
  }

  /**
   * Each example's place in the epoch's order ({@link TrainingConfig#epochOrder}), broadcast:
   * from it every partition sorts its own examples into the epoch's order.
   */
  Broadcast<int[]> positions(JavaSparkContext sc, int epoch, int m) {
    int[] order = config.epochOrder(epoch, m);
    int[] position = new int[m];
    for (int j = 0; j < m; j++) {
      position[order[j]] = j;
    }
    return sc.broadcast(position);
  }

  /**
   * The examples of a Spark ML-style data set: a vector column of features and a numeric label
   * column. For a network with one target row the label is the target as it is (a 0/1 label for
   * {@code bce}, a value for {@code mse}); with {@code k > 1} target rows it must be a class index
   * {@code 0 … k−1} and becomes the one-hot column.
   *
   * @param data the data set
   * @param featuresCol the features column, of Spark ML vectors with {@code n[0]} entries
   * @param labelCol the label column
   * @param network the network the examples are for
   * @return the examples, in the data set's order; a bad label fails the job naming it
   */
  public static JavaRDD<Example> examples(org.apache.spark.sql.Dataset<?> data,
      String featuresCol, String labelCol, Network network) {
    return examples(data, featuresCol, labelCol, null, network);
  }

  /**
   * The examples of a Spark ML-style data set as {@link #examples(org.apache.spark.sql.Dataset,
   * String, String, Network)} makes them, each weighing what its row's weight column holds.
   *
   * @param data the data set
   * @param featuresCol the features column, of Spark ML vectors with {@code n[0]} entries
   * @param labelCol the label column
   * @param weightCol the weight column, numeric; or null (or empty), every example weighing 1
   * @param network the network the examples are for
   * @return the examples, in the data set's order; a bad label or a missing weight fails the job
   *     naming it, a weight that is not finite and {@code >= 0} fails the run naming the example
   * @throws IllegalArgumentException if the weight column is missing or not numeric
   */
  public static JavaRDD<Example> examples(org.apache.spark.sql.Dataset<?> data,
      String featuresCol, String labelCol, String weightCol, Network network) {
    return Columns.examples(data, featuresCol, labelCol, weightCol, network.targetRows());
  }

  /** The network's description as a model file holds it: specs, sizes and weights. */
  static Map<String, byte[]> describe(Network net) {
    try {
      return ModelFile.entries(new Model(net, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

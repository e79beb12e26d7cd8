package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.testing.train.Pinned;
import io.ffnn.testing.core.PluginJars;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Checkpoint;
import io.ffnn.core.training.EarlyStopping;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Progress;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.core.training.LearningRateSchedule;
import io.ffnn.core.training.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Training on a local Spark master against training on one machine. */
class SparkTrainerTest {

  @TempDir
  static Path dir;

  /** A plugin jar on no class path: only the jars shipped to the executors carry it. */
  private static Path squashJar;

  @BeforeAll
  static void buildPluginJar() throws IOException {
    squashJar = PluginJars.squash(dir);
  }

  static JavaSparkContext context() {
    return new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("ffnn-test")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
  }

  static List<Example> examples(Dataset data) {
    List<Example> list = new ArrayList<>();
    DMatrixRMaj X = data.X();
    DMatrixRMaj Y = data.Y();
    for (int j = 0; j < X.numCols; j++) {
      double[] x = new double[X.numRows];
      double[] y = new double[Y.numRows];
      for (int i = 0; i < x.length; i++) {
        x[i] = X.get(i, j);
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = Y.get(i, j);
      }
      list.add(new Example(x, y));
    }
    return list;
  }

  private static NetworkSpec spec() {
    return NetworkSpec.builder(2).layer(8, "squash").layer(3, "softmax").cost("cce").seed(7)
        .build();
  }

  private static TrainingConfig config(String optimizer) {
    return TrainingConfig.builder().optimizer(Optimizers.fromSpec(optimizer)).epochs(3)
        .batchSize(16).seed(3).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd(lr=0.2)", "adam(lr=0.02)"})
  void equalsSingleMachineTrainingWithAPluginShippedAsAJar(String optimizer) throws Exception {
    Dataset data = Generated.spirals(3, 20, 0.1, 5);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {squashJar.toUri().toURL()},
        getClass().getClassLoader())) {
      PluginRegistry registry = PluginRegistry.discover(loader);
      Network local = Network.build(spec(), registry);
      History expected = Trainer.builder().config(config(optimizer)).build()
          .fit(local, data.X(), data.Y());

      Network spark = Network.build(spec(), registry);
      History actual;
      try (JavaSparkContext sc = context()) {
        sc.addJar(squashJar.toString());
        JavaRDD<Example> rdd = sc.parallelize(examples(data), 3);
        actual = new SparkTrainer(config(optimizer)).fit(spark, rdd);
      }
      // 3 epochs of 4 batches (16, 16, 16, 12), each spread over the three partitions
      for (int l = 1; l <= 2; l++) {
        for (int k = 0; k < local.W(l).getNumElements(); k++) {
          double e = local.W(l).data[k];
          assertEquals(e, spark.W(l).data[k], 1e-9 * Math.max(1, Math.abs(e)), "W" + l + "[" + k
              + "]");
        }
        for (int k = 0; k < local.b(l).getNumElements(); k++) {
          double e = local.b(l).data[k];
          assertEquals(e, spark.b(l).data[k], 1e-9 * Math.max(1, Math.abs(e)), "b" + l);
        }
      }
      List<Double> lossExpected = expected.get("loss");
      List<Double> lossActual = actual.get("loss");
      assertEquals(3, lossActual.size());
      for (int e = 0; e < 3; e++) {
        assertEquals(lossExpected.get(e), lossActual.get(e), 1e-9, "loss of epoch " + (e + 1));
      }
    }
  }

  /**
   * A seeded run on two partitions, pinned by the SHA-256 of its weights and history as recorded
   * before the training layer's redesign. With two partitions the driver adds two partial sums,
   * which gives the same bits in either order, so the run is bit-for-bit repeatable.
   */
  @Test
  void aPinnedRunOnTwoPartitionsKeepsItsBits() {
    Dataset data = Generated.spirals(3, 20, 0.1, 5);
    NetworkSpec spec = NetworkSpec.builder(2).layer(8, "tanh").layer(3, "softmax").cost("cce")
        .seed(7).build();
    Network net = Network.build(spec, PluginRegistry.getDefault(), Backends.byName("ejml"));
    History history;
    try (JavaSparkContext sc = context()) {
      JavaRDD<Example> rdd = sc.parallelize(examples(data), 2);
      history = new SparkTrainer(TrainingConfig.builder().optimizer(Optimizers.fromSpec(
          "adam(lr=0.02, l2=0.001)")).epochs(3).batchSize(16).seed(3)
          .schedule(LearningRateSchedule.cosine(1, 1e-4)).build()).fit(net, rdd);
    }
    assertEquals("af287a36516b80a1df364df563bb82dcdfde6fa6550441929f6c4989699bb3e4",
        Pinned.weights(net), "weights");
    assertEquals("e878ee662050d36ba4b932e22f6c795614520e88cb0a5b5c967fc9c0359aad3c",
        Pinned.history(history), "history");
  }

  /**
   * A float32 network on Spark: the executors compute in float, the driver's step rounds the
   * weights to float as one machine's does, and the run follows the single-machine float32 run
   * (not bit for bit: the partitions' float gradients are summed in another order).
   */
  @Test
  void aFloat32NetworkTrainsAsOnOneMachine() {
    Dataset data = Generated.spirals(3, 20, 0.1, 5);
    NetworkSpec spec = NetworkSpec.builder(2).layer(8, "tanh").layer(3, "softmax").cost("cce")
        .seed(7).precision(io.ffnn.core.Precision.FLOAT32).build();
    TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.adam(0.02)).epochs(3)
        .batchSize(16).seed(3).build();
    Network local = Network.build(spec);
    History expected = Trainer.builder().config(config).build().fit(local, data);
    Network spark = Network.build(spec);
    History actual;
    try (JavaSparkContext sc = context()) {
      actual = new SparkTrainer(config).fit(spark, sc.parallelize(examples(data), 2));
    }
    for (int e = 0; e < 3; e++) {
      assertEquals(expected.get("loss").get(e), actual.get("loss").get(e), 1e-4,
          "loss of epoch " + (e + 1));
    }
    for (int l = 1; l <= 2; l++) {
      for (int k = 0; k < spark.W(l).data.length; k++) {
        double w = spark.W(l).data[k];
        assertEquals((float) w, w, 0.0, "W" + l + "[" + k + "] is a float");
        assertEquals(local.W(l).data[k], w, 1e-4, "W" + l + "[" + k + "]");
      }
    }
  }

  @Test
  void threadsAreRefusedNamingWhy() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SparkTrainer(TrainingConfig.builder().threads(2).build()));
    assertEquals("the configuration splits each batch across 2 threads, which only "
        + "single-machine training does; on Spark the partitions are the parallelism: leave "
        + "threads at 1", e.getMessage());
  }

  /**
   * Early stopping and progress on the driver: a minimum improvement no epoch reaches stops the
   * run after {@code patience} epochs and puts back epoch 1's weights, which are those of a
   * one-epoch run; the progress listener prints a line per epoch and the early stop.
   */
  @Test
  void earlyStoppingAndProgressRunOnTheDriver() {
    Dataset data = Generated.spirals(3, 20, 0.1, 5);
    NetworkSpec spec = NetworkSpec.builder(2).layer(8, "tanh").layer(3, "softmax").cost("cce")
        .seed(7).build();
    TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.sgd(0.2)).epochs(6)
        .batchSize(16).seed(3).build();
    Network stopped = Network.build(spec);
    Network oneEpoch = Network.build(spec);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    History history;
    try (JavaSparkContext sc = context()) {
      JavaRDD<Example> rdd = sc.parallelize(examples(data), 2);
      history = new SparkTrainer(config)
          .earlyStopping(EarlyStopping.minimize("loss").patience(2).minDelta(100))
          .listener(Progress.lines(new PrintStream(out, true, StandardCharsets.UTF_8)))
          .fit(stopped, rdd);
      new SparkTrainer(config.toBuilder().epochs(1).build()).fit(oneEpoch, rdd);
      IllegalArgumentException noValidation = assertThrows(IllegalArgumentException.class,
          () -> new SparkTrainer(config).earlyStopping(EarlyStopping.minimize("val_loss"))
              .fit(Network.build(spec), rdd));
      assertEquals("early stopping watches 'val_loss', which this run does not record; it "
          + "records loss", noValidation.getMessage());
    }
    assertEquals(3, history.epochs().size());
    assertTrue(history.stoppedEarly() && history.restoredBestWeights());
    assertEquals(1, history.bestEpoch());
    assertEquals(Pinned.weights(oneEpoch), Pinned.weights(stopped));
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(4, lines.length, out.toString(StandardCharsets.UTF_8));
    assertTrue(lines[2].startsWith("epoch 3/6 "), lines[2]);
    assertEquals("early stopping: best epoch 1, its weights restored", lines[3]);
  }

  /** A checkpoint written on the driver resumes to the bits of the uninterrupted run. */
  @Test
  void aCheckpointOnTheDriverResumesToTheUninterruptedRun() throws IOException {
    Dataset data = Generated.spirals(3, 20, 0.1, 5);
    NetworkSpec spec = NetworkSpec.builder(2).layer(8, "tanh").layer(3, "softmax").cost("cce")
        .seed(7).build();
    TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.adam(0.02)).epochs(4)
        .batchSize(16).seed(3).build();
    Path file = dir.resolve("spark.ckpt");
    Network full = Network.build(spec);
    History uninterrupted;
    History resumed;
    Checkpoint checkpoint;
    try (JavaSparkContext sc = context()) {
      JavaRDD<Example> rdd = sc.parallelize(examples(data), 2);
      uninterrupted = new SparkTrainer(config).checkpoint(file, 3).fit(full, rdd);
      checkpoint = Checkpoint.load(file);
      assertEquals(3, checkpoint.epoch());
      resumed = new SparkTrainer(config).resume(checkpoint, rdd);
    }
    assertEquals(Pinned.weights(full), Pinned.weights(checkpoint.network()));
    assertEquals(Pinned.history(uninterrupted), Pinned.history(resumed));
  }

  /**
   * A checkpoint on a Hadoop file system path (here the local one, as a {@code file:} URI)
   * resumes to the bits of the uninterrupted run, as a checkpoint on the driver's disk does.
   */
  @Test
  void aCheckpointOnAHadoopPathResumesToTheUninterruptedRun() throws IOException {
    Dataset data = Generated.spirals(3, 20, 0.1, 5);
    NetworkSpec spec = NetworkSpec.builder(2).layer(8, "tanh").layer(3, "softmax").cost("cce")
        .seed(7).build();
    TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.adam(0.02)).epochs(4)
        .batchSize(16).seed(3).build();
    Path file = dir.resolve("hadoop").resolve("run.ckpt");
    String uri = file.toUri().toString();
    Network full = Network.build(spec);
    History uninterrupted;
    History resumed;
    Checkpoint checkpoint;
    try (JavaSparkContext sc = context()) {
      JavaRDD<Example> rdd = sc.parallelize(examples(data), 2);
      uninterrupted = new SparkTrainer(config).checkpoint(uri, 3).fit(full, rdd);
      assertTrue(uri.startsWith("file:"), uri);
      assertEquals(3, Checkpoint.load(file).epoch());
      try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(file.getParent())) {
        assertEquals(List.of("run.ckpt"), files.map(f -> f.getFileName().toString())
            .filter(n -> !n.startsWith(".") || n.endsWith(".writing")).toList(),
            "the checkpoint, no temporary file beside it");
      }
      checkpoint = SparkTrainer.loadCheckpoint(uri, sc);
      assertEquals(3, checkpoint.epoch());
      resumed = new SparkTrainer(config).resume(checkpoint, rdd);
      IOException missing = assertThrows(IOException.class,
          () -> SparkTrainer.loadCheckpoint(uri + ".nope", sc));
      assertTrue(missing.getMessage().startsWith(uri + ".nope: "), missing.getMessage());
    }
    assertEquals(Pinned.weights(full), Pinned.weights(checkpoint.network()));
    assertEquals(Pinned.history(uninterrupted), Pinned.history(resumed));
  }

  @Test
  void aPluginMissingOnTheExecutorsFailsTheJobNamingIt() throws Exception {
    Dataset data = Generated.spirals(3, 4, 0.1, 5);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {squashJar.toUri().toURL()},
        getClass().getClassLoader());
        JavaSparkContext sc = context()) {
      // the driver has the plugin; the jar is not shipped to the executors
      Network net = Network.build(spec(), PluginRegistry.discover(loader));
      // counts the examples read: none, since the plugins are checked before the data are read
      org.apache.spark.util.LongAccumulator read = sc.sc().longAccumulator("read");
      JavaRDD<Example> rdd = sc.parallelize(examples(data), 2).map(x -> {
        read.add(1);
        return x;
      });
      java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger failedTasks =
          new java.util.concurrent.atomic.AtomicInteger();
      sc.sc().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
        @Override
        public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart event) {
          jobs.incrementAndGet();
        }

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd event) {
          if (!event.taskInfo().successful()) {
            failedTasks.incrementAndGet();
          }
        }
      });
      long start = System.nanoTime();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new SparkTrainer(config("sgd(lr=0.1)")).fit(net, rdd));
      long failed = System.nanoTime() - start;
      assertTrue(e.getMessage().startsWith("an executor cannot build the network with the "
          + "plugins on its class path (ship the plugin's jar to the executors, e.g. with "
          + "spark-submit --jars): network of Spark training run "), e.getMessage());
      assertTrue(e.getMessage().contains(": the model needs a plugin that is not installed: "
          + "layer 1: unknown activation 'squash'; available activations: "), e.getMessage());
      // one job, whose tasks report the missing plugin instead of failing and being retried
      sc.sc().listenerBus().waitUntilEmpty();
      assertEquals(1, jobs.get());
      assertEquals(0, failedTasks.get());
      assertEquals(0, read.value(), "examples read before the plugins were checked");
      System.out.printf("a missing plugin failed the run in %.0f ms%n", failed / 1e6);
    }
  }

  /** A run's reliable checkpoint of its data is deleted when the run ends. */
  @Test
  void theRunsCheckpointFilesAreRemovedWhenItEnds() throws IOException {
    Dataset data = Generated.spirals(3, 10, 0.1, 5);
    Path checkpoints = java.nio.file.Files.createDirectories(dir.resolve("spark-checkpoints"));
    try (JavaSparkContext sc = context()) {
      sc.setCheckpointDir(checkpoints.toString());
      JavaRDD<Example> rdd = sc.parallelize(examples(data), 2);
      Network net = Network.build(NetworkSpec.builder(2).layer(4, "relu").layer(3, "softmax")
          .cost("cce").build());
      new SparkTrainer(config("sgd(lr=0.1)")).fit(net, rdd);
      try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(checkpoints)) {
        List<Path> left = files.filter(f -> f.getFileName().toString().startsWith("rdd-"))
            .toList();
        assertTrue(left.isEmpty(), "left behind: " + left);
      }
    }
  }

  @Test
  void aBadExampleIsReportedOnceNamingIt() {
    Dataset data = Generated.spirals(3, 10, 0.1, 5);
    List<Example> list = new ArrayList<>(examples(data));
    list.set(21, new Example(new double[] {0.5, Double.NaN}, list.get(21).y()));
    list.set(25, new Example(new double[] {0.5}, list.get(25).y()));
    try (JavaSparkContext sc = context()) {
      JavaRDD<Example> rdd = sc.parallelize(list, 3);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new SparkTrainer(config("sgd(lr=0.1)")).fit(Network.build(
              NetworkSpec.builder(2).layer(4, "tanh").layer(3, "softmax").cost("cce").build()),
              rdd));
      // partitions of 10, 10 and 10 examples: example 21 is the third partition's second
      assertEquals("example 21 (partition 2) has input 1 = NaN", e.getMessage());
      list.set(21, list.get(20));
      IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
          () -> new SparkTrainer(config("sgd(lr=0.1)")).fit(Network.build(
              NetworkSpec.builder(2).layer(4, "tanh").layer(3, "softmax").cost("cce").build()),
              sc.parallelize(list, 3)));
      assertEquals("example 25 (partition 2) has 1 inputs and 3 targets; the network takes "
          + "n[0] = 2 and 3 target rows", width.getMessage());
    }
  }
}

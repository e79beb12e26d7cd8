package io.ffnn.spark.example;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.core.training.TrainingContext;
import io.ffnn.core.training.TrainingListener;
import io.ffnn.spark.Example;
import io.ffnn.spark.SparkTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;

/**
 * How a Spark training step scales with the number of examples: a narrow network (20-64-64-2,
 * ReLU, softmax and cross-entropy, SGD, batches of 128) on {@code m} synthetic examples that the
 * executors generate themselves (so no task carries data), for each {@code m} given, after a
 * warm-up run. Prints the median step time over {@code steps} steps (each epoch's first step, which
 * builds the partitions' epoch index, apart), the time of epoch 1 when {@code full} is given, and
 * the one-machine step on the same batches (the arithmetic).
 *
 * <pre>
 * SparkScaling [steps] [partitions] [full] m1 m2 …
 * SparkScaling 200 4 - 10000 100000 1000000
 * </pre>
 *
 * <p>The master comes from {@code spark.master} ({@code spark-submit --master}), local[2]
 * without one; a checkpoint directory, when {@code spark.ffnn.checkpointDir} names one, makes
 * the run cache its examples as a reliable checkpoint; {@code spark.ffnn.source=list} makes the
 * examples on the driver and distributes them with {@code sc.parallelize(list)} (whose tasks
 * carry their slice of the list), instead of on the executors.
 */
public final class SparkScaling {

  private SparkScaling() {}

  private static final int INPUTS = 20;
  private static final int BATCH = 128;

  /** Thrown by the timer to end a run after its steps. */
  private static final class Enough extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Enough() {
      super(null, null, false, false);
    }
  }

  /**
   * Times {@code steps} steps (into epoch 2 when epoch 1 has fewer), or all of epoch 1 with
   * {@code full}; each epoch's first step, which builds the partitions' epoch index, apart.
   */
  private static final class Timer implements TrainingListener {
    final int steps;
    final boolean full;
    final List<Double> times = new ArrayList<>();
    final List<Double> firsts = new ArrayList<>();
    double epochSeconds = Double.NaN;
    int epochSteps;
    long last;
    long epochStart;

    Timer(int steps, boolean full) {
      this.steps = steps;
      this.full = full;
    }

    @Override
    public void epochStart(TrainingContext context) {
      last = System.nanoTime();
      epochStart = last;
    }

    @Override
    public void batchEnd(TrainingContext context) {
      long now = System.nanoTime();
      (context.batch() == 1 ? firsts : times).add((now - last) / 1e6);
      last = now;
      if (times.size() + firsts.size() >= steps && !(full && context.epoch() == 1)) {
        throw new Enough();
      }
    }

    @Override
    public void epochEnd(TrainingContext context) {
      if (context.epoch() == 1) {
        epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        epochSteps = times.size() + firsts.size();
      }
    }
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2]
        : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Partition {@code p}'s examples: Gaussian inputs, the class the sign of a fixed map. */
  static List<Example> generate(int p, int count) {
    Random rng = new Random(1000 + p);
    double[] w = new Random(7).doubles(INPUTS, -1, 1).toArray();
    List<Example> out = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      double[] x = new double[INPUTS];
      double s = 0;
      for (int i = 0; i < INPUTS; i++) {
        x[i] = rng.nextGaussian();
        s += w[i] * x[i];
      }
      out.add(new Example(x, s > 0 ? new double[] {0, 1} : new double[] {1, 0}));
    }
    return out;
  }

  private static NetworkSpec spec() {
    return NetworkSpec.builder(INPUTS).layer(64, "relu").layer(64, "relu").layer(2, "softmax")
        .cost("cce").seed(1).build();
  }

  private static TrainingConfig config() {
    return TrainingConfig.builder().optimizer(Optimizers.sgd(0.05)).epochs(2).batchSize(BATCH)
        .seed(3).build();
  }

  /** The one-machine step on a batch of the same shape: the arithmetic of a Spark step. */
  private static double arithmeticMillis() {
    int m = 100 * BATCH;
    List<Example> data = generate(0, m);
    DMatrixRMaj X = new DMatrixRMaj(INPUTS, m);
    DMatrixRMaj Y = new DMatrixRMaj(2, m);
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < INPUTS; i++) {
        X.set(i, j, data.get(j).x()[i]);
      }
      Y.set(0, j, data.get(j).y()[0]);
      Y.set(1, j, data.get(j).y()[1]);
    }
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      Trainer.builder(config().toBuilder().epochs(1).build()).build()
          .fit(Network.build(spec()), X, Y);
      best = Math.min(best, (System.nanoTime() - start) / 1e6 / 100);
    }
    return best;
  }

  /**
   * Runs the benchmark.
   *
   * @param args steps, partitions, "full" or "-", then the sizes
   */
  public static void main(String[] args) {
    int steps = Integer.parseInt(args[0]);
    int partitions = Integer.parseInt(args[1]);
    boolean full = args[2].equals("full");
    int[] sizes = Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray();
    SparkConf conf = new SparkConf().setAppName("ffnn-spark-scaling")
        .set("spark.ui.enabled", "false");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[2]");
    }
    if (!conf.contains("spark.log.level")) {
      conf.set("spark.log.level", "WARN");
    }
    System.out.printf("%s, batch %d, %d partitions on %s; arithmetic (one machine, one thread) "
        + "%.2f ms a step%n", spec(), BATCH, partitions, conf.get("spark.master"),
        arithmeticMillis());
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      String dir = conf.get("spark.ffnn.checkpointDir", "");
      if (!dir.isEmpty()) {
        sc.setCheckpointDir(dir);
      }
      // a run to warm the JIT and Spark, not reported
      time(sc, sizes[0], partitions, Math.max(steps, 300), false, false);
      for (int m : sizes) {
        time(sc, m, partitions, steps, full, true);
      }
    }
  }

  private static void time(JavaSparkContext sc, int m, int partitions, int steps,
      boolean full, boolean report) {
    int per = m / partitions;
    JavaRDD<Example> data;
    if (sc.getConf().get("spark.ffnn.source", "executors").equals("list")) {
      // the examples made on the driver: their partitions are slices of this list
      List<Example> list = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        list.addAll(generate(p, per));
      }
      data = sc.parallelize(list, partitions);
    } else {
      data = sc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
          .flatMap(p -> generate(p, per).iterator());
    }
    Timer timer = new Timer(steps, full);
    long start = System.nanoTime();
    try {
      new SparkTrainer(config()).listener(timer).fit(Network.build(spec()), data);
    } catch (Enough done) {
      // the steps were timed
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (report) {
      System.out.printf("m = %,d: step median %.1f ms over %d steps, an epoch's first step %.0f "
          + "ms; %s; %.1f s in all%n", per * partitions, median(timer.times),
          timer.times.size(), median(timer.firsts), Double.isNaN(timer.epochSeconds)
              ? "epoch not run to its end" : String.format("epoch 1 %.1f s (%d steps)",
                  timer.epochSeconds, timer.epochSteps), seconds);
    }
  }
}

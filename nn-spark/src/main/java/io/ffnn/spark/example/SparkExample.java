package io.ffnn.spark.example;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.metrics.Correct;
import io.ffnn.core.metrics.Task;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.spark.Example;
import io.ffnn.spark.SparkTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.ejml.data.DMatrixRMaj;

/**
 * Trains a classifier on synthetic MNIST-shaped data (inputs uniform in [0, 1), the label the arg
 * max of a fixed random linear map) on Spark, then the same network on this machine
 * alone, and optionally Spark MLlib's {@code MultilayerPerceptronClassifier}; prints the time of
 * every epoch, the test accuracy, and the bytes each step moved by Spark's own task metrics
 * beside the formula {@code 8 P (N + R)} for the partitions' results.
 *
 * <p>The master is the one {@code spark-submit --master} gives (its {@code spark.master}
 * property), or {@code local[2]} when none is set, as when the class runs with plain {@code java}.
 *
 * <pre>
 * SparkExample [examples] [epochs] [partitions] [hidden sizes] [mllib]
 * SparkExample 12000 2 4 256,128 mllib
 * </pre>
 */
public final class SparkExample {

  private SparkExample() {}

  /**
   * Sums the bytes that the tasks returned to the driver and wrote to shuffles, and the size of
   * the broadcast pieces the driver's block manager stored.
   */
  static final class Traffic extends SparkListener {
    final AtomicLong results = new AtomicLong();
    final AtomicLong shuffled = new AtomicLong();
    final AtomicLong broadcast = new AtomicLong();

    @Override
    public void onBlockUpdated(SparkListenerBlockUpdated update) {
      BlockUpdatedInfo info = update.blockUpdatedInfo();
      // a removal reports the size it frees, with no replica left
      if (info.blockId().isBroadcast() && info.blockId().name().contains("_piece")
          && info.storageLevel().replication() > 0) {
        broadcast.addAndGet(info.memSize() + info.diskSize());
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskMetrics() != null) {
        results.addAndGet(end.taskMetrics().resultSize());
        shuffled.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
      }
    }
  }

  /**
   * Runs the example.
   *
   * @param args examples, epochs, partitions, hidden sizes, "mllib"; all optional
   * @throws InterruptedException if interrupted while the listener drains
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && !args[0].matches("[0-9]+")) {
      throw new IllegalArgumentException("the first argument is the number of examples, got '"
          + args[0] + "'; the master comes from spark-submit --master (or the spark.master "
          + "property), local[2] without one");
    }
    int m = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    String[] hidden = (args.length > 3 ? args[3] : "256,128").split(",");
    boolean mllib = args.length > 4 && args[4].equals("mllib");
    // spark-submit passes --master as the spark.master property, which SparkConf reads
    String master = new SparkConf().get("spark.master", "local[2]");
    final int inputs = 784;
    final int classes = 10;
    int batch = 128;

    // the executors make the training examples, partition by partition, as they would read
    // them from storage; the one-machine run makes the same ones, in the same order
    int per = m / partitions;
    m = per * partitions;
    List<Example> train = new ArrayList<>(m);
    for (int p = 0; p < partitions; p++) {
      train.addAll(synthetic(per, inputs, classes, 1000 + p));
    }
    List<Example> test = synthetic(m / 5, inputs, classes, 2);
    NetworkSpec.Builder builder = NetworkSpec.builder(inputs).seed(1);
    for (String h : hidden) {
      builder.layer(Integer.parseInt(h.trim()), "relu");
    }
    NetworkSpec spec = builder.layer(classes, "softmax").cost("cce").build();
    Network onSpark = Network.build(spec);
    int P = onSpark.parameterCount();
    System.out.printf("network %s, P = %d parameters, %d examples, batch %d, %d partitions on %s%n",
        spec, P, m, batch, partitions, master);

    // Spark logs every task at INFO: thousands of lines. WARN unless the user chose a level
    // (spark-submit --conf spark.log.level=INFO, or a log4j2 configuration of their own)
    String level = new SparkConf().get("spark.log.level", "WARN");
    SparkSession spark = SparkSession.builder().master(master).appName("ffnn-spark-example")
        .config("spark.ui.enabled", "false").config("spark.log.level", level).getOrCreate();
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Traffic traffic = new Traffic();
      sc.sc().addSparkListener(traffic);
      final int examples = per;
      JavaRDD<Example> rdd = sc.parallelize(java.util.stream.IntStream.range(0, partitions)
          .boxed().toList(), partitions)
          .flatMap(p -> synthetic(examples, inputs, classes, 1000 + p).iterator());
      // spark.ffnn.averaging=K (spark-submit --conf, or -D) trains by periodic averaging
      int averaging = new SparkConf().getInt("spark.ffnn.averaging", 0);
      SparkTrainer trainer = new SparkTrainer(settings(epochs));
      if (averaging > 0) {
        trainer.averaging(averaging);
        System.out.printf("periodic averaging, %d local steps a round%n", averaging);
      }
      History h = trainer.fit(onSpark, rdd);
      Thread.sleep(1000); // the listener bus delivers task ends asynchronously
      int steps = epochs * ((m + batch - 1) / batch);
      h.epochs().forEach(r -> System.out.printf("ffnn on Spark   epoch %d: %.2f s, loss %.4f%n",
          r.epoch(), r.seconds(), r.metrics().get("loss")));
      System.out.printf("ffnn on Spark   test accuracy %.1f %%%n", 100 * accuracy(onSpark, test));
      System.out.printf("bytes per step: %,d returned to the driver + %,d shuffled (Spark's task "
          + "metrics); the partitions' sums alone are 8 P N = %,d%n", traffic.results.get() / steps,
          traffic.shuffled.get() / steps, 8L * P * partitions);
      System.out.printf("broadcast per step: %,d bytes of pieces stored (Spark's block updates, "
          + "the parameters and the step's closure); the parameters alone are 8 P = %,d, "
          + "fetched by each executor%n", traffic.broadcast.get() / steps, 8L * P);

      Network alone = Network.build(spec);
      DMatrixRMaj[] xy = matrices(train, inputs, classes);
      History single = Trainer.builder(settings(epochs)).build()
          .fit(alone, xy[0], xy[1]);
      single.epochs().forEach(r -> System.out.printf(
          "ffnn, one machine epoch %d: %.2f s, loss %.4f%n", r.epoch(), r.seconds(),
          r.metrics().get("loss")));
      System.out.printf("ffnn, one machine test accuracy %.1f %%%n", 100 * accuracy(alone, test));

      if (mllib) {
        int[] layers = new int[hidden.length + 2];
        layers[0] = inputs;
        for (int i = 0; i < hidden.length; i++) {
          layers[i + 1] = Integer.parseInt(hidden[i].trim());
        }
        layers[layers.length - 1] = classes;
        long start = System.nanoTime();
        MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier()
            .setLayers(layers).setBlockSize(batch).setMaxIter(50).setSeed(1)
            .fit(frame(spark, train, partitions));
        double seconds = (System.nanoTime() - start) / 1e9;
        long right = model.transform(frame(spark, test, partitions)).filter("label = prediction")
            .count();
        System.out.printf("MLlib MultilayerPerceptronClassifier (L-BFGS, 50 iterations over the "
            + "whole set): %.2f s, test accuracy %.1f %%%n", seconds, 100.0 * right / test.size());
      }
    } finally {
      spark.stop();
    }
  }

  /** One configuration for both trainers: on Spark and on one machine. */
  private static TrainingConfig settings(int epochs) {
    return TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(epochs).batchSize(128)
        .seed(1).build();
  }

  /** Inputs uniform in [0, 1); the label is the arg max of a fixed random linear map. */
  static List<Example> synthetic(int m, int inputs, int classes, long seed) {
    Random map = new Random(0);
    double[][] W = new double[classes][inputs];
    for (double[] row : W) {
      for (int i = 0; i < inputs; i++) {
        row[i] = map.nextGaussian();
      }
    }
    Random rng = new Random(seed);
    List<Example> out = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      double[] x = new double[inputs];
      for (int i = 0; i < inputs; i++) {
        x[i] = rng.nextDouble();
      }
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = 0;
        for (int i = 0; i < inputs; i++) {
          s += W[c][i] * x[i];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      double[] y = new double[classes];
      y[best] = 1;
      out.add(new Example(x, y));
    }
    return out;
  }

  private static DMatrixRMaj[] matrices(List<Example> data, int inputs, int classes) {
    DMatrixRMaj X = new DMatrixRMaj(inputs, data.size());
    DMatrixRMaj Y = new DMatrixRMaj(classes, data.size());
    for (int j = 0; j < data.size(); j++) {
      for (int i = 0; i < inputs; i++) {
        X.set(i, j, data.get(j).x()[i]);
      }
      for (int i = 0; i < classes; i++) {
        Y.set(i, j, data.get(j).y()[i]);
      }
    }
    return new DMatrixRMaj[] {X, Y};
  }

  private static double accuracy(Network net, List<Example> test) {
    DMatrixRMaj[] xy = matrices(test, net.size(0), net.size(net.depth()));
    return Correct.count(Task.MULTICLASS, net.predict(xy[0]), xy[1], 0.5)
        / (double) test.size();
  }

  private static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, List<Example> data,
      int partitions) {
    List<Row> rows = new ArrayList<>(data.size());
    for (Example e : data) {
      int label = 0;
      while (e.y()[label] != 1) {
        label++;
      }
      rows.add(RowFactory.create(Vectors.dense(e.x()), (double) label));
    }
    StructType schema = new StructType()
        .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType())
        .add("label", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }
}

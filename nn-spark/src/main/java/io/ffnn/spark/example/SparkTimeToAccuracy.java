package io.ffnn.spark.example;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.core.training.TrainingContext;
import io.ffnn.core.training.TrainingListener;
import io.ffnn.spark.Example;
import io.ffnn.spark.SparkTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

/**
 * Time to accuracy on Spark: the scaling data of {@link SparkScaling} (20 Gaussian inputs, the
 * class the sign of a fixed linear map; {@code m} training examples made on the executors, 10,000
 * test examples), the network 20-64-64-2 (ReLU, softmax, cross-entropy), Adam (lr 0.01), batches
 * of 128. For each mode given — {@code exact} (one job a step), {@code avgK} (periodic averaging,
 * K local steps a round), {@code local} (one machine, one thread, the same examples made on
 * the driver), {@code mllib} (MLlib's {@code MultilayerPerceptronClassifier},
 * L-BFGS, the same layers, {@code maxIter} 5, 10, 20, 40, 80 until the target is reached) —
 * prints the test accuracy after each epoch (or fit) and the wall time from the start of the run,
 * stopping at {@code target} or after {@code epochs}.
 *
 * <pre>
 * SparkTimeToAccuracy m partitions epochs target mode…
 * SparkTimeToAccuracy 100000 4 10 0.98 exact avg8 avg32 mllib
 * </pre>
 *
 * <p>The master comes from {@code spark.master} ({@code spark-submit --master}), {@code
 * local[2]} without one.
 */
public final class SparkTimeToAccuracy {

  private SparkTimeToAccuracy() {}

  private static final int INPUTS = 20;
  private static final int TEST = 10_000;

  /** Ends a run once the target is reached. */
  private static final class Reached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Reached() {
      super(null, null, false, false);
    }
  }

  /** The test accuracy after each epoch, and the wall time since the run started. */
  private static final class Accuracy implements TrainingListener {
    final DMatrixRMaj X;
    final int[] labels;
    final double target;
    final long start;
    final String mode;

    Accuracy(DMatrixRMaj X, int[] labels, double target, long start, String mode) {
      this.X = X;
      this.labels = labels;
      this.target = target;
      this.start = start;
      this.mode = mode;
    }

    @Override
    public void epochEnd(TrainingContext context) {
      double accuracy = accuracy(context.network().predict(X), labels);
      System.out.printf("%s epoch %d: test accuracy %.4f at %.1f s (loss %.4f)%n", mode,
          context.epoch(), accuracy, (System.nanoTime() - start) / 1e9,
          context.lastEpoch().get("loss"));
      if (accuracy >= target) {
        throw new Reached();
      }
    }
  }

  static double accuracy(DMatrixRMaj out, int[] labels) {
    int right = 0;
    for (int j = 0; j < labels.length; j++) {
      int predicted = out.get(1, j) > out.get(0, j) ? 1 : 0;
      right += predicted == labels[j] ? 1 : 0;
    }
    return right / (double) labels.length;
  }

  /**
   * Runs the comparison.
   *
   * @param args m, partitions, epochs, target, then the modes
   */
  public static void main(String[] args) {
    int m = Integer.parseInt(args[0]);
    int partitions = Integer.parseInt(args[1]);
    int epochs = Integer.parseInt(args[2]);
    double target = Double.parseDouble(args[3]);
    SparkConf conf = new SparkConf().setAppName("ffnn-time-to-accuracy")
        .set("spark.ui.enabled", "false");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[2]");
    }
    if (!conf.contains("spark.log.level")) {
      conf.set("spark.log.level", "WARN");
    }
    List<Example> test = SparkScaling.generate(999, TEST);
    DMatrixRMaj X = new DMatrixRMaj(INPUTS, TEST);
    int[] labels = new int[TEST];
    for (int j = 0; j < TEST; j++) {
      for (int i = 0; i < INPUTS; i++) {
        X.set(i, j, test.get(j).x()[i]);
      }
      labels[j] = test.get(j).y()[1] > 0.5 ? 1 : 0;
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      int per = m / partitions;
      JavaRDD<Example> data = sc.parallelize(IntStream.range(0, partitions).boxed().toList(),
          partitions).flatMap(p -> SparkScaling.generate(p, per).iterator());
      System.out.printf("%,d examples, %d partitions on %s, target %.3f%n", per * partitions,
          partitions, conf.get("spark.master"), target);
      for (int k = 4; k < args.length; k++) {
        String mode = args[k];
        if (mode.equals("mllib")) {
          mllib(spark, data, X, labels, target);
          continue;
        }
        NetworkSpec spec = NetworkSpec.builder(INPUTS).layer(64, "relu").layer(64, "relu")
            .layer(2, "softmax").cost("cce").seed(1).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
            .epochs(epochs).batchSize(128).seed(3).build();
        long start = System.nanoTime();
        if (mode.equals("local")) {
          // one machine, one thread: the same examples, made on the driver
          DMatrixRMaj trainX = new DMatrixRMaj(INPUTS, per * partitions);
          DMatrixRMaj trainY = new DMatrixRMaj(2, per * partitions);
          int j = 0;
          for (int p = 0; p < partitions; p++) {
            for (Example e : SparkScaling.generate(p, per)) {
              for (int i = 0; i < INPUTS; i++) {
                trainX.set(i, j, e.x()[i]);
              }
              trainY.set(0, j, e.y()[0]);
              trainY.set(1, j, e.y()[1]);
              j++;
            }
          }
          try {
            io.ffnn.core.training.Trainer.builder(config)
                .listener(new Accuracy(X, labels, target, start, mode)).build()
                .fit(Network.build(spec), trainX, trainY);
          } catch (Reached done) {
            // the target was reached
          }
          continue;
        }
        SparkTrainer trainer = new SparkTrainer(config)
            .listener(new Accuracy(X, labels, target, start, mode));
        if (mode.startsWith("avg")) {
          trainer.averaging(Integer.parseInt(mode.substring(3)));
        }
        try {
          trainer.fit(Network.build(spec), data);
        } catch (Reached done) {
          // the target was reached
        }
      }
    } finally {
      spark.stop();
    }
  }

  private static void mllib(SparkSession spark, JavaRDD<Example> data, DMatrixRMaj X,
      int[] labels, double target) {
    StructType schema = new StructType().add("features",
        org.apache.spark.ml.linalg.SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
    Dataset<Row> train = spark.createDataFrame(data.map(e -> RowFactory.create(
        Vectors.dense(e.x()), e.y()[1])), schema).cache();
    train.count();
    List<Row> rows = new ArrayList<>();
    for (int j = 0; j < labels.length; j++) {
      double[] x = new double[INPUTS];
      for (int i = 0; i < INPUTS; i++) {
        x[i] = X.get(i, j);
      }
      rows.add(RowFactory.create(Vectors.dense(x), (double) labels[j]));
    }
    Dataset<Row> testSet = spark.createDataFrame(rows, schema);
    for (int iterations : new int[] {5, 10, 20, 40, 80}) {
      long start = System.nanoTime();
      MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier()
          .setLayers(new int[] {INPUTS, 64, 64, 2}).setMaxIter(iterations).setSeed(1L)
          .setBlockSize(128).fit(train);
      double seconds = (System.nanoTime() - start) / 1e9;
      double accuracy = model.transform(testSet).filter("prediction = label").count()
          / (double) labels.length;
      System.out.printf("mllib maxIter %d: test accuracy %.4f in %.1f s%n", iterations,
          accuracy, seconds);
      if (accuracy >= target) {
        break;
      }
    }
    train.unpersist();
  }
}

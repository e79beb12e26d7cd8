package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Workspace;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.History;
import io.ffnn.core.training.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Example weights on Spark: the gradient of {@code (1/m) Σ w_i loss_i} with the weights
 * divided by their mean, in both modes; equal weights are no weights; bad weights are named.
 */
class ExampleWeightsTest {

  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTrainerTest.context();
  }

  @AfterAll
  static void stop() {
    sc.close();
  }

  private static final Dataset DATA = Generated.blobs(3, 20, 0.6, 1);
  private static final int M = DATA.X().numCols;

  private static NetworkSpec spec() {
    return NetworkSpec.builder(2).layer(6, "tanh").layer(3, "softmax").cost("cce").seed(7)
        .build();
  }

  private static TrainingConfig config(String optimizer, int batchSize) {
    return TrainingConfig.builder().optimizer(Optimizers.fromSpec(optimizer)).epochs(4)
        .batchSize(batchSize).seed(3).build();
  }

  private static List<Example> weighted(double[] w) {
    List<Example> plain = SparkTrainerTest.examples(DATA);
    List<Example> out = new ArrayList<>();
    for (int j = 0; j < plain.size(); j++) {
      out.add(new Example(plain.get(j).x(), plain.get(j).y(), w[j]));
    }
    return out;
  }

  private static double[] weights(long seed) {
    java.util.Random rng = new java.util.Random(seed);
    double[] levels = {0, 0.5, 1, 3};
    double[] w = new double[M];
    for (int j = 0; j < M; j++) {
      w[j] = levels[rng.nextInt(levels.length)];
    }
    return w;
  }

  private static double[] parameters(Network net) {
    double[] p = new double[net.parameterCount()];
    net.getParameters(p);
    return p;
  }

  /**
   * Full-batch training, weighted, in the exact mode over three partitions and in the averaging
   * mode over one: each step is the one computed here by hand, with the backward pass weighing
   * example {@code i} by {@code w_i · m / Σ w}.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void aWeightedStepIsTheWeightedGradientsStep(int averaging) {
    double[] w = weights(5);
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    double[] scaled = new double[M];
    for (int j = 0; j < M; j++) {
      scaled[j] = w[j] * M / sum;
    }
    Network byHand = Network.build(spec());
    Optimizer sgd = Optimizers.fromSpec("sgd(lr=0.3)");
    Workspace ws = byHand.newWorkspace().weighExamples(scaled);
    for (int epoch = 0; epoch < 4; epoch++) {
      byHand.computeGradients(DATA.X(), DATA.Y(), ws);
      sgd.step(byHand, ws);
    }
    Network spark = Network.build(spec());
    SparkTrainer trainer = new SparkTrainer(config("sgd(lr=0.3)", M));
    if (averaging == 1) {
      trainer.averaging(1);
    }
    trainer.fit(spark, sc.parallelize(weighted(w), averaging == 1 ? 1 : 3));
    assertArrayEquals(parameters(byHand), parameters(spark), 1e-12);

    // and the weights matter: unweighted, the run ends elsewhere
    Network plain = Network.build(spec());
    new SparkTrainer(config("sgd(lr=0.3)", M)).fit(plain,
        sc.parallelize(SparkTrainerTest.examples(DATA), 3));
    double far = 0;
    for (int k = 0; k < plain.parameterCount(); k++) {
      far = Math.max(far, Math.abs(parameters(plain)[k] - parameters(spark)[k]));
    }
    org.junit.jupiter.api.Assertions.assertTrue(far > 1e-3, "max difference " + far);
  }

  /** Weights 0 and 1 in one full batch train as the examples of weight 1 alone. */
  @Test
  void weightZeroLeavesAnExampleOut() {
    double[] w = new double[M];
    List<Example> kept = new ArrayList<>();
    List<Example> all = SparkTrainerTest.examples(DATA);
    for (int j = 0; j < M; j++) {
      w[j] = j % 3 == 0 ? 0 : 1;
      if (w[j] == 1) {
        kept.add(all.get(j));
      }
    }
    Network weighted = Network.build(spec());
    new SparkTrainer(config("sgd(lr=0.3)", M)).fit(weighted, sc.parallelize(weighted(w), 2));
    Network subset = Network.build(spec());
    new SparkTrainer(config("sgd(lr=0.3)", kept.size())).fit(subset, sc.parallelize(kept, 2));
    assertArrayEquals(parameters(subset), parameters(weighted), 1e-12);
  }

  /** Every example weighing the same {@code c} trains bit for bit as no weights, both modes. */
  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void equalWeightsAreNoWeights(int averaging) {
    double[] tenth = new double[M];
    java.util.Arrays.fill(tenth, 0.1);
    List<History> histories = new ArrayList<>();
    List<double[]> ends = new ArrayList<>();
    for (List<Example> data : List.of(SparkTrainerTest.examples(DATA), weighted(tenth))) {
      Network net = Network.build(spec());
      SparkTrainer trainer = new SparkTrainer(config("adam(lr=0.02)", 16));
      if (averaging > 0) {
        trainer.averaging(averaging);
      }
      // two partitions: their two sums add the same in either order, so the bits are the run's
      histories.add(trainer.fit(net, sc.parallelize(data, 2)));
      ends.add(parameters(net));
    }
    assertArrayEquals(ends.get(0), ends.get(1), 0.0);
    assertEquals(histories.get(0).get("loss"), histories.get(1).get("loss"));
  }

  @Test
  void badWeightsAreNamedWithTheirExample() {
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      double[] w = new double[M];
      java.util.Arrays.fill(w, 1);
      w[27] = bad;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new SparkTrainer(config("sgd(lr=0.1)", 16)).fit(Network.build(spec()),
              sc.parallelize(weighted(w), 3)));
      // partitions of 20: example 27 is the second partition's eighth
      assertEquals("example 27 (partition 1) has weight " + bad + "; a weight is finite and "
          + ">= 0", e.getMessage());
    }
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> new SparkTrainer(config("sgd(lr=0.1)", 16)).fit(Network.build(spec()),
            sc.parallelize(weighted(new double[M]), 3)));
    assertEquals("every example weighs 0: nothing to train on", zero.getMessage());
  }

  /** Class weights stay single-machine training's; the refusal says what Spark takes. */
  @Test
  void classWeightsAreRefusedSayingWhatToUse() {
    TrainingConfig balanced = TrainingConfig.builder().optimizer(Optimizers.sgd(0.1))
        .classWeights(io.ffnn.core.training.ClassWeights.balanced()).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SparkTrainer(balanced));
    assertTrue(e.getMessage().endsWith("on Spark, weigh the examples themselves: "
        + "Example(x, y, weight), or a weight column"), e.getMessage());
  }

  /** A weight column of a data set: read, checked for presence and type, nulls named. */
  @Test
  void aWeightColumnOfADataSet() {
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    double[] w = weights(9);
    List<Row> rows = new ArrayList<>();
    for (int j = 0; j < M; j++) {
      int label = 0;
      for (int c = 1; c < 3; c++) {
        if (DATA.Y().get(c, j) > DATA.Y().get(label, j)) {
          label = c;
        }
      }
      rows.add(RowFactory.create(Vectors.dense(DATA.X().get(0, j), DATA.X().get(1, j)),
          (double) label, w[j], "heavy"));
    }
    StructType schema = new StructType()
        .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType())
        .add("label", DataTypes.DoubleType).add("w", DataTypes.DoubleType)
        .add("text", DataTypes.StringType);
    org.apache.spark.sql.Dataset<Row> frame = spark.createDataFrame(rows, schema);
    Network fromFrame = Network.build(spec());
    new SparkTrainer(config("sgd(lr=0.3)", 16)).fit(fromFrame, frame.repartition(1), "features",
        "label", "w");
    Network fromExamples = Network.build(spec());
    new SparkTrainer(config("sgd(lr=0.3)", 16)).fit(fromExamples, sc.parallelize(weighted(w),
        1));
    assertArrayEquals(parameters(fromExamples), parameters(fromFrame), 0.0);

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.examples(frame, "features", "label", "weight", fromFrame));
    assertEquals("no weight column 'weight' in " + schema.simpleString(), missing.getMessage());
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.examples(frame, "features", "label", "text", fromFrame));
    assertEquals("the weight column 'text' holds string values; example weights are numbers "
        + ">= 0", text.getMessage());
    org.apache.spark.sql.Dataset<Row> nulls = frame.withColumn("w",
        org.apache.spark.sql.functions.lit(null).cast("double"));
    Exception none = assertThrows(Exception.class, () -> new SparkTrainer(
        config("sgd(lr=0.3)", 16)).fit(Network.build(spec()), nulls, "features", "label", "w"));
    org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(none.getMessage())
        .contains("has no weight"), none.getMessage());
  }

  /** The by-hand reference itself: the workspace weighs columns as documented. */
  @Test
  void theWorkspaceWeighsColumns() {
    Network net = Network.build(spec());
    Workspace ws = net.newWorkspace();
    DMatrixRMaj X = DATA.X();
    net.computeGradients(X, DATA.Y(), ws);
    double[] g1 = new double[net.parameterCount()];
    ws.addGradientsTo(g1, 1);
    double[] two = new double[M];
    java.util.Arrays.fill(two, 2);
    net.computeGradients(X, DATA.Y(), ws.weighExamples(two));
    double[] g2 = new double[net.parameterCount()];
    ws.addGradientsTo(g2, 0.5);
    assertArrayEquals(g1, g2, 1e-15);
  }
}

package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML contract of ffnn's stages: a probabilistic classifier (rawPrediction,
 * probability, thresholds) that Spark's evaluators score, example weights, and each wrong
 * column named when the stage sees the schema.
 */
class SparkMlContractTest {

  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("ffnn-ml-contract")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Two overlapping blobs as raw columns x1, x2, a string class ("no", "yes") and a weight. */
  private static org.apache.spark.sql.Dataset<Row> answers(long seed) {
    return answers(spark, seed);
  }

  /** {@link #answers(long)} in another session. */
  static org.apache.spark.sql.Dataset<Row> answers(SparkSession spark, long seed) {
    Dataset data = Generated.blobs(2, 80, 1.2, seed);
    java.util.Random rng = new java.util.Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int j = 0; j < data.X().numCols; j++) {
      boolean yes = data.Y().get(1, j) > data.Y().get(0, j);
      rows.add(RowFactory.create(data.X().get(0, j), data.X().get(1, j), yes ? "yes" : "no",
          (double) rng.nextInt(3)));
    }
    StructType schema = new StructType().add("x1", DataTypes.DoubleType)
        .add("x2", DataTypes.DoubleType).add("answer", DataTypes.StringType)
        .add("w", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }

  static PipelineStage[] stages(FfnnClassifier ffnn) {
    return new PipelineStage[] {new StringIndexer().setInputCol("answer").setOutputCol("label")
        .setStringOrderType("alphabetAsc"), new VectorAssembler()
        .setInputCols(new String[] {"x1", "x2"}).setOutputCol("features"), ffnn};
  }

  private static FfnnClassifier classifier() {
    return new FfnnClassifier().setLayers(8).setActivation("tanh").setOptimizer("adam(lr=0.05)")
        .setEpochs(10).setBatchSize(16).setSeed(4);
  }

  /**
   * StringIndexer → VectorAssembler → FfnnClassifier, scored by both evaluators, saved and
   * loaded: the class names stay, the scores stay, and the columns mean what Spark says —
   * rawPrediction the logits, probability the network's own softmax of them (bit for bit what
   * it predicts), prediction their arg max.
   */
  @Test
  void aBinaryPipelineIsScoredByBothEvaluatorsAndKeepsItsNames() throws Exception {
    PipelineModel fitted = new Pipeline().setStages(stages(classifier())).fit(answers(1));
    String saved = dir.resolve("answers").toUri().toString();
    fitted.write().save(saved);
    PipelineModel loaded = PipelineModel.load(saved);
    BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator();
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
        .setMetricName("accuracy");
    List<Double> scores = new ArrayList<>();
    for (PipelineModel model : List.of(fitted, loaded)) {
      FfnnClassificationModel ffnn = (FfnnClassificationModel) model.stages()[2];
      assertEquals(List.of("no", "yes"), ffnn.model().names().classes());
      assertEquals(2, ffnn.numClasses());
      assertEquals(2, ffnn.numFeatures());
      org.apache.spark.sql.Dataset<Row> out = model.transform(answers(2)).cache();
      double area = auc.evaluate(out);
      double right = accuracy.evaluate(out);
      // the blobs overlap: neither perfect nor chance
      assertTrue(area > 0.8 && area < 1, "area under ROC " + area);
      assertTrue(right > 0.7 && right < 1, "accuracy " + right);
      scores.add(area);
      scores.add(right);
      org.apache.spark.ml.attribute.NominalAttribute names =
          (org.apache.spark.ml.attribute.NominalAttribute) org.apache.spark.ml.attribute
              .Attribute.fromStructField(out.schema().apply("prediction"));
      assertArrayEquals(new String[] {"no", "yes"}, names.values().get());
      Network net = ffnn.network();
      for (Row r : out.select("features", "rawPrediction", "probability", "prediction")
          .collectAsList()) {
        double[] x = ((Vector) r.get(0)).toArray();
        double[] raw = ((Vector) r.get(1)).toArray();
        double[] p = ((Vector) r.get(2)).toArray();
        DMatrixRMaj expected = net.predict(DMatrixRMaj.wrap(2, 1, x.clone()));
        assertArrayEquals(expected.data, p, 0.0, "probability of " + r);
        double[] softmax = {Math.exp(raw[0]), Math.exp(raw[1])};
        double sum = softmax[0] + softmax[1];
        assertArrayEquals(new double[] {softmax[0] / sum, softmax[1] / sum}, p, 1e-12);
        assertEquals(p[1] > p[0] ? 1.0 : 0.0, r.getDouble(3), 0.0);
      }
      out.unpersist();
    }
    assertEquals(scores.subList(0, 2), scores.subList(2, 4));
  }

  /**
   * Thresholds, Spark's semantics: the prediction is the arg max of {@code p_k / t_k}; set on
   * the estimator they pass to the model; a wrong number of them is refused.
   */
  @Test
  void thresholdsMoveThePrediction() {
    org.apache.spark.sql.Dataset<Row> test = answers(2);
    PipelineModel fitted = new Pipeline().setStages(stages(classifier()
        .setThresholds(new double[] {0.05, 0.95}))).fit(answers(1));
    FfnnClassificationModel ffnn = (FfnnClassificationModel) fitted.stages()[2];
    assertArrayEquals(new double[] {0.05, 0.95}, ffnn.getThresholds(), 0.0);
    List<Row> rows = fitted.transform(test).select("probability", "prediction").collectAsList();
    long moved = 0;
    for (Row r : rows) {
      double[] p = ((Vector) r.get(0)).toArray();
      double expected = p[1] / 0.95 > p[0] / 0.05 ? 1 : 0;
      assertEquals(expected, r.getDouble(1), 0.0, "probabilities " + java.util.Arrays.toString(p));
      moved += (p[1] > p[0] ? 1 : 0) != expected ? 1 : 0;
    }
    assertTrue(moved > 0, "the thresholds changed no prediction");
    Exception three = assertThrows(IllegalArgumentException.class,
        () -> ffnn.setThresholds(new double[] {0.3, 0.3, 0.4}));
    assertTrue(three.getMessage().contains("numClasses=2, but thresholds has length 3"),
        three.getMessage());
  }

  /**
   * A model file with one sigmoid output is a binary classifier: rawPrediction {@code [−z, z]},
   * probability {@code [1 − p, p]}; an output that is not a classifier's is refused, named.
   */
  @Test
  void oneSigmoidOutputIsABinaryClassifier() {
    Network net = Network.build(NetworkSpec.builder(2).layer(4, "tanh").layer(1, "sigmoid")
        .cost("bce").seed(3).build());
    FfnnClassificationModel model = new FfnnClassificationModel("sigmoid", net);
    assertEquals(2, model.numClasses());
    List<Row> rows = List.of(RowFactory.create(Vectors.dense(0.5, -1)),
        RowFactory.create(Vectors.dense(-2, 0.25)));
    StructType schema = new StructType().add("features",
        org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    for (Row r : model.transform(spark.createDataFrame(rows, schema))
        .select("features", "rawPrediction", "probability").collectAsList()) {
      double[] x = ((Vector) r.get(0)).toArray();
      double p = net.predict(DMatrixRMaj.wrap(2, 1, x.clone())).get(0, 0);
      double[] raw = ((Vector) r.get(1)).toArray();
      assertEquals(-raw[0], raw[1], 0.0);
      assertEquals(p, 1 / (1 + Math.exp(-raw[1])), 1e-15);
      assertArrayEquals(new double[] {1 - p, p}, ((Vector) r.get(2)).toArray(), 0.0);
    }
    IllegalArgumentException relu = assertThrows(IllegalArgumentException.class,
        () -> new FfnnClassificationModel("relu", Network.build(NetworkSpec.builder(2)
            .layer(3, "relu").cost("mse").build())));
    assertEquals("a classification model's output layer is a softmax over k >= 2 classes or "
        + "one sigmoid unit; this network's is relu over 3 units", relu.getMessage());
  }

  /**
   * weightCol: weights 0 and 1 in full batches train as the rows of weight 1 alone; equal
   * weights train as none, bit for bit; a weight column that is missing or holds strings is
   * named at fit.
   */
  @Test
  void weightsOfAColumnWeighTheExamples() {
    org.apache.spark.sql.Dataset<Row> data = new VectorAssembler()
        .setInputCols(new String[] {"x1", "x2"}).setOutputCol("features")
        .transform(new StringIndexer().setInputCol("answer").setOutputCol("label")
            .setStringOrderType("alphabetAsc").fit(answers(1)).transform(answers(1)))
        .withColumn("keep", functions.when(functions.col("w").equalTo(0), 0.0).otherwise(1.0))
        .repartition(1).cache();
    long m = data.count();
    long kept = data.filter("keep = 1").count();
    FfnnClassifier sgd = new FfnnClassifier().setLayers(6).setActivation("tanh")
        .setOptimizer("sgd(lr=0.5)").setEpochs(5).setSeed(2);
    Network weighted = sgd.copy(new org.apache.spark.ml.param.ParamMap())
        .setBatchSize((int) m).setWeightCol("keep").fit(data).network();
    Network subset = sgd.copy(new org.apache.spark.ml.param.ParamMap())
        .setBatchSize((int) kept).fit(data.filter("keep = 1")).network();
    assertArrayEquals(parameters(subset), parameters(weighted), 1e-12);
    Network all = sgd.copy(new org.apache.spark.ml.param.ParamMap()).setBatchSize((int) m)
        .fit(data).network();
    assertTrue(maxDifference(all, weighted) > 1e-3, "the weights changed nothing");

    Network threes = sgd.copy(new org.apache.spark.ml.param.ParamMap()).setBatchSize(16)
        .setWeightCol("three").fit(data.withColumn("three", functions.lit(3))).network();
    Network none = sgd.copy(new org.apache.spark.ml.param.ParamMap()).setBatchSize(16)
        .fit(data).network();
    assertArrayEquals(parameters(none), parameters(threes), 0.0);

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> sgd.copy(new org.apache.spark.ml.param.ParamMap()).setWeightCol("weight")
            .fit(data));
    assertTrue(missing.getMessage().startsWith("no weight column 'weight' in struct<x1:double"),
        missing.getMessage());
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
        () -> sgd.copy(new org.apache.spark.ml.param.ParamMap()).setWeightCol("answer")
            .fit(data));
    assertEquals("the weight column 'answer' holds string values; example weights are numbers "
        + ">= 0", text.getMessage());
    // the regressor takes weights as well
    Network regression = new FfnnRegressor().setLayers(4).setEpochs(2).setBatchSize((int) m)
        .setOptimizer("sgd(lr=0.1)").setWeightCol("keep").fit(data).network();
    Network regressionSubset = new FfnnRegressor().setLayers(4).setEpochs(2)
        .setBatchSize((int) kept).setOptimizer("sgd(lr=0.1)").fit(data.filter("keep = 1"))
        .network();
    // the label is standardised over all rows for one and over the kept rows for the other
    assertTrue(maxDifference(regression, regressionSubset) > 0);
    data.unpersist();
  }

  private static double[] parameters(Network net) {
    double[] p = new double[net.parameterCount()];
    net.getParameters(p);
    return p;
  }

  private static double maxDifference(Network a, Network b) {
    double[] pa = parameters(a);
    double[] pb = parameters(b);
    double d = 0;
    for (int k = 0; k < pa.length; k++) {
      d = Math.max(d, Math.abs(pa[k] - pb[k]));
    }
    return d;
  }

  /**
   * Each wrong column, for the classifier and the regressor, named when the stage sees the
   * schema: no Spark job runs before the message.
   */
  @Test
  void wrongColumnsAreNamedAtFitAndTransform() throws Exception {
    org.apache.spark.sql.Dataset<Row> raw = answers(3);
    org.apache.spark.sql.Dataset<Row> assembled = new VectorAssembler()
        .setInputCols(new String[] {"x1", "x2"}).setOutputCol("features").transform(raw);
    String schema = assembled.schema().simpleString();
    int[] jobs = {0};
    org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler
        .SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart event) {
        jobs[0]++;
      }
    };
    spark.sparkContext().addSparkListener(counter);
    try {
      // features: missing, and not a vector
      assertEquals("no features column 'features' in " + raw.schema().simpleString(),
          assertThrows(IllegalArgumentException.class, () -> new FfnnClassifier().fit(raw))
              .getMessage());
      assertEquals("the features column 'x1' holds double values; ffnn reads a vector column: "
          + "assemble the features first, e.g. with a VectorAssembler",
          assertThrows(IllegalArgumentException.class, () -> new FfnnRegressor()
              .setFeaturesCol("x1").setLabelCol("x2").fit(raw)).getMessage());
      // labels: missing, and strings (the classifier says how to index them)
      assertEquals("no label column 'label' in " + schema, assertThrows(
          IllegalArgumentException.class, () -> new FfnnRegressor().fit(assembled))
          .getMessage());
      assertEquals("the label column 'answer' holds string values; ffnn's regressor takes "
          + "numbers", assertThrows(IllegalArgumentException.class, () -> new FfnnRegressor()
          .setLabelCol("answer").fit(assembled)).getMessage());
      assertTrue(assertThrows(IllegalArgumentException.class, () -> new FfnnClassifier()
          .setLabelCol("answer").fit(assembled)).getMessage().contains("StringIndexer"));
      // output columns that exist already
      Exception exists = assertThrows(Exception.class, () -> new FfnnClassifier()
          .setLabelCol("w").setRawPredictionCol("x1").fit(assembled));
      assertTrue(exists.getMessage().contains("x1"), exists.getMessage());
      assertEquals(0, waitForJobs(jobs), "jobs run before the errors");
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    // a features width the model does not take, from the column's ML attribute: classifier
    // and regressor
    org.apache.spark.sql.Dataset<Row> three = new VectorAssembler()
        .setInputCols(new String[] {"x1", "x2", "w"}).setOutputCol("features").transform(raw);
    FfnnClassificationModel classifier = new FfnnClassifier().setLabelCol("w").setLayers(2)
        .setEpochs(1).fit(assembled);
    FfnnRegressionModel regressor = new FfnnRegressor().setLabelCol("w").setLayers(2)
        .setEpochs(1).fit(assembled);
    for (org.apache.spark.ml.Transformer model : List.of(classifier, regressor)) {
      assertEquals("the features column 'features' holds vectors of 3 entries (its ML "
          + "attribute says); the network takes 2", assertThrows(IllegalArgumentException.class,
          () -> model.transform(three)).getMessage());
    }
  }

  /** The jobs counted so far, once the listener bus has delivered its events. */
  private static int waitForJobs(int[] jobs) throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty();
    return jobs[0];
  }
}

package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimator/model pair inside a Spark ML pipeline. */
class FfnnClassifierTest {

  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("ffnn-ml-test")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Three Gaussian blobs as raw columns x1, x2 and a class index label. */
  private static org.apache.spark.sql.Dataset<Row> blobs(long seed) {
    Dataset data = Generated.blobs(3, 60, 0.5, seed);
    List<Row> rows = new ArrayList<>();
    for (int j = 0; j < data.X().numCols; j++) {
      int label = 0;
      for (int c = 1; c < 3; c++) {
        if (data.Y().get(c, j) > data.Y().get(label, j)) {
          label = c;
        }
      }
      rows.add(RowFactory.create(data.X().get(0, j), data.X().get(1, j), (double) label));
    }
    StructType schema = new StructType().add("x1", DataTypes.DoubleType)
        .add("x2", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }

  /** y = 100 + 30 x1 − 20 x2 + noise: a label far from 0 and 1, in its own units. */
  private static org.apache.spark.sql.Dataset<Row> line(long seed, int m) {
    java.util.Random rng = new java.util.Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      double x1 = rng.nextGaussian();
      double x2 = rng.nextGaussian();
      rows.add(RowFactory.create(x1, x2, 100 + 30 * x1 - 20 * x2 + rng.nextGaussian()));
    }
    StructType schema = new StructType().add("x1", DataTypes.DoubleType)
        .add("x2", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }

  /**
   * FfnnRegressor in a pipeline: RegressionEvaluator scores it near the noise's level, and the
   * pipeline saves and loads with the same predictions.
   */
  @Test
  void theRegressorWorksInAPipelineWithRegressionEvaluator() throws Exception {
    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"x1", "x2"})
        .setOutputCol("features");
    FfnnRegressor ffnn = new FfnnRegressor().setLayers(16).setActivation("tanh")
        .setOptimizer("adam(lr=0.02)").setEpochs(30).setBatchSize(16).setSeed(1);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {assembler, ffnn})
        .fit(line(1, 400));
    org.apache.spark.sql.Dataset<Row> test = line(2, 200);
    org.apache.spark.ml.evaluation.RegressionEvaluator rmse =
        new org.apache.spark.ml.evaluation.RegressionEvaluator().setMetricName("rmse");
    double error = rmse.evaluate(fitted.transform(test));
    // the label's standard deviation is 36; its noise 1
    assertTrue(error < 3, "rmse " + error);
    Path saved = dir.resolve("regressor");
    fitted.write().save(saved.toString());
    PipelineModel loaded = PipelineModel.load(saved.toString());
    List<Row> a = fitted.transform(test).select("prediction").collectAsList();
    List<Row> b = loaded.transform(test).select("prediction").collectAsList();
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).getDouble(0), b.get(i).getDouble(0), 0.0);
    }
    FfnnRegressionModel model = (FfnnRegressionModel) loaded.stages()[1];
    assertEquals(2, model.numFeatures());
    assertTrue(new FfnnRegressor().setLayers(8, 4).explainParams().contains("current: [8, 4]"));
  }

  /** The blobs with the class as a name, as raw data come. */
  private static org.apache.spark.sql.Dataset<Row> namedBlobs(long seed) {
    return blobs(seed).withColumn("kind", functions.element_at(functions.array(
        functions.lit("apple"), functions.lit("pear"), functions.lit("plum")),
        functions.col("label").cast("int").plus(1))).drop("label");
  }

  /**
   * StringIndexer → VectorAssembler → FfnnClassifier: the model keeps the label's class names
   * (through Spark ML's save and load too), writes them as the prediction column's ML attribute,
   * which IndexToString reads, and Spark's evaluators score it.
   */
  @Test
  void classNamesFromAStringIndexerTravelWithTheModel() throws Exception {
    org.apache.spark.ml.feature.StringIndexer indexer = new org.apache.spark.ml.feature
        .StringIndexer().setInputCol("kind").setOutputCol("kindIndex")
        .setStringOrderType("alphabetAsc");
    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"x1", "x2"})
        .setOutputCol("features");
    FfnnClassifier ffnn = new FfnnClassifier().setLabelCol("kindIndex").setLayers(16)
        .setActivation("tanh").setOptimizer("adam(lr=0.05)").setEpochs(15).setBatchSize(16)
        .setSeed(1);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {indexer, assembler,
        ffnn}).fit(namedBlobs(1));
    Path saved = dir.resolve("named");
    fitted.write().save(saved.toString());
    PipelineModel loaded = PipelineModel.load(saved.toString());
    for (PipelineModel model : List.of(fitted, loaded)) {
      FfnnClassificationModel classifier = (FfnnClassificationModel) model.stages()[2];
      assertEquals(List.of("apple", "pear", "plum"), classifier.model().names().classes());
      assertEquals("kindIndex", classifier.getOrDefault(classifier.labelCol()));
      org.apache.spark.sql.Dataset<Row> out = model.transform(namedBlobs(2));
      org.apache.spark.ml.attribute.NominalAttribute attribute =
          (org.apache.spark.ml.attribute.NominalAttribute) org.apache.spark.ml.attribute
              .Attribute.fromStructField(out.schema().apply("prediction"));
      assertArrayEquals(new String[] {"apple", "pear", "plum"}, attribute.values().get());
      // IndexToString reads the names from the prediction column's attribute
      List<Row> named = new org.apache.spark.ml.feature.IndexToString().setInputCol("prediction")
          .setOutputCol("predictedKind").transform(out).select("kind", "predictedKind")
          .collectAsList();
      long right = named.stream().filter(r -> r.getString(0).equals(r.getString(1))).count();
      assertTrue(right > 0.9 * named.size(), right + " of " + named.size());
      double accuracy = new org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator()
          .setLabelCol("kindIndex").setMetricName("accuracy").evaluate(out);
      assertEquals((double) right / named.size(), accuracy, 1e-12);
    }
  }

  /** A string label, a features width the network does not take, explained params. */
  @Test
  void wrongColumnsAreNamedBeforeAnyTaskRuns() {
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
        () -> new FfnnClassifier().setLabelCol("kind").fit(new VectorAssembler()
            .setInputCols(new String[] {"x1", "x2"}).setOutputCol("features")
            .transform(namedBlobs(1))));
    assertEquals("the label column 'kind' holds string values; ffnn's classifier takes class "
        + "indices 0 … k-1: index the labels first, with a StringIndexer (whose class names the "
        + "model keeps)", text.getMessage());

    org.apache.spark.sql.Dataset<Row> two = new VectorAssembler()
        .setInputCols(new String[] {"x1", "x2"}).setOutputCol("features").transform(blobs(1));
    FfnnClassificationModel model = new FfnnClassifier().setLayers(4).setEpochs(1).fit(two);
    org.apache.spark.sql.Dataset<Row> three = new VectorAssembler()
        .setInputCols(new String[] {"x1", "x2", "label"}).setOutputCol("features")
        .transform(blobs(1));
    IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
        () -> model.transform(three));
    assertEquals("the features column 'features' holds vectors of 3 entries (its ML attribute "
        + "says); the network takes 2", width.getMessage());

    String explained = new FfnnClassifier().setLayers(16, 8).explainParams();
    assertTrue(explained.contains("layers: the hidden layers' sizes (default: [32], current: "
        + "[16, 8])"), explained);
  }

  @Test
  void trainsInsideAPipelineAndItsModelTransformsATestSet() throws Exception {
    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"x1", "x2"})
        .setOutputCol("features");
    FfnnClassifier ffnn = new FfnnClassifier().setLayers(16).setActivation("tanh")
        .setOptimizer("adam(lr=0.05)").setEpochs(15).setBatchSize(16).setSeed(1);
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {assembler, ffnn})
        .fit(blobs(1));

    List<Row> out = model.transform(blobs(2)).select("label", "prediction", "probability")
        .collectAsList();
    assertEquals(180, out.size());
    long right = 0;
    for (Row r : out) {
      Vector p = (Vector) r.get(2);
      assertEquals(3, p.size());
      assertEquals(1.0, Arrays.stream(p.toArray()).sum(), 1e-12);
      assertEquals((double) p.argmax(), r.getDouble(1), 0.0);
      right += r.getDouble(0) == r.getDouble(1) ? 1 : 0;
    }
    assertTrue(right >= 0.9 * 180, right + " of 180 test examples right");

    // ffnn's own model file round trip gives the same predictions
    FfnnClassificationModel trained = (FfnnClassificationModel) model.stages()[1];
    Path file = dir.resolve("blobs.ffnn");
    trained.save(file);
    FfnnClassificationModel loaded = FfnnClassificationModel.load(file);
    org.apache.spark.sql.Dataset<Row> assembled = assembler.transform(blobs(2));
    List<Row> again = loaded.transform(assembled).select("probability").collectAsList();
    for (int i = 0; i < again.size(); i++) {
      assertArrayEquals(((Vector) out.get(i).get(2)).toArray(),
          ((Vector) again.get(i).get(0)).toArray(), 0.0);
    }
  }

  @Test
  void aFittedPipelineSavesAndLoadsWithSparkMlPersistence() throws Exception {
    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"x1", "x2"})
        .setOutputCol("features");
    FfnnClassifier ffnn = new FfnnClassifier().setLayers(8).setActivation("tanh")
        .setOptimizer("adam(lr=0.05)").setEpochs(3).setBatchSize(16).setSeed(2)
        .setPredictionCol("guess");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, ffnn});
    PipelineModel model = pipeline.fit(blobs(1));
    String saved = dir.resolve("pipeline-model").toUri().toString();
    model.write().save(saved);
    PipelineModel loaded = PipelineModel.load(saved);
    FfnnClassificationModel stage = (FfnnClassificationModel) loaded.stages()[1];
    assertEquals(model.stages()[1].uid(), stage.uid());
    assertEquals("guess", stage.getOrDefault(stage.predictionCol()));
    List<Row> before = model.transform(blobs(2)).select("probability", "guess").collectAsList();
    List<Row> after = loaded.transform(blobs(2)).select("probability", "guess").collectAsList();
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(((Vector) before.get(i).get(0)).toArray(),
          ((Vector) after.get(i).get(0)).toArray(), 0.0, "row " + i);
      assertEquals(before.get(i).getDouble(1), after.get(i).getDouble(1), 0.0);
    }
    // the unfitted pipeline too: its estimator comes back with its params
    String estimator = dir.resolve("pipeline").toUri().toString();
    pipeline.write().save(estimator);
    FfnnClassifier back = (FfnnClassifier) Pipeline.load(estimator).getStages()[1];
    assertEquals(ffnn.uid(), back.uid());
    assertArrayEquals(new int[] {8}, back.getOrDefault(back.layers()));
    assertEquals("adam(lr=0.05)", back.getOrDefault(back.optimizer()));
    assertEquals(3, (int) back.getOrDefault(back.epochs()));
    // the model file inside is ffnn's own, readable without Spark
    assertEquals(stage.network().spec().toString(), io.ffnn.core.model.ModelFile.load(
        dir.resolve("pipeline-model").resolve("stages").resolve("1_" + stage.uid())
            .resolve("ffnn").resolve("model.ffnn")).network().spec().toString());
  }

  @Test
  void missingColumnsAndLabelsThatAreNotClassIndicesAreNamed() {
    org.apache.spark.sql.Dataset<Row> raw = blobs(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FfnnClassifier().fit(raw));
    assertTrue(e.getMessage().startsWith("no features column 'features' in struct<x1:double"),
        e.getMessage());
    org.apache.spark.sql.Dataset<Row> features = new VectorAssembler()
        .setInputCols(new String[] {"x1", "x2"}).setOutputCol("features")
        .transform(raw.withColumn("label", raw.col("label").plus(0.5)));
    Exception bad = assertThrows(Exception.class,
        () -> new FfnnClassifier().setEpochs(1).fit(features));
    assertTrue(bad.getMessage().contains("label 0.5 is not a class index 0 … 2"),
        bad.getMessage());
  }

  /**
   * A model trained on a table with string columns and missing values, as the tool trains one:
   * loaded into Spark ML, it reads the raw columns by name (in another order, with an extra
   * one, nulls and a category never seen) and predicts what the model itself predicts; Spark ML
   * persistence keeps the encoding; a missing column is named.
   */
  @Test
  void aModelOfATableReadsItsRawColumnsByName() throws Exception {
    java.util.Random rng = new java.util.Random(4);
    StringBuilder sb = new StringBuilder("size,colour,kind\n");
    for (int i = 0; i < 240; i++) {
      int k = i % 2;
      sb.append(rng.nextInt(12) == 0 ? "NA" : String.format(java.util.Locale.ROOT, "%.2f",
          (k == 0 ? 1 : 4) + 0.5 * rng.nextGaussian())).append(',')
          .append(rng.nextInt(12) == 0 ? "" : k == 0 ? "red" : "blue").append(',')
          .append(k == 0 ? "apple" : "plum").append('\n');
    }
    Path csv = java.nio.file.Files.writeString(dir.resolve("fruit.csv"), sb);
    Dataset train = io.ffnn.core.data.Csv.read(csv,
        io.ffnn.core.data.CsvFormat.labelColumn("kind"));
    io.ffnn.core.data.ColumnEncoding encoding = train.encoding().orElseThrow();
    io.ffnn.core.data.Scaler scaler = encoding.fitScaler(io.ffnn.core.data.Scaler.Kind.STANDARD,
        train.X());
    io.ffnn.core.Network net = io.ffnn.core.Network.build(io.ffnn.core.NetworkSpec
        .builder(train.features()).layer(6, "tanh").layer(2, "softmax").cost("cce").seed(1)
        .build());
    io.ffnn.core.training.Trainer.builder(io.ffnn.core.training.TrainingConfig.builder()
        .optimizer(io.ffnn.core.optimizers.Optimizers.adam(0.05)).epochs(20).seed(2).build())
        .build().fit(net, scaler.transform(train.X()), train.Y());
    io.ffnn.core.model.Model model = new io.ffnn.core.model.Model(net, scaler, null,
        io.ffnn.core.model.DataNames.of(train), encoding);
    Path file = dir.resolve("fruit.ffnn");
    io.ffnn.core.model.ModelFile.save(model, file);

    List<Row> rows = List.of(RowFactory.create("blue", 4.1, "x"),
        RowFactory.create("red", null, "y"), RowFactory.create(null, 1.2, "z"),
        RowFactory.create("green", 3.9, "w"));
    StructType schema = new StructType().add("colour", DataTypes.StringType)
        .add("size", DataTypes.DoubleType).add("note", DataTypes.StringType);
    org.apache.spark.sql.Dataset<Row> frame = spark.createDataFrame(rows, schema);
    FfnnClassificationModel spark1 = FfnnClassificationModel.load(file);
    List<Row> out = spark1.transform(frame).select("probability", "prediction").collectAsList();
    List<java.util.Map<String, Object>> same = new ArrayList<>();
    for (Row r : rows) {
      java.util.Map<String, Object> m = new java.util.HashMap<>();
      m.put("colour", r.get(0));
      m.put("size", r.get(1));
      same.add(m);
    }
    org.ejml.data.DMatrixRMaj expected = model.predictRows(same);
    for (int i = 0; i < rows.size(); i++) {
      double[] p = ((Vector) out.get(i).get(0)).toArray();
      assertArrayEquals(new double[] {expected.get(0, i), expected.get(1, i)}, p, 1e-12);
    }
    // plum (class 1), apple (class 0)
    assertEquals(1.0, out.get(0).getDouble(1), 0.0);
    assertEquals(0.0, out.get(2).getDouble(1), 0.0);

    String saved = dir.resolve("fruit-model").toUri().toString();
    spark1.write().save(saved);
    FfnnClassificationModel again = FfnnClassificationModel.load(saved);
    assertEquals(encoding, again.model().encoding());
    assertEquals(scaler, again.model().scaler());
    List<Row> back = again.transform(frame).select("probability").collectAsList();
    for (int i = 0; i < rows.size(); i++) {
      assertArrayEquals(((Vector) out.get(i).get(0)).toArray(),
          ((Vector) back.get(i).get(0)).toArray(), 0.0);
    }
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> spark1.transform(frame.drop("size")));
    assertTrue(missing.getMessage().startsWith("the model reads column 'size' (it was trained on "
        + "a table: 2 columns -> 3 inputs"), missing.getMessage());
  }
}

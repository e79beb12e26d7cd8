package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Checkpoint;
import io.ffnn.core.training.EarlyStopping;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Progress;
import io.ffnn.core.training.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark page's code (docs/spark.md), as it stands there: DocsCodeBlocksTest holds the page's
 * blocks to these lines, and these tests run them on a local master.
 */
class SparkDocsTest {

  @TempDir
  Path dir;

  /** Training with early stopping, a checkpoint on a Hadoop path, and the resume after it. */
  @Test
  void aRunCheckpointsAndResumes() throws Exception {
    List<Example> examples = SparkTrainerTest.examples(Generated.spirals(2, 100, 0.1, 3));
    Network network = Network.build(NetworkSpec.builder(2).layer(8, "tanh").layer(2, "softmax")
        .cost("cce").seed(2).build());
    String checkpointPath = dir.resolve("run.ckpt").toUri().toString();
    try (JavaSparkContext sc = SparkTrainerTest.context()) {
      TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(5)
          .batchSize(128).seed(1).build();          // the same configuration Trainer takes
      JavaRDD<Example> data = sc.parallelize(examples, 4);   // Example(x, y[, weight])
      History history = new SparkTrainer(config)
          .earlyStopping(EarlyStopping.minimize("loss").patience(3))   // on the driver
          .checkpoint(checkpointPath, 1)   // hdfs://…, s3a://…, file:/…: any Hadoop file system
          .listener(Progress.lines(System.out))
          .fit(network, data);
      // after a crash: the last checkpoint, trained on to the end of the run
      Checkpoint last = SparkTrainer.loadCheckpoint(checkpointPath, sc);
      History resumed = new SparkTrainer(config).resume(last, data);
      assertEquals(5, history.epochs().size());
      assertEquals(5, last.history().size());
      assertEquals(history.get("loss"), resumed.get("loss"));
    }
  }

  /** The pipeline, scored, saved and loaded on Hadoop paths, and as a bare model file. */
  @Test
  void aPipelineIsScoredSavedAndLoaded() throws Exception {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("ffnn-docs")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    try {
      Dataset<Row> training = labelled(SparkMlContractTest.answers(spark, 1));
      Dataset<Row> test = labelled(SparkMlContractTest.answers(spark, 2));
      String path = dir.resolve("blobs").toUri().toString();
      Path file = dir.resolve("model.ffnn");
      PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
          new VectorAssembler().setInputCols(new String[] {"x1", "x2"}).setOutputCol("features"),
          new FfnnClassifier().setLayers(64, 64).setOptimizer("adam(lr=0.01)").setEpochs(20)})
          .fit(training);
      model.transform(test).select("label", "prediction", "probability").show();
      double auc = new BinaryClassificationEvaluator().evaluate(model.transform(test));  // 2 classes
      model.write().overwrite().save(path);   // Spark ML persistence, on any Hadoop file system
      PipelineModel again = PipelineModel.load(path);
      ((FfnnClassificationModel) model.stages()[1]).save(file);  // the bare model file
      assertTrue(auc > 0.8, "area under ROC " + auc);
      List<Row> a = model.transform(test).select("probability").collectAsList();
      List<Row> b = again.transform(test).select("probability").collectAsList();
      for (int i = 0; i < a.size(); i++) {
        assertArrayEquals(((Vector) a.get(i).get(0)).toArray(),
            ((Vector) b.get(i).get(0)).toArray(), 0.0);
      }
      assertEquals(((FfnnClassificationModel) model.stages()[1]).network().spec().toString(),
          FfnnClassificationModel.load(file).network().spec().toString());
    } finally {
      spark.stop();
    }
  }

  /** The answers with a 0/1 label: 1 for "yes". */
  private static Dataset<Row> labelled(Dataset<Row> answers) {
    return answers.withColumn("label", functions.when(functions.col("answer").equalTo("yes"), 1.0)
        .otherwise(0.0));
  }
}

package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML pipeline on executors in JVMs of their own: what travels (the estimator's params,
 * the model's description, the uid) arrives whole.
 */
class ClusterPipelineTest {

  @TempDir
  Path dir;

  /**
   * StringIndexer → VectorAssembler → FfnnClassifier, trained by periodic averaging over two
   * executors, scored by BinaryClassificationEvaluator, saved and loaded: the executors'
   * probabilities are the driver's network's, bit for bit, and the class names stay.
   */
  @Test
  void aPipelineTrainsByAveragingAndPredictsOnTwoExecutors() throws Exception {
    try (JavaSparkContext sc = LocalCluster.start(2)) {
      SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
      FfnnClassifier ffnn = new FfnnClassifier().setLayers(8).setActivation("tanh")
          .setOptimizer("adam(lr=0.05)").setEpochs(10).setBatchSize(8).setSeed(4)
          .setAveraging(4);
      PipelineModel fitted = new Pipeline().setStages(SparkMlContractTest.stages(ffnn))
          .fit(SparkMlContractTest.answers(spark, 1).repartition(2));
      String saved = dir.resolve("cluster").toUri().toString();
      fitted.write().save(saved);
      PipelineModel loaded = PipelineModel.load(saved);
      for (PipelineModel model : List.of(fitted, loaded)) {
        FfnnClassificationModel stage = (FfnnClassificationModel) model.stages()[2];
        assertEquals(List.of("no", "yes"), stage.model().names().classes());
        org.apache.spark.sql.Dataset<Row> out = model.transform(
            SparkMlContractTest.answers(spark, 2).repartition(2)).cache();
        double auc = new BinaryClassificationEvaluator().evaluate(out);
        assertTrue(auc > 0.8, "area under ROC " + auc);
        Network net = stage.network();
        for (Row r : out.select("features", "probability").collectAsList()) {
          double[] x = ((Vector) r.get(0)).toArray();
          assertArrayEquals(net.predict(DMatrixRMaj.wrap(2, 1, x.clone())).data,
              ((Vector) r.get(1)).toArray(), 0.0);
        }
        out.unpersist();
      }
    }
  }
}

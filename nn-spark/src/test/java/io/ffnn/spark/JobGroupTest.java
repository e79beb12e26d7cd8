package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.TrainingConfig;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;

/**
 * A run's jobs belong to its trainer's job group, each with a description of what it does, and
 * cancelling the group ends the run with a CancellationException.
 */
class JobGroupTest {

  private static NetworkSpec spec() {
    return NetworkSpec.builder(2).layer(8, "relu").layer(3, "softmax").cost("cce").seed(7)
        .build();
  }

  /** The group and description of every job started while it listens. */
  private static final class Jobs extends SparkListener {
    final List<String[]> started = new CopyOnWriteArrayList<>();

    @Override
    public void onJobStart(SparkListenerJobStart job) {
      started.add(new String[] {job.properties().getProperty("spark.jobGroup.id"),
          job.properties().getProperty("spark.job.description")});
    }
  }

  @Test
  void everyJobOfARunIsInItsGroupAndSaysWhatItDoes() throws Exception {
    Dataset data = Generated.spirals(3, 20, 0.1, 5);  // 60 examples: 4 steps of 16 an epoch
    TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(2)
        .batchSize(16).seed(3).build();
    try (JavaSparkContext sc = SparkTrainerTest.context()) {
      Jobs jobs = new Jobs();
      sc.sc().addSparkListener(jobs);
      sc.setJobGroup("the caller's", "what the caller was doing", false);
      JavaRDD<Example> rdd = sc.parallelize(SparkTrainerTest.examples(data), 2);
      SparkTrainer trainer = new SparkTrainer(config).jobGroup("ffnn-test-run");
      trainer.fit(Network.build(spec()), rdd);
      // the caller's group and description are its own again
      assertEquals("the caller's", sc.getLocalProperty("spark.jobGroup.id"));
      assertEquals("what the caller was doing", sc.getLocalProperty("spark.job.description"));
      sc.clearJobGroup();
      assertNull(sc.getLocalProperty("spark.jobGroup.id"));
      sc.sc().listenerBus().waitUntilEmpty();
      List<String[]> started = jobs.started;
      assertEquals(2 + 2 * 4, started.size(), "two checks, then one job a step");
      for (String[] job : started) {
        assertEquals("ffnn-test-run", job[0]);
      }
      assertEquals("ffnn: checking the plugins", started.get(0)[1]);
      assertEquals("ffnn: reading the data", started.get(1)[1]);
      assertEquals("ffnn: epoch 1/2, step 1/4", started.get(2)[1]);
      assertEquals("ffnn: epoch 2/2, step 4/4", started.get(9)[1]);
    }
  }

  @Test
  void cancellingTheGroupEndsTheRun() {
    Dataset data = Generated.spirals(3, 40, 0.1, 5);
    TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(1000)
        .batchSize(4).seed(3).build();
    try (JavaSparkContext sc = SparkTrainerTest.context()) {
      SparkTrainer trainer = new SparkTrainer(config);
      assertTrue(trainer.jobGroup().startsWith("ffnn-"), trainer.jobGroup());
      sc.sc().addSparkListener(new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart job) {
          String d = job.properties().getProperty("spark.job.description");
          if (d != null && d.endsWith("step 5/30")) {
            sc.cancelJobGroup(trainer.jobGroup());
          }
        }
      });
      JavaRDD<Example> rdd = sc.parallelize(SparkTrainerTest.examples(data), 2);
      long start = System.nanoTime();
      CancellationException e = assertThrows(CancellationException.class,
          () -> trainer.fit(Network.build(spec()), rdd));
      assertEquals("the run was cancelled (Spark job group " + trainer.jobGroup() + ")",
          e.getMessage());
      assertTrue((System.nanoTime() - start) / 1e9 < 30, "ended promptly");
      assertNull(sc.getLocalProperty("spark.jobGroup.id"), "the group is the caller's again");
    }
  }
}

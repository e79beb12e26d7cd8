package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.testing.train.Pinned;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;

/** Periodic parameter averaging: its rounds, its one-partition case, and that it learns. */
class AveragingTest {

  private static NetworkSpec spec() {
    return NetworkSpec.builder(2).layer(16, "tanh").layer(3, "softmax").cost("cce").seed(7)
        .build();
  }

  /**
   * On one partition, averaging is single-machine training: the same batches in the same
   * order through the same optimizer (its state travelling with the parameters between
   * rounds), so the same weights to rounding (the two gather a batch into different layouts
   * before the products), for SGD, momentum and Adam.
   */
  @Test
  void onOnePartitionItIsSingleMachineTraining() {
    Dataset data = Generated.spirals(3, 30, 0.1, 5);
    for (String optimizer : List.of("sgd(lr=0.1)", "adam(lr=0.01)", "momentum(lr=0.05)")) {
      TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.fromSpec(optimizer))
          .epochs(3).batchSize(8).seed(3).build();
      Network local = Network.build(spec());
      History expected = Trainer.builder(config).build().fit(local, data.X(), data.Y());
      Network spark = Network.build(spec());
      History actual;
      try (JavaSparkContext sc = SparkTrainerTest.context()) {
        JavaRDD<Example> rdd = sc.parallelize(SparkTrainerTest.examples(data), 1);
        actual = new SparkTrainer(config).averaging(4).fit(spark, rdd);
      }
      double[] a = new double[local.parameterCount()];
      double[] b = new double[a.length];
      local.getParameters(a);
      spark.getParameters(b);
      for (int k = 0; k < a.length; k++) {
        assertEquals(a[k], b[k], 1e-9 * Math.max(1, Math.abs(a[k])), optimizer + ", " + k);
      }
      for (int e = 0; e < 3; e++) {
        assertEquals(expected.epochs().get(e).get("loss"), actual.epochs().get(e).get("loss"),
            1e-12, optimizer);
      }
    }
  }

  /**
   * On three partitions: one job per round of K local steps, named as such, and a network that
   * learns the spirals as the exact mode's does.
   */
  @Test
  void roundsOfLocalStepsLearn() throws Exception {
    Dataset data = Generated.spirals(3, 60, 0.1, 5);  // 180 examples: 60 a partition
    TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.adam(0.02))
        .epochs(30).batchSize(10).seed(3).build();
    Network averaged = Network.build(spec());
    History history;
    List<String> descriptions = new CopyOnWriteArrayList<>();
    try (JavaSparkContext sc = SparkTrainerTest.context()) {
      sc.sc().addSparkListener(new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart job) {
          descriptions.add(job.properties().getProperty("spark.job.description"));
        }
      });
      JavaRDD<Example> rdd = sc.parallelize(SparkTrainerTest.examples(data), 3);
      history = new SparkTrainer(config).averaging(3).fit(averaged, rdd);
      sc.sc().listenerBus().waitUntilEmpty();
      IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
          () -> new SparkTrainer(config).averaging(0));
      assertEquals("an averaging round takes at least one local step, got 0", none.getMessage());
    }
    // 6 local batches a partition, 3 a round: 2 rounds an epoch, 60 jobs after the 2 checks
    assertEquals(2 + 30 * 2, descriptions.size());
    assertEquals("ffnn: epoch 1/30, round 1/2 (3 local steps)", descriptions.get(2));
    double first = history.epochs().get(0).get("loss");
    double last = history.epochs().get(29).get("loss");
    // one machine's run (the exact mode's numbers) on the same epochs
    Network local = Network.build(spec());
    History exact = Trainer.builder(config).build().fit(local, data.X(), data.Y());
    double exactLast = exact.epochs().get(29).get("loss");
    System.out.printf("spirals, 30 epochs: averaging 3 partitions %.4f -> %.4f, one machine "
        + "%.4f -> %.4f%n", first, last, exact.epochs().get(0).get("loss"), exactLast);
    assertTrue(last < 0.8 * first, first + " -> " + last);
    // three partitions step on three batches at once, and an epoch averages twice: another
    // run, with fewer updates an epoch than one machine's 18 (the trade the mode makes)
    assertNotEquals(Pinned.weights(local), Pinned.weights(averaged));
    assertTrue(exactLast < last, exactLast + " against " + last);
  }
}

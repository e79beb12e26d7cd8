package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.core.training.TrainingContext;
import io.ffnn.core.training.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tolerance on a cluster of separate executor JVMs: an executor killed with SIGKILL in the
 * middle of an epoch takes its cached examples with it; Spark starts another, the lost partitions
 * are recomputed (from their lineage, or read back from a reliable checkpoint), and the run ends
 * with the weights of single-machine training.
 */
class LostExecutorTest {

  @TempDir
  Path dir;

  private static final NetworkSpec SPEC = NetworkSpec.builder(2).layer(16, "tanh")
      .layer(3, "softmax").cost("cce").seed(11).build();
  private static final TrainingConfig CONFIG = TrainingConfig.builder()
      .optimizer(Optimizers.adam(0.01)).epochs(3).batchSize(32).seed(4).build();

  /** Kills one executor JVM after the given batch of epoch 2. */
  private static final class Killer implements TrainingListener {
    private final long pid;
    private final int batch;
    boolean killed;

    Killer(long pid, int batch) {
      this.pid = pid;
      this.batch = batch;
    }

    @Override
    public void batchEnd(TrainingContext context) {
      if (!killed && context.epoch() == 2 && context.batch() == batch) {
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        p.destroyForcibly();
        p.onExit().join();
        killed = true;
      }
    }
  }

  private static void assertSameWeights(Network expected, Network actual) {
    for (int l = 1; l <= expected.depth(); l++) {
      double[][] pairs = {expected.W(l).data, actual.W(l).data, expected.b(l).data,
          actual.b(l).data};
      for (int k = 0; k < 4; k += 2) {
        for (int i = 0; i < pairs[k].length; i++) {
          double e = pairs[k][i];
          assertEquals(e, pairs[k + 1][i], 1e-9 * Math.max(1, Math.abs(e)),
              (k == 0 ? "W" : "b") + l + "[" + i + "]");
        }
      }
    }
  }

  @Test
  void aKilledExecutorCostsNothingButTime() throws Exception {
    Dataset data = Generated.spirals(3, 100, 0.2, 6);
    Network expected = Network.build(SPEC);
    Trainer.builder().config(CONFIG).build().fit(expected, data.X(), data.Y());

    try (JavaSparkContext sc = LocalCluster.start(2)) {
      AtomicInteger removed = new AtomicInteger();
      AtomicInteger added = new AtomicInteger();
      sc.sc().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
        @Override
        public void onExecutorRemoved(
            org.apache.spark.scheduler.SparkListenerExecutorRemoved event) {
          removed.incrementAndGet();
        }

        @Override
        public void onExecutorAdded(org.apache.spark.scheduler.SparkListenerExecutorAdded event) {
          added.incrementAndGet();
        }
      });
      JavaRDD<Example> rdd = sc.parallelize(SparkTrainerTest.examples(data), 4);
      // lineage kept (no checkpoint directory): the lost partitions are recomputed
      List<Long> pids = LocalCluster.executorPids(sc, 2);
      Killer first = new Killer(pids.get(0), 3);
      Network lineage = Network.build(SPEC);
      History h = new SparkTrainer(CONFIG).listener(first).fit(lineage, rdd);
      assertTrue(first.killed);
      assertEquals(3, h.epochs().size());
      assertSameWeights(expected, lineage);
      LocalCluster.awaitExecutors(sc, 2);
      // Spark saw the executor go and started another
      assertEquals(1, removed.get());
      assertTrue(added.get() >= 1, added + " executors added");

      // a reliable checkpoint: the lost partitions are read back from the checkpoint files
      Path checkpoints = dir.resolve("checkpoints");
      sc.setCheckpointDir(checkpoints.toString());
      pids = LocalCluster.executorPids(sc, 2);
      Killer second = new Killer(pids.get(1), 5);
      Network reliable = Network.build(SPEC);
      // whether the shards were in the checkpoint directory during the run
      boolean[] written = new boolean[1];
      io.ffnn.core.training.TrainingListener look = new io.ffnn.core.training.TrainingListener() {
        @Override
        public void epochEnd(io.ffnn.core.training.TrainingContext context) {
          try (Stream<Path> files = Files.walk(checkpoints)) {
            written[0] |= files.anyMatch(f -> f.getFileName().toString().startsWith("part-"));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      };
      new SparkTrainer(CONFIG).listener(second).listener(look).fit(reliable, rdd);
      assertTrue(second.killed);
      assertSameWeights(expected, reliable);
      assertEquals(2, removed.get());
      assertTrue(written[0], "the shards were written to the checkpoint directory");
      try (Stream<Path> files = Files.walk(checkpoints)) {
        assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("part-")),
            "and removed when the run ended");
      }
    }
  }

  /**
   * The same in averaging mode: a round whose executor dies is run again from the round's
   * broadcast start, and the run ends with the uninterrupted run's weights.
   */
  @Test
  void averagingSurvivesAKilledExecutor() throws Exception {
    Dataset data = Generated.spirals(3, 100, 0.2, 6);  // 75 examples a partition: 3 batches
    try (JavaSparkContext sc = LocalCluster.start(2)) {
      JavaRDD<Example> rdd = sc.parallelize(SparkTrainerTest.examples(data), 4);
      Network uninterrupted = Network.build(SPEC);
      new SparkTrainer(CONFIG).averaging(2).fit(uninterrupted, rdd);
      List<Long> pids = LocalCluster.executorPids(sc, 2);
      Killer killer = new Killer(pids.get(0), 1);
      Network survived = Network.build(SPEC);
      History h = new SparkTrainer(CONFIG).averaging(2).listener(killer).fit(survived, rdd);
      assertTrue(killer.killed);
      assertEquals(3, h.epochs().size());
      assertSameWeights(uninterrupted, survived);
    }
  }
}

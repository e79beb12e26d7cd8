package io.ffnn.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * A run's data on the cluster, before and after its training jobs: the plugin check that reads
 * no data, the shards cached (and checkpointed or not), the first job that checks the examples
 * and finds where each partition starts, and the shards' checkpoint files removed when the run
 * ends.
 */
final class Shards {

  private Shards() {}

  /**
   * Caches the shards and cuts or keeps their lineage: with a checkpoint directory set ({@code
   * SparkContext.setCheckpointDir}), a reliable checkpoint; in local mode a local one (the data
   * then never travel with a task); on a cluster without a checkpoint directory, the lineage.
   */
  static void cache(JavaSparkContext sc, JavaRDD<Shard> shards) {
    shards.persist(StorageLevel.MEMORY_AND_DISK());
    if (sc.getCheckpointDir().isPresent()) {
      shards.checkpoint(); // read back from the files when an executor is lost
    } else if (sc.isLocal()) {
      // the executor is the driver's JVM: nothing to lose, and tasks stay small
      shards.rdd().localCheckpoint();
    }
    // otherwise the lineage stays: a lost executor's partitions are recomputed from the source
  }

  /**
   * Builds the network from its description in one task per partition of the data, on
   * whichever executors run them, without reading the data.
   *
   * @throws IllegalStateException naming the plugin an executor lacks
   */
  static void checkPlugins(JavaSparkContext sc, String run,
      Broadcast<Map<String, byte[]>> description, int partitions) {
    List<Integer> tasks = new ArrayList<>();
    for (int p = 0; p < Math.max(1, partitions); p++) {
      tasks.add(p);
    }
    List<String> problems = sc.parallelize(tasks, tasks.size()).map(p -> {
      try {
        Replica.of(run, description.value());
        return "";
      } catch (IllegalStateException e) {
        return e.getMessage();
      }
    }).collect();
    for (String problem : problems) {
      if (!problem.isEmpty()) {
        throw new IllegalStateException(problem);
      }
    }
  }

  /**
   * Deletes the files of the shards' reliable checkpoint, if they have one: a run's copy of its
   * data, which Spark otherwise leaves in the checkpoint directory when the run ends.
   */
  static void removeCheckpoint(JavaSparkContext sc, JavaRDD<Shard> shards) {
    scala.Option<String> file = shards.rdd().getCheckpointFile();
    if (file.isEmpty()) {
      return;
    }
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.get());
    try {
      path.getFileSystem(sc.hadoopConfiguration()).delete(path, true);
    } catch (IOException e) {
      // the run's result stands; the files are a copy of the data, left as Spark leaves them
    }
  }

  /**
   * The run's first job: builds and caches the shards, and on each partition's executor builds
   * the network from its description. A missing plugin or a bad example comes back as a value,
   * reported once, at once, instead of failing (and retrying) every task of the first step.
   *
   * @return where each partition starts in the data set, the number of examples last; and the
   *     examples' weights
   */
  static Checked check(JavaRDD<Shard> shards, String run,
      Broadcast<Map<String, byte[]>> description) {
    List<String[]> checks = shards.map(shard -> {
      String plugins;
      try {
        Replica.of(run, description.value());
        plugins = null;
      } catch (IllegalStateException e) {
        plugins = e.getMessage();
      }
      return new String[] {String.valueOf(shard.count), shard.error,
          String.valueOf(shard.errorAt), plugins, Double.toString(shard.weightSum),
          Double.toString(shard.minWeight), Double.toString(shard.maxWeight)};
    }).collect();
    long[] starts = new long[checks.size() + 1];
    double weightSum = 0;
    double minWeight = Double.POSITIVE_INFINITY;
    double maxWeight = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < checks.size(); p++) {
      String[] c = checks.get(p);
      if (c[3] != null) {
        throw new IllegalStateException(c[3]);
      }
      if (c[1] != null) {
        throw new IllegalArgumentException("example " + (starts[p] + Long.parseLong(c[2]))
            + " (partition " + p + ") " + c[1]);
      }
      starts[p + 1] = starts[p] + Long.parseLong(c[0]);
      if (Long.parseLong(c[0]) > 0) {
        weightSum += Double.parseDouble(c[4]);
        minWeight = Math.min(minWeight, Double.parseDouble(c[5]));
        maxWeight = Math.max(maxWeight, Double.parseDouble(c[6]));
      }
    }
    return new Checked(starts, weightSum, minWeight, maxWeight);
  }

  /**
   * What the run's first job found: where each partition starts (the number of examples last),
   * and the sum, least and largest of the examples' weights.
   */
  record Checked(long[] starts, double weightSum, double minWeight, double maxWeight) {

    /**
     * The factor that makes the weights' mean 1, {@code m / Σ w}; 0 when every example weighs
     * the same (the run is then unweighted, exactly).
     *
     * @throws IllegalArgumentException if every example weighs 0, or the sum overflows
     */
    double weighting(int m) {
      if (minWeight == maxWeight) {
        if (maxWeight == 0) {
          throw new IllegalArgumentException("every example weighs 0: nothing to train on");
        }
        return 0;
      }
      if (!(weightSum > 0) || Double.isInfinite(weightSum)) {
        throw new IllegalArgumentException("the examples' weights sum to " + weightSum);
      }
      return m / weightSum;
    }
  }
}

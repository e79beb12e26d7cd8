package io.ffnn.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark cluster of separate executor JVMs on this machine: master {@code local-cluster[N, cores,
 * MB]} starts a standalone master and N workers in the driver's JVM, and each worker launches its
 * executor as a child process, as a real cluster does. The executors run on the tests' class path.
 * The worker needs {@code SPARK_HOME} (a directory with a {@code jars} folder) and {@code
 * SPARK_SCALA_VERSION} in its environment, which nn-spark's build sets for its tests.
 */
final class LocalCluster {

  private LocalCluster() {}

  static JavaSparkContext start(int executors) throws IOException, InterruptedException {
    String home = System.getenv("SPARK_HOME");
    if (home == null || System.getenv("SPARK_SCALA_VERSION") == null) {
      throw new IllegalStateException("a local-cluster master needs SPARK_HOME and "
          + "SPARK_SCALA_VERSION in the environment; nn-spark's pom sets them for its tests");
    }
    Files.createDirectories(Path.of(home, "jars"));
    JavaSparkContext sc = new JavaSparkContext(new SparkConf()
        .setMaster("local-cluster[" + executors + ",1,1024]").setAppName("ffnn-cluster-test")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.executor.extraClassPath", System.getProperty("java.class.path")));
    awaitExecutors(sc, executors);
    return sc;
  }

  /** Waits until {@code n} executors have registered (the driver counts as one more). */
  static void awaitExecutors(JavaSparkContext sc, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (sc.sc().statusTracker().getExecutorInfos().length < n + 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("executors did not register within 90 s");
      }
      Thread.sleep(100);
    }
  }

  /** The process ids of the executors, found by tasks that report their JVM's. */
  static List<Long> executorPids(JavaSparkContext sc, int executors) {
    for (int attempt = 0; attempt < 20; attempt++) {
      List<Long> pids = sc.parallelize(java.util.stream.IntStream.range(0, 8 * executors)
          .boxed().toList(), 8 * executors).map(i -> {
            Thread.sleep(50);
            return ProcessHandle.current().pid();
          }).distinct().collect();
      if (pids.size() == executors) {
        return pids;
      }
    }
    throw new IllegalStateException("could not reach all " + executors + " executors");
  }
}

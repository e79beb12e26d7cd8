package io.ffnn.examples;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A 3-class spiral (300 points) with a 2-64-64-3 network: {@code relu} hidden layers, {@code
 * softmax} output, {@code cce} cost, mini-batch gradient descent.
 */
public final class SpiralExample {

  private SpiralExample() {}

  /**
   * Trains the spiral classifier and reports.
   *
   * @param out where to print the cost every 100 epochs and the final accuracy
   * @return the final training accuracy
   */
  public static double run(PrintStream out) {
    Dataset data = Generated.spirals(3, 100, 0.2, 7);
    NetworkSpec spec = NetworkSpec.builder(2)
        .layer(64, "relu")
        .layer(64, "relu")
        .layer(3, "softmax")
        .cost("cce")
        .seed(11)
        .build();
    Network network = Network.build(spec);
    out.println("Spirals (3 classes, 300 points): " + spec);
    long start = System.nanoTime();
    Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.sgd(0.1))
        .epochs(800)
        .batchSize(32)
        .seed(5).build())
        .listener(new EveryNthEpoch(100, out))
        .build()
        .fit(network, data.X(), data.Y());
    double accuracy = ClassificationMetrics.of(network.predict(data.X()), data.Y(), 0.5).accuracy();
    out.printf(Locale.ROOT, "Spirals training accuracy: %.1f%% (%.1f s)%n", 100 * accuracy,
        (System.nanoTime() - start) / 1e9);
    return accuracy;
  }

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }
}

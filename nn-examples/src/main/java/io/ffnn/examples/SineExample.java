package io.ffnn.examples;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.metrics.RegressionMetrics;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.PrintStream;

/**
 * Regression of {@code sin(x)} on {@code [−π, π]} from 400 noisy samples (noise 0.1): a 1-32-32-1
 * {@code tanh} network with an {@code identity} output and {@code mse}.
 */
public final class SineExample {

  private SineExample() {}

  /**
   * Trains and reports.
   *
   * @param out where to print
   * @return the metrics on fresh noisy samples
   */
  public static RegressionMetrics run(PrintStream out) {
    Dataset train = Generated.sine(400, 0.1, 1);
    Dataset test = Generated.sine(200, 0.1, 2);
    NetworkSpec spec = NetworkSpec.builder(1).layer(32, "tanh").layer(32, "tanh")
        .layer(1, "identity").cost("mse").seed(3).build();
    Network network = Network.build(spec);
    out.println("Sine regression: " + spec);
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01)).epochs(200)
        .batchSize(32).seed(4).build())
        .listener(new EveryNthEpoch(50, out)).build().fit(network, train);
    RegressionMetrics m = RegressionMetrics.of(network.predict(test.X()), test.Y());
    out.println("on fresh samples: " + m + " (the noise alone has variance 0.01)");
    return m;
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

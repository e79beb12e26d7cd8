package io.ffnn.examples;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Plugins from outside the catalogue, used by name: a 1-32-32-1 network with {@code
 * bent_identity} hidden layers learns the 90th percentile of a noisy sine with the {@code
 * quantile(tau=0.9)} cost. Both plugins are registered only by this module; the network finds
 * them through the default registry like any built-in.
 */
public final class CustomPluginExample {

  private CustomPluginExample() {}

  /**
   * Trains the quantile regression and reports.
   *
   * @param out where to print the cost and the coverage
   * @return the coverage: the fraction of targets at or below the predicted 90th percentile
   */
  public static double run(PrintStream out) {
    int m = 400;
    Random rng = new Random(5);
    DMatrixRMaj X = new DMatrixRMaj(1, m);
    DMatrixRMaj Y = new DMatrixRMaj(1, m);
    for (int i = 0; i < m; i++) {
      double x = -3 + 6.0 * i / (m - 1);
      X.set(0, i, x);
      // noise that grows with |x|, so the percentile curve is not just the mean shifted
      Y.set(0, i, Math.sin(x) + (0.1 + 0.2 * Math.abs(x)) * rng.nextGaussian());
    }
    NetworkSpec spec = NetworkSpec.builder(1)
        .layer(32, "bent_identity")
        .layer(32, "bent_identity")
        .layer(1, "identity")
        .cost("quantile(tau=0.9)")
        .seed(2)
        .build();
    Network network = Network.build(spec);
    out.println("Custom plugins (90th percentile of a noisy sine): " + spec);
    Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adam(0.01))
        .epochs(400)
        .batchSize(16)
        .seed(3).build())
        .listener(new EveryNthEpoch(100, out))
        .build()
        .fit(network, X, Y);
    DMatrixRMaj Yhat = network.predict(X);
    int below = 0;
    for (int i = 0; i < m; i++) {
      below += Y.get(0, i) <= Yhat.get(0, i) ? 1 : 0;
    }
    double coverage = (double) below / m;
    out.printf(Locale.ROOT, "Targets at or below the predicted 90th percentile: %.1f%%%n",
        100 * coverage);
    return coverage;
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

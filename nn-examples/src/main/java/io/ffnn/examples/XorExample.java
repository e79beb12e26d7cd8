package io.ffnn.examples;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.PrintStream;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * XOR with a 2-4-1 network: {@code tanh} hidden layer, {@code sigmoid} output, {@code bce} cost,
 * full-batch gradient descent.
 */
public final class XorExample {

  private XorExample() {}

  /** The four inputs as columns: (0,0), (0,1), (1,0), (1,1). */
  static DMatrixRMaj inputs() {
    return new DMatrixRMaj(2, 4, true, 0, 0, 1, 1, 0, 1, 0, 1);
  }

  /** Their XOR. */
  static DMatrixRMaj targets() {
    return new DMatrixRMaj(1, 4, true, 0, 1, 1, 0);
  }

  /**
   * Trains XOR and reports.
   *
   * @param out where to print the cost every 500 epochs and the final accuracy
   * @return the final training accuracy
   */
  public static double run(PrintStream out) {
    NetworkSpec spec = NetworkSpec.builder(2)
        .layer(4, "tanh")
        .layer(1, "sigmoid")
        .cost("bce")
        .seed(3)
        .build();
    Network network = Network.build(spec);
    DMatrixRMaj X = inputs();
    DMatrixRMaj Y = targets();
    out.println("XOR: " + spec);
    Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.sgd(0.5))
        .epochs(3000)
        .batchSize(4)
        .seed(1).build())
        .listener(new EveryNthEpoch(500, out))
        .build()
        .fit(network, X, Y);
    DMatrixRMaj Yhat = network.predict(X);
    for (int i = 0; i < 4; i++) {
      out.printf(Locale.ROOT, "  %.0f XOR %.0f -> %.4f%n", X.get(0, i), X.get(1, i),
          Yhat.get(0, i));
    }
    double accuracy = ClassificationMetrics.of(Yhat, Y, 0.5).accuracy();
    out.printf(Locale.ROOT, "XOR training accuracy: %.1f%%%n", 100 * accuracy);
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

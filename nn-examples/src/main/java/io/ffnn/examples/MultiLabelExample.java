package io.ffnn.examples;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.metrics.MultiLabelMetrics;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.PrintStream;

/**
 * Multi-label classification: three independent yes/no labels per point of the plane ("right
 * half", "upper half", "inside the circle of radius 0.7", 5 % of labels flipped), learned by a
 * 2-32-32-3 network with {@code sigmoid} outputs and {@code multilabel_bce}.
 */
public final class MultiLabelExample {

  private MultiLabelExample() {}

  /**
   * Trains and reports.
   *
   * @param out where to print
   * @return the metrics on a fresh test set
   */
  public static MultiLabelMetrics run(PrintStream out) {
    Dataset train = Generated.multiLabel(1000, 0.05, 1);
    Dataset test = Generated.multiLabel(500, 0.0, 2);
    NetworkSpec spec = NetworkSpec.builder(2).layer(32, "relu").layer(32, "relu")
        .layer(3, "sigmoid").cost("multilabel_bce").seed(3).build();
    Network network = Network.build(spec);
    out.println("Multi-label: " + spec);
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01)).epochs(60)
        .batchSize(32).seed(4).build())
        .listener(new EveryNthEpoch(20, out)).build().fit(network, train);
    MultiLabelMetrics m = MultiLabelMetrics.of(network.predict(test.X()), test.Y(), 0.5);
    out.println("on noise-free test points: " + m);
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

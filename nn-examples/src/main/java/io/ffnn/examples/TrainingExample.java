package io.ffnn.examples;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.EarlyStopping;
import io.ffnn.core.training.History;
import io.ffnn.core.training.LearningRateSchedule;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The full trainer on the 3-class spiral: Adam with a cosine schedule and warm-up, dropout, a
 * 20 % validation split, early stopping on the validation loss with the best weights restored,
 * progress per epoch, and the classification report at the end.
 */
public final class TrainingExample {

  private TrainingExample() {}

  /**
   * Trains and reports.
   *
   * @param out where to print progress (a bar on a terminal, plain lines elsewhere) and the report
   * @return the training history
   */
  public static History run(PrintStream out) {
    Dataset data = Generated.spirals(3, 200, 0.2, 7);
    NetworkSpec spec = NetworkSpec.builder(2)
        .layer(64, "relu").dropout(0.1)
        .layer(64, "relu")
        .layer(3, "softmax")
        .cost("cce")
        .seed(11)
        .build();
    Network network = Network.build(spec);
    Trainer trainer = Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adam(0.01))
        .schedule(LearningRateSchedule.cosine(2, 1e-4))
        .epochs(60)
        .batchSize(32)
        .seed(5).build())
        .validationFraction(0.2)
        .earlyStopping(EarlyStopping.minimize("val_loss").patience(15))
        .listener(ProgressBars.auto(out))
        .build();
    out.println("Training " + spec + " with " + trainer);
    History history = trainer.fit(network, data.X(), data.Y());
    ClassificationMetrics report = ClassificationMetrics.of(network.predict(data.X()), data.Y(),
        0.5);
    out.printf(Locale.ROOT, "best epoch %d of %d; on all %d points:%n", history.bestEpoch(),
        history.epochs().size(), data.size());
    out.print(report);
    return history;
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

package io.ffnn.examples;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Idx;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * MNIST-format digits (MNIST or Fashion-MNIST) from a directory holding the four standard IDX
 * files: a 784-256-128-10 ReLU network with {@code softmax} and {@code cce}, Adam, a few epochs,
 * evaluated on the test files and saved where the caller says ({@code mnist.ffnn} in the working
 * directory from the command line), never into the data directory.
 */
public final class MnistExample {

  private MnistExample() {}

  /**
   * Trains, evaluates and saves.
   *
   * @param dir the directory with the IDX files
   * @param epochs the epochs
   * @param file where to save the model
   * @param out where to print
   * @return the test metrics
   * @throws IOException if the files cannot be read or the model saved
   */
  public static ClassificationMetrics run(Path dir, int epochs, Path file, PrintStream out)
      throws IOException {
    Idx.TrainTest data = Idx.readDirectory(dir);
    int pixels = data.train().features();
    NetworkSpec spec = NetworkSpec.builder(pixels).layer(256, "relu").layer(128, "relu")
        .layer(10, "softmax").cost("cce").seed(1).build();
    Network network = Network.build(spec);
    out.println("MNIST-format digits: " + data.train() + "; " + spec);
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.001)).epochs(epochs)
        .batchSize(128).seed(2).build())
        .validation(data.test())
        .listener(ProgressBars.auto(out)).build()
        .fit(network, data.train());
    ClassificationMetrics m = ClassificationMetrics.of(network.predict(data.test().X()),
        data.test().Y(), 0.5);
    out.print("test set: " + m);
    ModelFile.save(new Model(network, null), file);
    out.println("saved " + file);
    return m;
  }

  /**
   * Runs the example.
   *
   * @param args the IDX directory, and optionally the number of epochs (5); the model goes to
   *     {@code mnist.ffnn} in the working directory
   * @throws IOException if the files cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: MnistExample DIR [EPOCHS]");
      System.exit(2);
    }
    run(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 5, Path.of("mnist.ffnn"),
        System.out);
  }
}

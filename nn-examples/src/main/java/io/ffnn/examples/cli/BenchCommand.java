package io.ffnn.examples.cli;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.Workspace;
import io.ffnn.core.backend.Backend;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.EpochRecord;
import io.ffnn.core.Initializer;
import io.ffnn.core.training.TrainingContext;
import io.ffnn.core.training.TrainingListener;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ffnn bench}: the standard benchmark network (784-256-128-10, ReLU, softmax with
 * categorical cross-entropy, SGD with rate 0.1, batches of 128, He initialisation) on synthetic
 * MNIST-shaped data as the NumPy and PyTorch baselines make it — 60,000 examples of 784 uniform
 * inputs, labelled by the largest output of a random linear teacher — printing one line per epoch
 * in the baselines' format, or with {@code --latency} the median time to predict one example. With
 * {@code --precision float32} the network computes in {@link Precision#FLOAT32} and the data are made
 * and kept in {@code float}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time training (or single-example prediction) of the standard benchmark "
        + "network.")
class BenchCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Cli cli;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec commandSpec;

  @Option(names = "--epochs", defaultValue = "2",
      description = "Epochs to time (default: ${DEFAULT-VALUE}).") int epochs;

  @Option(names = "--batch", defaultValue = "128",
      description = "Batch size (default: ${DEFAULT-VALUE}).") int batch;

  @Option(names = "--examples", defaultValue = "60000",
      description = "Synthetic examples (default: ${DEFAULT-VALUE}).") int examples;

  @Option(names = "--backend", description = "Backend name (default: the preferred one).")
  String backend;

  @Option(names = "--latency", description = "Measure the median time of predicting one "
      + "example instead of training.") boolean latency;

  @Option(names = "--precision", defaultValue = "float64",
      description = "Precision of the network and the data: float64 or float32 (default: "
          + "${DEFAULT-VALUE}).") String dtypeName;

  /** The option's name before it was named as train's: still read, not shown. */
  @Option(names = "--dtype", hidden = true,
      description = "The former name of --precision.") String dtypeAlias;

  private Precision dtype;

  @Option(names = "--seed", defaultValue = "0",
      description = "Seed of the data and the weights (default: ${DEFAULT-VALUE}).") long seed;

  @Option(names = "--threads", defaultValue = "1",
      description = "Training threads: each batch is split across them (default: "
          + "${DEFAULT-VALUE}).") int threads;

  @Override
  public Integer call() {
    // checked before the 460 MB of data are made
    if (epochs < 1 || batch < 1 || examples < 1 || threads < 1) {
      throw new CommandLine.ParameterException(commandSpec.commandLine(), "--epochs, --batch, "
          + "--examples and --threads must be at least 1, got " + epochs + ", " + batch + ", "
          + examples + " and " + threads);
    }
    dtype = dtypeAlias != null ? Cli.precision(commandSpec, "--dtype", dtypeAlias)
        : Cli.precision(commandSpec, "--precision", dtypeName);
    Backend b = backend == null ? Backends.getDefault() : byName(backend);
    NetworkSpec spec = NetworkSpec.builder(784).layer(256, "relu").layer(128, "relu")
        .layer(10, "softmax").cost("cce").initializer(Initializer.HE_NORMAL).seed(seed)
        .precision(dtype).build();
    Network net = Network.build(spec, PluginRegistry.getDefault(), b);
    cli.out.println("# " + spec + ", backend " + b.description());
    if (latency) {
      return latency(net);
    }
    Synthetic data = synthetic(examples, seed, dtype);
    cli.out.println("# " + threads + " training thread(s)");
    Trainer trainer = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1))
        .epochs(epochs).batchSize(batch).seed(seed)
        .threads(threads).build()).listener(new TrainingListener() {
          @Override
          public void epochEnd(TrainingContext context) {
            EpochRecord r = context.lastEpoch();
            cli.out.println(String.format(Locale.ROOT,
                "ffnn %s epoch %d: %.3f s, %.0f ex/s, loss %.4f", dtype, r.epoch(), r.seconds(),
                r.examplesPerSecond(), r.get("loss")));
          }
        }).build();
    try {
      if (data.X32 != null) {
        trainer.fit(net, data.X32, data.Y);
      } else {
        trainer.fit(net, data.X, data.Y);
      }
    } catch (io.ffnn.core.training.MemoryBudgetException e) {
      throw new UsageException("--examples " + examples + ": " + e.getMessage());
    }
    return 0;
  }

  private int latency(Network net) {
    Random rng = new Random(seed);
    DMatrixRMaj x = new DMatrixRMaj(784, 1);
    for (int k = 0; k < 784; k++) {
      x.data[k] = rng.nextDouble();
    }
    Workspace ws = net.newWorkspace();
    for (int i = 0; i < 20_000; i++) {
      net.predict(x, ws);
    }
    int runs = 5;
    int calls = 2_000;
    double[] micros = new double[runs];
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        net.predict(x, ws);
      }
      micros[r] = (System.nanoTime() - start) / 1e3 / calls;
    }
    Arrays.sort(micros);
    cli.out.println(String.format(Locale.ROOT, "ffnn %s latency: median %.2f us per example "
        + "(%d runs of %d calls)", dtype, micros[runs / 2], runs, calls));
    return 0;
  }

  /** The benchmark's data: the inputs in double or (X null) in float, and one-hot targets. */
  static final class Synthetic {
    DMatrixRMaj X;
    FMatrixRMaj X32;
    DMatrixRMaj Y;
  }

  /**
   * The baselines' data: uniform inputs, labels from a random linear teacher. In float32 the
   * inputs are the float64 run's rounded to float, and are labelled from those values.
   */
  static Synthetic synthetic(int m, long seed, Precision precision) {
    Random rng = new Random(seed);
    Synthetic data = new Synthetic();
    int size = 784 * m;
    if (precision == Precision.FLOAT32) {
      data.X32 = new FMatrixRMaj(784, m);
      for (int k = 0; k < size; k++) {
        data.X32.data[k] = (float) rng.nextDouble();
      }
    } else {
      data.X = new DMatrixRMaj(784, m);
      for (int k = 0; k < size; k++) {
        data.X.data[k] = rng.nextDouble();
      }
    }
    double[] teacher = new double[10 * 784];
    for (int k = 0; k < teacher.length; k++) {
      teacher[k] = rng.nextGaussian();
    }
    int[] labels = new int[m];
    double[] scores = new double[10];
    for (int i = 0; i < m; i++) {
      Arrays.fill(scores, 0);
      for (int p = 0; p < 784; p++) {
        double v = data.X != null ? data.X.data[p * m + i] : data.X32.data[p * m + i];
        for (int c = 0; c < 10; c++) {
          scores[c] += teacher[c * 784 + p] * v;
        }
      }
      int best = 0;
      for (int c = 1; c < 10; c++) {
        best = scores[c] > scores[best] ? c : best;
      }
      labels[i] = best;
    }
    data.Y = Dataset.oneHot(labels, 10);
    return data;
  }

  /** The backend the option names: an unknown name is a usage error naming the option. */
  private Backend byName(String name) {
    try {
      return Backends.byName(name);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandSpec.commandLine(), "--backend: "
          + e.getMessage());
    }
  }
}

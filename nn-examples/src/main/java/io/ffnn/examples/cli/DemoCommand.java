package io.ffnn.examples.cli;

import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ffnn demo}: the spiral classifier, its metrics and its plots. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Train the 3-class spiral classifier, print its metrics and write plots.")
class DemoCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Cli cli;

  @Option(names = "--plot", paramLabel = "DIR", defaultValue = "ffnn-demo",
      description = "Where to write the plots (default: ${DEFAULT-VALUE}).")
  Path plot;

  @Override
  public Integer call() throws Exception {
    PrintStream out = cli.out;
    Dataset spirals = Generated.spirals(3, 200, 0.2, 7);
    TrainCommand train = new TrainCommand();
    train.cli = cli;
    train.layers = "64,64";
    train.activation = "relu";
    train.optimizer = "adam(lr=0.01)";
    train.epochs = 200;
    train.batch = 32;
    train.seed.seed = 11;
    train.validation = 0.2;
    train.scale = "none";
    train.init = "auto";
    train.schedule = io.ffnn.core.training.LearningRateSchedule.cosine(5, 1e-4);
    TrainCommand.Result r = train.train(spirals, null, out);
    out.println();
    out.print(io.ffnn.core.metrics.ClassificationMetrics.of(r.model.predict(spirals.X()),
        spirals.Y(), 0.5));
    for (Path p : Plots.history(r.history, plot)) {
      out.println("wrote " + p);
    }
    out.println("wrote " + Plots.decisionRegions(r.model, spirals,
        plot.resolve("decision-regions.png")));
    out.println(String.format(Locale.ROOT, "spiral training accuracy %.1f%% after %d epochs "
        + "(%.1f s)", 100 * r.train.metrics.get("accuracy"), r.history.epochs().size(),
        r.seconds));
    return 0;
  }
}

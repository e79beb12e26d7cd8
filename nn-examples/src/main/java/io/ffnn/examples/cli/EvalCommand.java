package io.ffnn.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.model.Model;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ffnn eval}: a saved model's metrics on a data spec. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a saved model: metrics and the confusion matrix.")
class EvalCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Cli cli;

  @CommandLine.Mixin CommonOptions.SavedModel saved;

  @Option(names = "--data", required = true, paramLabel = "SPEC",
      description = "As for train; idx:DIR evaluates its test files.") String data;

  @CommandLine.Mixin CommonOptions.Seed seed;

  @Option(names = "--json", description = "End with one line of JSON metrics.") boolean json;

  @Option(names = "--plot", paramLabel = "DIR", description = "Write plots here: the "
      + "confusion matrix (classification) or predictions against true values (regression).")
  Path plot;

  @Option(names = "--label-column", description = "CSV: the class label column (default: the "
      + "one the model was trained on, where its file records it).")
  String labelColumn;

  @Option(names = "--target-columns", description = "CSV: comma-separated target columns "
      + "(default: those the model was trained on, where its file records them).")
  String targetColumns;

  @CommandLine.Mixin CommonOptions.CsvLayout csv;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    csv.check(spec);
    if (plot != null) {
      Outputs.requireDirectoryOrNew(spec.commandLine(), "--plot", plot);
    }
    Model m = saved.load(spec);
    DataSpecs.Loaded loaded = DataSpecs.load(data, seed.seed,
        new DataSpecs.CsvOptions(labelColumn, targetColumns, csv.header, csv.delimiter), true,
        DataSpecs.Known.of(m), cli.out);
    Dataset d = loaded.test() != null ? loaded.test() : loaded.train();
    Evaluation e = Evaluation.of(m, d);
    cli.out.println(d + ", " + m.network().spec());
    // class names come from data files: no control character reaches the terminal
    String report = Cli.printable(e.report);
    cli.out.print(report.endsWith("\n") ? report : report + "\n");
    if (plot != null) {
      if (e.confusion != null) {
        cli.out.println("wrote " + Plots.confusionMatrix(e.confusion,
            d.classNames().size() == e.confusion.length ? d.classNames() : m.names().classes(),
            plot.resolve("confusion-matrix.png")));
      } else if (e.Yhat != null) {
        cli.out.println("wrote " + Plots.predictedVersusTrue(e.Yhat, e.Y, m.names().targets(),
            plot.resolve("predicted-vs-true.png")));
      }
    }
    if (json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      e.metrics.forEach((k, v) -> Cli.putMetric(node, k, v));
      cli.out.println(new ObjectMapper().writeValueAsString(node));
    }
    return 0;
  }
}

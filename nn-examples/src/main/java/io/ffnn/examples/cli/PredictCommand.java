package io.ffnn.examples.cli;

import io.ffnn.core.data.Csv;
import io.ffnn.core.data.CsvFormat;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.metrics.Task;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ffnn predict}: one prediction per CSV row. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predict from the feature columns of a CSV file, one line per row: the "
        + "predicted class (by name where the model file records names) and the outputs.",
        "With a header, a model that records its feature names finds them by name; other "
        + "columns are ignored."})
class PredictCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Cli cli;

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "A model file saved by train or the library.") Path model;

  @Option(names = "--input", required = true, paramLabel = "csv:FILE",
      description = "Rows of features, as many as the model takes.") String input;

  @Option(names = "--precision", paramLabel = "float64|float32",
      description = "Compute in this precision (default: the model's, as it was trained).")
  String precision;

  @Option(names = "--header", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "The first line names the columns (default: true).")
  boolean header;

  @Option(names = "--delimiter", defaultValue = ",", description = "CSV delimiter (default: "
      + "${DEFAULT-VALUE}).")
  char delimiter;

  @Option(names = "--skip-columns", description = "Comma-separated columns to ignore.")
  String skip;

  @Override
  public Integer call() throws Exception {
    if (!input.startsWith("csv:")) {
      throw new ParameterException(spec.commandLine(), "--input takes csv:FILE, got '" + input
          + "'");
    }
    Model m = precision == null ? ModelFile.load(model) : ModelFile.load(model,
        io.ffnn.api.PluginRegistry.getDefault(),
        Cli.precision(spec, "--precision", precision));
    CsvFormat format = CsvFormat.featuresOnly().withHeader(header).withDelimiter(delimiter);
    if (skip != null) {
      format = format.withSkippedColumns(skip.split(","));
    }
    List<String> features = m.names().features();
    if (header && !features.isEmpty()) {
      // the model's inputs by name, in its order; other columns (an id, the label) are ignored
      format = format.withFeatureColumns(features);
    }
    Path file = Path.of(input.substring(4));
    if (java.nio.file.Files.isRegularFile(file)
        && java.nio.file.Files.size(file) >= DataSpecs.LARGE) {
      // on stderr: standard output holds the predictions
      cli.err.printf(Locale.ROOT, "reading %s (%,d MB)...%n", file,
          java.nio.file.Files.size(file) >> 20);
    }
    Dataset rows = Csv.read(file, format);
    if (rows.features() != m.network().size(0)) {
      throw new IllegalArgumentException(input.substring(4) + " has " + rows.features()
          + " feature columns but the model takes n[0] = " + m.network().size(0));
    }
    DMatrixRMaj Yhat = m.predict(rows.X());
    Task task = Task.of(m.network().cost(), Yhat.numRows);
    List<String> classes = m.names().classes();
    for (int i = 0; i < Yhat.numCols; i++) {
      StringBuilder line = new StringBuilder();
      int predicted = -2;
      if (task == Task.MULTICLASS) {
        predicted = ClassificationMetrics.argmax(Yhat, i);
      } else if (task == Task.BINARY) {
        double t = Task.threshold(m.network().cost().targetDomain());
        predicted = Yhat.get(0, i) >= t ? 1 : 0;
      }
      if (predicted >= 0 && classes.size() > predicted) {
        line.append(classes.get(predicted));
      } else if (predicted != -2) {
        // -1: an output that is not a number predicts no class
        line.append(predicted >= 0 ? String.valueOf(predicted) : "?");
      }
      for (int p = 0; p < Yhat.numRows; p++) {
        line.append(line.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g",
            Yhat.get(p, i)));
      }
      cli.out.println(line);
    }
    return 0;
  }
}

package io.ffnn.examples.cli;

import io.ffnn.core.data.Csv;
import io.ffnn.core.data.CsvFormat;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.metrics.Task;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ffnn predict}: one prediction per CSV row. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Predict from the feature columns of a CSV file, one line per row.")
class PredictCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Cli cli;

  @Option(names = "--model", required = true, paramLabel = "FILE") Path model;

  @Option(names = "--input", required = true, paramLabel = "csv:FILE",
      description = "Rows of features, as many as the model takes.") String input;

  @Option(names = "--header", negatable = true, defaultValue = "true", fallbackValue = "true")
  boolean header;

  @Option(names = "--delimiter", defaultValue = ",") char delimiter;

  @Option(names = "--skip-columns", description = "Comma-separated columns to ignore.")
  String skip;

  @Override
  public Integer call() throws Exception {
    if (!input.startsWith("csv:")) {
      throw new ParameterException(spec.commandLine(), "--input takes csv:FILE, got '" + input
          + "'");
    }
    Model m = ModelFile.load(model);
    CsvFormat format = CsvFormat.featuresOnly().withHeader(header).withDelimiter(delimiter);
    if (skip != null) {
      format = format.withSkippedColumns(skip.split(","));
    }
    Dataset rows = Csv.read(Path.of(input.substring(4)), format);
    if (rows.features() != m.network().size(0)) {
      throw new IllegalArgumentException(input.substring(4) + " has " + rows.features()
          + " feature columns but the model takes n[0] = " + m.network().size(0));
    }
    DMatrixRMaj Yhat = m.predict(rows.X());
    Task task = Task.of(m.network().cost(), Yhat.numRows);
    for (int i = 0; i < Yhat.numCols; i++) {
      StringBuilder line = new StringBuilder();
      if (task == Task.MULTICLASS) {
        line.append(ClassificationMetrics.argmax(Yhat, i));
      } else if (task == Task.BINARY) {
        double t = Task.threshold(m.network().cost().targetDomain());
        line.append(Yhat.get(0, i) >= t ? 1 : 0);
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

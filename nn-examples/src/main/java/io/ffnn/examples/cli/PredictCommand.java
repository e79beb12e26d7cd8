package io.ffnn.examples.cli;

import io.ffnn.core.data.Csv;
import io.ffnn.core.data.CsvFormat;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.internal.files.AtomicWrite;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.metrics.Task;
import io.ffnn.core.model.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ffnn predict}: one prediction per CSV row, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predict from the rows of a CSV file and write CSV (RFC 4180): a header, then "
        + "one line per row. A classifier's lines are the predicted class ('label') and one "
        + "output per class, named by the class; other models' lines are the outputs, named by "
        + "the targets.",
        "With a header, the model's columns are found by name, in any order, and encoded as in "
        + "training (missing values imputed, a category never seen in training all zeros); other "
        + "columns are ignored."})
class PredictCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Cli cli;

  @CommandLine.Mixin CommonOptions.SavedModel saved;

  @Option(names = "--input", required = true, paramLabel = "csv:FILE",
      description = "Rows of features, as many as the model takes.") String input;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the predictions here (replaced whole, or left as it was on an error) "
          + "instead of standard output.")
  Path output;

  @CommandLine.Mixin CommonOptions.CsvLayout csvLayout;

  @Option(names = "--skip-columns", description = "Comma-separated columns to ignore.")
  String skip;

  @Override
  public Integer call() throws Exception {
    if (!input.startsWith("csv:")) {
      throw new ParameterException(spec.commandLine(), "--input takes csv:FILE, got '" + input
          + "'");
    }
    csvLayout.check(spec);
    if (output != null) {
      Outputs.requireWritableFile(spec.commandLine(), "--output", output, "--model",
          saved.path.model, "--input", DataSpecs.file(input));
    }
    Model m = saved.load(spec);
    CsvFormat format = new DataSpecs.CsvOptions(null, null, csvLayout.header, csvLayout.delimiter, skip,
        null, null,
        false).format(false, DataSpecs.Known.of(m));
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
    if (output == null) {
      write(m, Yhat, cli.out);
      cli.out.flush();
    } else {
      AtomicWrite.write(output, out -> write(m, Yhat, out), s -> s, bytes -> true);
      cli.err.println("wrote " + Yhat.numCols + " predictions to " + output);
    }
    return 0;
  }

  /** The header and one record per example. */
  private static void write(Model m, DMatrixRMaj Yhat, OutputStream stream) throws IOException {
    Task task = Task.of(m.network().cost(), Yhat.numRows);
    boolean classifier = task == Task.MULTICLASS || task == Task.BINARY;
    List<String> classes = m.names().classes();
    Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
    // RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled
    CSVFormat csv = CSVFormat.RFC4180;
    writer.append(csv.format(header(m, task, Yhat.numRows).toArray())).append('\n');
    List<String> record = new ArrayList<>(Yhat.numRows + 1);
    for (int i = 0; i < Yhat.numCols; i++) {
      record.clear();
      if (classifier) {
        int predicted;
        if (task == Task.MULTICLASS) {
          predicted = ClassificationMetrics.argmax(Yhat, i);
        } else {
          double v = Yhat.get(0, i);
          // an output that is not a number predicts no class
          predicted = Double.isNaN(v) ? -1
              : v >= Task.threshold(m.network().cost().targetDomain()) ? 1 : 0;
        }
        record.add(predicted < 0 ? "" : predicted < classes.size()
            ? Cli.printable(classes.get(predicted)) : String.valueOf(predicted));
      }
      for (int p = 0; p < Yhat.numRows; p++) {
        record.add(String.format(Locale.ROOT, "%.6g", Yhat.get(p, i)));
      }
      writer.append(csv.format(record.toArray())).append('\n');
    }
    writer.flush();
  }

  /**
   * The columns' names: {@code label} and a column per class (by name, or index), for one output
   * of a yes/no answer the positive class; otherwise the targets' names, or {@code output_1 …};
   * made distinct with a {@code _2} suffix where names repeat.
   */
  static List<String> header(Model m, Task task, int outputs) {
    List<String> names = new ArrayList<>();
    List<String> classes = m.names().classes();
    List<String> targets = m.names().targets();
    if (task == Task.MULTICLASS || task == Task.BINARY) {
      names.add("label");
      for (int p = 0; p < outputs; p++) {
        int c = task == Task.BINARY ? 1 : p;
        names.add(c < classes.size() ? classes.get(c) : String.valueOf(c));
      }
    } else {
      for (int p = 0; p < outputs; p++) {
        names.add(targets.size() == outputs ? targets.get(p) : "output_" + (p + 1));
      }
    }
    Set<String> used = new HashSet<>();
    List<String> distinct = new ArrayList<>(names.size());
    for (String name : names) {
      String candidate = Cli.printable(name);
      for (int k = 2; !used.add(candidate); k++) {
        candidate = Cli.printable(name) + "_" + k;
      }
      distinct.add(candidate);
    }
    return distinct;
  }
}

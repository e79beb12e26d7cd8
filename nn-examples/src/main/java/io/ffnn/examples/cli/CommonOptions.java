package io.ffnn.examples.cli;

import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options several commands share, each declared once, as picocli mixins. */
final class CommonOptions {

  private CommonOptions() {}

  /** {@code --model FILE}: a saved model to read. */
  static final class ModelPath {
    @Option(names = "--model", required = true, paramLabel = "FILE",
        description = "A model file saved by train or the library.") Path model;
  }

  /** {@code --model} and {@code --precision}: a saved model, loaded to compute in a precision. */
  static final class SavedModel {
    @Mixin ModelPath path;

    @Option(names = "--precision", paramLabel = "float64|float32",
        description = "Compute in this precision (default: the model's, as it was trained).")
    String precision;

    /** The model, in the precision asked for or its own. */
    Model load(CommandLine.Model.CommandSpec spec) throws IOException {
      return precision == null ? ModelFile.load(path.model) : ModelFile.load(path.model,
          io.ffnn.api.PluginRegistry.getDefault(), Cli.precision(spec, "--precision", precision));
    }
  }

  /** {@code --header} and {@code --delimiter}: how a CSV file is laid out. */
  static final class CsvLayout {
    @Option(names = "--header", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "CSV: the first line names the columns (default: true); a model's "
            + "columns are then found by name.")
    boolean header = true;

    @Option(names = "--delimiter", defaultValue = ",",
        description = "CSV delimiter (default: ${DEFAULT-VALUE}).")
    char delimiter = ',';

    /**
     * Refuses a delimiter no CSV file can use: a line break, the quote character, or another
     * control character (tab excepted).
     */
    void check(CommandLine.Model.CommandSpec spec) {
      if (delimiter == '\n' || delimiter == '\r' || delimiter == '"'
          || delimiter < 0x20 && delimiter != '\t' || delimiter == 0x7f) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--delimiter: "
            + (delimiter == '"' ? "'\"' quotes CSV fields" : delimiter == '\n'
                || delimiter == '\r' ? "a line break ends CSV records"
                : String.format("U+%04X is a control character", (int) delimiter))
            + " and cannot separate them; use a printable character or a tab");
      }
    }
  }

  /** {@code --seed}: every random choice of a command. */
  static final class Seed {
    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice: "
        + "weights, shuffles, splits, generated data (default: ${DEFAULT-VALUE}).")
    long seed = 1;
  }
}

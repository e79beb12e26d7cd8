package io.ffnn.examples.cli;

import io.ffnn.core.data.ColumnEncoding;
import io.ffnn.core.data.Csv;
import io.ffnn.core.data.CsvFormat;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.data.Idx;
import io.ffnn.core.model.DataNames;
import io.ffnn.core.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ParameterException;

/**
 * Turns the tool's {@code --data} specs into datasets: {@code xor}, {@code spirals}, {@code moons},
 * {@code circles}, {@code blobs}, {@code sine}, {@code multilabel}, {@code idx:DIR} (its test
 * files become the test set) and {@code csv:FILE}.
 */
final class DataSpecs {

  /** What a spec gave: training data, and test data where the source has its own. */
  record Loaded(Dataset train, Dataset test) {}

  /**
   * What a trained model (or the training data, for a test file) knows of its data: the names,
   * and how the columns became inputs.
   */
  record Known(DataNames names, ColumnEncoding encoding) {
    static final Known NONE = new Known(DataNames.NONE, null);

    static Known of(Dataset train) {
      return new Known(DataNames.of(train), train.encoding().orElse(null));
    }

    static Known of(Model model) {
      return new Known(model.names(), model.encoding());
    }
  }

  /**
   * How to read CSV files: the label or target columns, header and delimiter, and for training
   * data how to make the inputs (columns to skip, to read as categorical, the missing spellings,
   * indicators).
   */
  record CsvOptions(String labelColumn, String targetColumns, boolean header, char delimiter,
      String skipColumns, String categoricalColumns, String missingValues,
      boolean missingIndicators) {

    CsvOptions(String labelColumn, String targetColumns, boolean header, char delimiter) {
      this(labelColumn, targetColumns, header, delimiter, null, null, null, false);
    }

    /**
     * The format, matched to what a trained model knows: without a label or target option, the
     * model's own target columns; its encoding's columns (or, for a model without one, its
     * features by name, with a header) in any order, other columns ignored; with a label column,
     * labels mapped by name onto its classes.
     */
    CsvFormat format(boolean needTargets, Known known) {
      CsvOptions o = this;
      DataNames names = known.names();
      if (needTargets && labelColumn == null && targetColumns == null
          && !names.targets().isEmpty()) {
        o = names.classes().isEmpty()
            ? withTargets(null, String.join(",", names.targets()))
            : withTargets(names.targets().get(0), null);
      }
      CsvFormat f = o.format(needTargets);
      if (known.encoding() != null) {
        f = f.withEncoding(known.encoding());
      } else if (header && !names.features().isEmpty()) {
        f = f.withFeatureColumns(names.features());
      }
      if (f.labelColumn() != null && !names.classes().isEmpty()) {
        f = f.withClassNames(names.classes());
      }
      return f;
    }

    private CsvOptions withTargets(String label, String targets) {
      return new CsvOptions(label, targets, header, delimiter, skipColumns, categoricalColumns,
          missingValues, missingIndicators);
    }

    CsvFormat format(boolean needTargets) {
      CsvFormat f;
      if (targetColumns != null && labelColumn != null) {
        throw new UsageException("--label-column and --target-columns exclude each other: a CSV "
            + "file is read either for classification (a label column) or for regression "
            + "(target columns)");
      }
      if (targetColumns != null) {
        f = CsvFormat.targetColumns(list(targetColumns));
      } else if (labelColumn != null) {
        f = CsvFormat.labelColumn(labelColumn);
      } else if (!needTargets) {
        f = CsvFormat.featuresOnly();
      } else {
        throw new UsageException("csv data needs --label-column (classification) or "
            + "--target-columns (regression)");
      }
      f = f.withHeader(header).withDelimiter(delimiter);
      if (skipColumns != null) {
        f = f.withSkippedColumns(list(skipColumns));
      }
      if (categoricalColumns != null) {
        try {
          f = f.withCategoricalColumns(list(categoricalColumns));
        } catch (IllegalArgumentException e) {
          throw new UsageException("--categorical-columns: " + e.getMessage());
        }
      }
      if (missingValues != null) {
        f = f.withMissingValues(missingValues.equals("none") ? java.util.List.of()
            : java.util.List.of(missingValues.split(",", -1)).stream().map(String::trim)
                .filter(v -> !v.isEmpty()).toList());
      }
      return f.withMissingIndicators(missingIndicators);
    }

    private static String[] list(String columns) {
      return java.util.Arrays.stream(columns.split(",")).map(String::trim)
          .toArray(String[]::new);
    }
  }

  private DataSpecs() {}

  static final String KNOWN = "xor, spirals, moons, circles, blobs, sine, multilabel, idx:DIR, "
      + "csv:FILE";

  /** Files at least this large get a line before and after they are read. */
  static final long LARGE = 32L << 20;

  /**
   * Loads a spec; a CSV file is read by the names and encoding a model or the training data gave
   * ({@link CsvOptions#format(boolean, Known)}). A large file is announced on {@code progress} (if
   * not null) before it is read, and its rows counted after, so that minutes of reading are not
   * minutes of silence.
   */
  static Loaded load(String spec, long seed, CsvOptions csv, boolean needTargets,
      Known known, java.io.PrintStream progress) throws IOException {
    String s = spec.trim();
    if (s.startsWith("idx:")) {
      Path dir = Path.of(s.substring(4));
      if (!Files.isDirectory(dir)) {
        throw new IOException("idx: " + dir + " is not a directory");
      }
      Idx.TrainTest data = Idx.readDirectory(dir);
      return new Loaded(data.train(), data.test());
    }
    if (s.startsWith("csv:")) {
      Path file = Path.of(s.substring(4));
      if (!Files.isReadable(file)) {
        throw new IOException("csv: cannot read " + file);
      }
      long size = Files.isRegularFile(file) ? Files.size(file) : 0;
      boolean announce = progress != null && size >= LARGE;
      long start = System.nanoTime();
      if (announce) {
        progress.printf(java.util.Locale.ROOT, "reading %s (%,d MB)...%n", file, size >> 20);
      }
      Dataset read = Csv.read(file, csv.format(needTargets, known));
      if (announce) {
        progress.printf(java.util.Locale.ROOT, "read %,d rows of %s in %.1f s%n", read.size(),
            file, (System.nanoTime() - start) / 1e9);
      }
      return new Loaded(read, null);
    }
    switch (s) {
      case "xor":
        return new Loaded(Generated.xor(), null);
      case "spirals":
        return new Loaded(Generated.spirals(3, 100, 0.2, seed), null);
      case "moons":
        return new Loaded(Generated.moons(400, 0.1, seed), null);
      case "circles":
        return new Loaded(Generated.circles(400, 0.05, 0.5, seed), null);
      case "blobs":
        return new Loaded(Generated.blobs(3, 100, 0.7, seed), null);
      case "sine":
        return new Loaded(Generated.sine(400, 0.1, seed), null);
      case "multilabel":
        return new Loaded(Generated.multiLabel(400, 0.05, seed), null);
      default:
        throw new UsageException("unknown data spec '" + spec + "'; use one of " + KNOWN);
    }
  }

  /**
   * The file a {@code csv:FILE} spec reads, for the checks of a command's outputs; null for any
   * other spec (an IDX directory is not a file an output could be).
   */
  static Path file(String spec) {
    if (spec == null || !spec.trim().startsWith("csv:")) {
      return null;
    }
    try {
      return Path.of(spec.trim().substring("csv:".length()));
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  static void requireKnownSyntax(picocli.CommandLine cmd, String spec) {
    if (spec == null || spec.isBlank()) {
      throw new ParameterException(cmd, "--data needs a spec: " + KNOWN);
    }
  }
}

package io.ffnn.examples.cli;

import io.ffnn.core.data.Csv;
import io.ffnn.core.data.CsvFormat;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.data.Idx;
import io.ffnn.core.model.DataNames;
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

  /** How to read CSV files. */
  record CsvOptions(String labelColumn, String targetColumns, boolean header, char delimiter) {

    /**
     * The format, matched to what a trained model knows: without a label or target option, the
     * model's own target columns; with a header, the model's features by name (in its order,
     * other columns ignored); with a label column, labels mapped by name onto its classes.
     */
    CsvFormat format(boolean needTargets, DataNames known) {
      CsvOptions o = this;
      if (needTargets && labelColumn == null && targetColumns == null
          && !known.targets().isEmpty()) {
        o = known.classes().isEmpty()
            ? new CsvOptions(null, String.join(",", known.targets()), header, delimiter)
            : new CsvOptions(known.targets().get(0), null, header, delimiter);
      }
      CsvFormat f = o.format(needTargets);
      if (header && !known.features().isEmpty()) {
        f = f.withFeatureColumns(known.features());
      }
      if (f.labelColumn() != null && !known.classes().isEmpty()) {
        f = f.withClassNames(known.classes());
      }
      return f;
    }

    CsvFormat format(boolean needTargets) {
      CsvFormat f;
      if (targetColumns != null && labelColumn != null) {
        throw new UsageException("--label-column and --target-columns exclude each other: a CSV "
            + "file is read either for classification (a label column) or for regression "
            + "(target columns)");
      }
      if (targetColumns != null) {
        f = CsvFormat.targetColumns(targetColumns.split(","));
      } else if (labelColumn != null) {
        f = CsvFormat.labelColumn(labelColumn);
      } else if (!needTargets) {
        f = CsvFormat.featuresOnly();
      } else {
        throw new UsageException("csv data needs --label-column (classification) or "
            + "--target-columns (regression)");
      }
      return f.withHeader(header).withDelimiter(delimiter);
    }
  }

  private DataSpecs() {}

  static final String KNOWN = "xor, spirals, moons, circles, blobs, sine, multilabel, idx:DIR, "
      + "csv:FILE";

  /** Files at least this large get a line before and after they are read. */
  static final long LARGE = 32L << 20;

  /**
   * Loads a spec; a CSV file is read by the names a model or the training data gave ({@link
   * CsvOptions#format(boolean, DataNames)}). A large file is announced on {@code progress} (if
   * not null) before it is read, and its rows counted after, so that minutes of reading are not
   * minutes of silence.
   */
  static Loaded load(String spec, long seed, CsvOptions csv, boolean needTargets,
      DataNames known, java.io.PrintStream progress) throws IOException {
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

  static void requireKnownSyntax(picocli.CommandLine cmd, String spec) {
    if (spec == null || spec.isBlank()) {
      throw new ParameterException(cmd, "--data needs a spec: " + KNOWN);
    }
  }
}

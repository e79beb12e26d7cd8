package io.ffnn.core.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The roles of a CSV file's columns, resolved from a {@link CsvFormat} against the header (or,
 * without one, the first row's width): the targets or the label, the skipped columns, the
 * features (listed, the encoding's, or the columns left), the fixed class names, and for a file
 * read without an encoding each feature's {@link RawColumn}. A reference is a header name or a
 * 0-based index; a column given two roles is refused, naming it.
 */
final class CsvColumns {

  private final Path file;
  /** The header's names, or null without a header. */
  private final List<String> names;
  int[] targets;
  /** The label's column, or -1 when the targets are columns of their own. */
  int label = -1;
  int[] features;
  /** The class names the format fixes, by index, or null. */
  Map<String, Integer> fixedClasses;
  /** The encoding to apply, or null to learn one. */
  ColumnEncoding encoding;
  /** Each feature column as read, when an encoding is learnt; else null. */
  RawColumn[] raw;

  CsvColumns(Path file, CsvFormat format, List<String> names, int count, Set<String> missing)
      throws DataFormatException {
    this.file = file;
    this.names = names;
    boolean[] used = new boolean[count];
    List<String> wanted = format.labelColumn() != null ? List.of(format.labelColumn())
        : format.targetColumns();
    targets = new int[wanted.size()];
    for (int k = 0; k < wanted.size(); k++) {
      targets[k] = column(wanted.get(k), count);
      if (used[targets[k]]) {
        throw new DataFormatException(file, "column " + name(names, targets[k]) + " is named "
            + "twice as a target");
      }
      used[targets[k]] = true;
    }
    if (format.labelColumn() != null) {
      label = targets[0];
    }
    for (int c : targets) {
      if (names != null && names.get(c).isEmpty()) {
        // the model records the name: an empty one would be refused after training
        throw new DataFormatException(file, "column " + (c + 1) + ", " + (label == c
            ? "the label" : "a target") + ", has no name in the header; name it");
      }
    }
    for (String skipped : format.skippedColumns()) {
      int c = column(skipped, count);
      if (used[c]) {
        throw new DataFormatException(file, "column " + name(names, c) + " is both "
            + (label == c ? "the label" : "a target") + " and skipped, or skipped twice");
      }
      used[c] = true;
    }
    encoding = format.encoding();
    // with an encoding, its columns by name; without a header, by position: the columns left
    List<String> listed = encoding != null && names != null ? encoding.columnNames()
        : format.featureColumns();
    if (!listed.isEmpty()) {
      features = new int[listed.size()];
      for (int k = 0; k < features.length; k++) {
        features[k] = column(listed.get(k), count);
        if (used[features[k]]) {
          throw new DataFormatException(file, "column " + name(names, features[k]) + " is "
              + "listed as a feature but is also " + (label == features[k] ? "the label"
              : "a target, skipped, or listed twice"));
        }
        used[features[k]] = true;
      }
    } else {
      features = IntStream.range(0, count).filter(c -> !used[c]).toArray();
    }
    if (!format.classNames().isEmpty()) {
      fixedClasses = new HashMap<>();
      for (String name : format.classNames()) {
        fixedClasses.put(name, fixedClasses.size());
      }
    }
    if (features.length == 0) {
      throw new DataFormatException(file, "no feature columns are left after the targets and "
          + "skipped columns");
    }
    if (encoding != null && features.length != encoding.columns().size()) {
      throw new DataFormatException(file, "the file has " + features.length + " feature "
          + "columns but the encoding reads " + encoding.columns().size() + "; without a "
          + "header, columns are taken by position");
    }
    if (encoding == null) {
      boolean[] declared = new boolean[count];
      for (String ref : format.categoricalColumns()) {
        int c = column(ref, count);
        if (Arrays.stream(features).noneMatch(f -> f == c)) {
          throw new DataFormatException(file, "column " + name(names, c) + " is declared "
              + "categorical but is not a feature (it is the label, a target or skipped)");
        }
        declared[c] = true;
      }
      raw = new RawColumn[features.length];
      for (int k = 0; k < features.length; k++) {
        int c = features[k];
        if (names != null && names.get(c).isEmpty()) {
          throw new DataFormatException(file, "column " + (c + 1) + " has no name in the "
              + "header; name it, or skip it by its 0-based index, " + c);
        }
        raw[k] = new RawColumn(file, c, names != null ? names.get(c) : String.valueOf(c),
            name(names, c), declared[c], missing);
      }
    }
  }

  private int column(String ref, int count) throws DataFormatException {
    if (names != null) {
      int at = names.indexOf(ref);
      if (at >= 0) {
        return at;
      }
    }
    try {
      int index = Integer.parseInt(ref.trim());
      if (index >= 0 && index < count) {
        return index;
      }
    } catch (NumberFormatException e) {
      // not an index either: reported below
    }
    throw new DataFormatException(file, "no column '" + ref + "'; the file has "
        + (names != null ? "columns " + Csv.abbreviate(names.toString(), 200)
        : count + " columns, 0.." + (count - 1)));
  }

  /** A column for messages: {@code 'name' (3)} with a header, else its 1-based number. */
  static String name(List<String> names, int column) {
    return names != null ? "'" + Csv.abbreviate(names.get(column), 40) + "' (" + (column + 1)
        + ")" : String.valueOf(column + 1);
  }
}

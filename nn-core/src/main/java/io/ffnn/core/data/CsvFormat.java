package io.ffnn.core.data;

import java.util.List;
import java.util.Objects;

/**
 * How to read a CSV file into a {@link Dataset}: whether it has a header, its delimiter, which
 * column holds the class label (classification) or which columns hold the targets (regression,
 * multi-label), and which columns to ignore. Every other column is an input feature, unless the
 * features are listed ({@link #withFeatureColumns}): then exactly those are, in that order. Columns
 * are named by their header, or by their 0-based index (always possible, and the only way without
 * a header). Labels become classes in sorted order (integers keep their numbers), or map by name
 * onto a fixed list ({@link #withClassNames}), as when a test file is read for a trained model.
 * Immutable.
 *
 * <pre>{@code
 * CsvFormat.labelColumn("species").withSkippedColumns("id")
 * CsvFormat.targetColumns("price").withDelimiter(';')
 * CsvFormat.labelColumn("0").withHeader(false)
 * }</pre>
 */
public final class CsvFormat {

  private final boolean header;
  private final char delimiter;
  private final String labelColumn;
  private final List<String> targetColumns;
  private final List<String> skippedColumns;
  private final List<String> featureColumns;
  private final List<String> classNames;

  private CsvFormat(boolean header, char delimiter, String labelColumn,
      List<String> targetColumns, List<String> skippedColumns, List<String> featureColumns,
      List<String> classNames) {
    this.header = header;
    this.delimiter = delimiter;
    this.labelColumn = labelColumn;
    this.targetColumns = List.copyOf(targetColumns);
    this.skippedColumns = List.copyOf(skippedColumns);
    this.featureColumns = List.copyOf(featureColumns);
    this.classNames = List.copyOf(classNames);
  }

  private static CsvFormat of(String labelColumn, List<String> targetColumns) {
    return new CsvFormat(true, ',', labelColumn, targetColumns, List.of(), List.of(), List.of());
  }

  /**
   * Classification: one column holds the class of each row (integers {@code 0 … k−1}, or any
   * strings, which become classes in sorted order). Header on, comma-separated.
   *
   * @param column the label column
   * @return the format
   */
  public static CsvFormat labelColumn(String column) {
    return of(Objects.requireNonNull(column, "column"), List.of());
  }

  /**
   * Regression or multi-label: these columns hold the targets, as numbers. Header on,
   * comma-separated.
   *
   * @param columns the target columns, at least one
   * @return the format
   */
  public static CsvFormat targetColumns(String... columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("name at least one target column");
    }
    return of(null, List.of(columns));
  }

  /**
   * Features only, no targets (inputs to predict from): every column not skipped is a feature,
   * and the dataset's {@code Y} has no rows. Header on, comma-separated.
   *
   * @return the format
   */
  public static CsvFormat featuresOnly() {
    return of(null, List.of());
  }

  /**
   * A copy with or without a header line.
   *
   * @param hasHeader whether the first line names the columns
   * @return the copy
   */
  public CsvFormat withHeader(boolean hasHeader) {
    return new CsvFormat(hasHeader, delimiter, labelColumn, targetColumns, skippedColumns,
        featureColumns, classNames);
  }

  /**
   * A copy with another delimiter.
   *
   * @param delimiter e.g. {@code ';'} or {@code '\t'}
   * @return the copy
   */
  public CsvFormat withDelimiter(char delimiter) {
    return new CsvFormat(header, delimiter, labelColumn, targetColumns, skippedColumns,
        featureColumns, classNames);
  }

  /**
   * A copy that ignores these columns.
   *
   * @param columns columns that are neither features nor targets (ids, free text)
   * @return the copy
   */
  public CsvFormat withSkippedColumns(String... columns) {
    return new CsvFormat(header, delimiter, labelColumn, targetColumns, List.of(columns),
        featureColumns, classNames);
  }

  /**
   * A copy whose features are exactly these columns, in this order; columns that are neither
   * these nor targets are ignored. How a trained model's inputs are found in a file whose columns
   * come in another order or include others.
   *
   * @param columns the feature columns, at least one, each once
   * @return the copy
   * @throws IllegalArgumentException if the list is empty or names a column twice
   */
  public CsvFormat withFeatureColumns(List<String> columns) {
    requireDistinct("feature column", columns);
    return new CsvFormat(header, delimiter, labelColumn, targetColumns, skippedColumns, columns,
        classNames);
  }

  /**
   * A copy that maps labels by name onto these classes, in this order: class {@code c} is {@code
   * classes.get(c)}, {@code Y} has {@code classes.size()} rows whichever of them occur, and a
   * label that is not one of them is an error naming its line. How a trained model's classes are
   * matched in a test file.
   *
   * @param classes the class names, at least two, each once
   * @return the copy
   * @throws IllegalArgumentException if this format has no label column, or the names are fewer
   *     than two or repeat
   */
  public CsvFormat withClassNames(List<String> classes) {
    if (labelColumn == null) {
      throw new IllegalArgumentException("class names need a label column");
    }
    requireDistinct("class", classes);
    if (classes.size() < 2) {
      throw new IllegalArgumentException("a classifier has at least 2 classes, got " + classes);
    }
    return new CsvFormat(header, delimiter, labelColumn, targetColumns, skippedColumns,
        featureColumns, classes);
  }

  private static void requireDistinct(String what, List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("name at least one " + what);
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.indexOf(names.get(i)) != i) {
        throw new IllegalArgumentException(what + " '" + names.get(i) + "' is named twice");
      }
    }
  }

  /**
   * Whether the first line is a header.
   *
   * @return true with a header
   */
  public boolean header() {
    return header;
  }

  /**
   * The delimiter.
   *
   * @return the delimiter character
   */
  public char delimiter() {
    return delimiter;
  }

  /**
   * The label column, for classification.
   *
   * @return the column, or null for regression
   */
  public String labelColumn() {
    return labelColumn;
  }

  /**
   * The target columns, for regression and multi-label data.
   *
   * @return the columns; empty for classification
   */
  public List<String> targetColumns() {
    return targetColumns;
  }

  /**
   * The ignored columns.
   *
   * @return the columns
   */
  public List<String> skippedColumns() {
    return skippedColumns;
  }

  /**
   * The feature columns, if listed.
   *
   * @return the columns in feature order; empty when every other column is a feature
   */
  public List<String> featureColumns() {
    return featureColumns;
  }

  /**
   * The fixed classes labels map onto, if given.
   *
   * @return the class names in class order; empty when the labels make the classes
   */
  public List<String> classNames() {
    return classNames;
  }
}

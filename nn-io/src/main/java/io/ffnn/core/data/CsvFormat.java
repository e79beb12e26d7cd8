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
 *
 * <p>Feature columns are numeric, or categorical where a value is text (or where {@link
 * #withCategoricalColumns} says so); missing values (empty, or {@link #withMissingValues}) are
 * imputed. The {@link ColumnEncoding} learned from the file is the dataset's ({@link
 * Dataset#encoding()}); {@link #withEncoding} reads a later file with it. Immutable.
 *
 * <pre>{@code
 * CsvFormat.labelColumn("species").withSkippedColumns("id")
 * CsvFormat.targetColumns("price").withDelimiter(';')
 * CsvFormat.labelColumn("0").withHeader(false)
 * CsvFormat.labelColumn("species").withCategoricalColumns("year").withMissingValues(List.of("NA"))
 * }</pre>
 */
public final class CsvFormat {

  private boolean header = true;
  private char delimiter = ',';
  private String labelColumn;
  private List<String> targetColumns = List.of();
  private List<String> skippedColumns = List.of();
  private List<String> featureColumns = List.of();
  private List<String> classNames = List.of();
  private List<String> categoricalColumns = List.of();
  private List<String> missingValues = ColumnEncoding.DEFAULT_MISSING;
  private boolean missingIndicators;
  private ColumnEncoding encoding;

  private CsvFormat() {}

  /** A copy to change one setting of, before it is handed out. */
  private CsvFormat copy() {
    CsvFormat c = new CsvFormat();
    c.header = header;
    c.delimiter = delimiter;
    c.labelColumn = labelColumn;
    c.targetColumns = targetColumns;
    c.skippedColumns = skippedColumns;
    c.featureColumns = featureColumns;
    c.classNames = classNames;
    c.categoricalColumns = categoricalColumns;
    c.missingValues = missingValues;
    c.missingIndicators = missingIndicators;
    c.encoding = encoding;
    return c;
  }

  private static CsvFormat of(String labelColumn, List<String> targetColumns) {
    CsvFormat f = new CsvFormat();
    f.labelColumn = labelColumn;
    f.targetColumns = List.copyOf(targetColumns);
    return f;
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
    CsvFormat c = copy();
    c.header = hasHeader;
    return c;
  }

  /**
   * A copy with another delimiter.
   *
   * @param delimiter e.g. {@code ';'} or {@code '\t'}
   * @return the copy
   */
  public CsvFormat withDelimiter(char delimiter) {
    CsvFormat c = copy();
    c.delimiter = delimiter;
    return c;
  }

  /**
   * A copy that ignores these columns.
   *
   * @param columns columns that are neither features nor targets (ids, free text)
   * @return the copy
   */
  public CsvFormat withSkippedColumns(String... columns) {
    CsvFormat c = copy();
    c.skippedColumns = List.of(columns);
    return c;
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
    CsvFormat c = copy();
    c.featureColumns = List.copyOf(columns);
    return c;
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
    CsvFormat c = copy();
    c.classNames = List.copyOf(classes);
    return c;
  }

  /**
   * A copy that reads these feature columns as categorical (one-hot) even where every value is a
   * number, such as codes or zip codes. A column holding any value that is neither a number nor
   * missing is categorical without being named here.
   *
   * @param columns the categorical columns, by name or 0-based index
   * @return the copy
   * @throws IllegalArgumentException if a column is named twice
   */
  public CsvFormat withCategoricalColumns(String... columns) {
    List<String> list = List.of(columns);
    if (!list.isEmpty()) {
      requireDistinct("categorical column", list);
    }
    CsvFormat c = copy();
    c.categoricalColumns = list;
    return c;
  }

  /**
   * A copy that takes these spellings, besides the empty cell, as missing values in feature
   * columns (by default {@link ColumnEncoding#DEFAULT_MISSING}). A missing feature value is
   * imputed: a numeric column's training median, a categorical column's most frequent category.
   * A missing label or target is an error naming its line.
   *
   * @param spellings e.g. {@code List.of("NA", "?")}; empty for the empty cell alone
   * @return the copy
   */
  public CsvFormat withMissingValues(List<String> spellings) {
    CsvFormat c = copy();
    c.missingValues = List.copyOf(spellings);
    return c;
  }

  /**
   * A copy that adds, after each feature column with a missing value in the training file, an
   * indicator input: 1 where the value was missing, 0 elsewhere (off by default).
   *
   * @param indicators true to add them
   * @return the copy
   */
  public CsvFormat withMissingIndicators(boolean indicators) {
    CsvFormat c = copy();
    c.missingIndicators = indicators;
    return c;
  }

  /**
   * A copy that reads the features as a trained model's encoding says: its columns, found by name
   * in any order (or by position without a header), are encoded as they were in training; other
   * columns are ignored, a missing one is an error naming it, a missing value is imputed and a
   * category never seen in training gives all zeros. How a test file or rows to predict are read
   * for a model ({@code model.encoding()}).
   *
   * @param encoding the encoding learned from the training data
   * @return the copy
   */
  public CsvFormat withEncoding(ColumnEncoding encoding) {
    CsvFormat c = copy();
    c.encoding = Objects.requireNonNull(encoding, "encoding");
    return c;
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
  /**
   * The columns declared categorical.
   *
   * @return the columns; empty when only text makes a column categorical
   */
  public List<String> categoricalColumns() {
    return categoricalColumns;
  }

  /**
   * The spellings of a missing value besides the empty cell.
   *
   * @return the spellings
   */
  public List<String> missingValues() {
    return missingValues;
  }

  /**
   * Whether columns with missing values get indicator inputs.
   *
   * @return true to add them
   */
  public boolean missingIndicators() {
    return missingIndicators;
  }

  /**
   * The encoding features are read with, if given.
   *
   * @return the encoding, or null when the file's own columns make one
   */
  public ColumnEncoding encoding() {
    return encoding;
  }
}

package io.ffnn.core.data;

import java.util.List;
import java.util.Objects;

/**
 * How to read a CSV file into a {@link Dataset}: whether it has a header, its delimiter, which
 * column holds the class label (classification) or which columns hold the targets (regression,
 * multi-label), and which columns to ignore. Every other column is an input feature. Columns are
 * named by their header, or by their 0-based index (always possible, and the only way without a
 * header). Immutable.
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

  private CsvFormat(boolean header, char delimiter, String labelColumn,
      List<String> targetColumns, List<String> skippedColumns) {
    this.header = header;
    this.delimiter = delimiter;
    this.labelColumn = labelColumn;
    this.targetColumns = List.copyOf(targetColumns);
    this.skippedColumns = List.copyOf(skippedColumns);
  }

  /**
   * Classification: one column holds the class of each row (integers {@code 0 … k−1}, or any
   * strings, which become classes in sorted order). Header on, comma-separated.
   *
   * @param column the label column
   * @return the format
   */
  public static CsvFormat labelColumn(String column) {
    return new CsvFormat(true, ',', Objects.requireNonNull(column, "column"), List.of(),
        List.of());
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
    return new CsvFormat(true, ',', null, List.of(columns), List.of());
  }

  /**
   * Features only, no targets (inputs to predict from): every column not skipped is a feature,
   * and the dataset's {@code Y} has no rows. Header on, comma-separated.
   *
   * @return the format
   */
  public static CsvFormat featuresOnly() {
    return new CsvFormat(true, ',', null, List.of(), List.of());
  }

  /**
   * A copy with or without a header line.
   *
   * @param hasHeader whether the first line names the columns
   * @return the copy
   */
  public CsvFormat withHeader(boolean hasHeader) {
    return new CsvFormat(hasHeader, delimiter, labelColumn, targetColumns, skippedColumns);
  }

  /**
   * A copy with another delimiter.
   *
   * @param delimiter e.g. {@code ';'} or {@code '\t'}
   * @return the copy
   */
  public CsvFormat withDelimiter(char delimiter) {
    return new CsvFormat(header, delimiter, labelColumn, targetColumns, skippedColumns);
  }

  /**
   * A copy that ignores these columns.
   *
   * @param columns columns that are neither features nor targets (ids, free text)
   * @return the copy
   */
  public CsvFormat withSkippedColumns(String... columns) {
    return new CsvFormat(header, delimiter, labelColumn, targetColumns, List.of(columns));
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
}

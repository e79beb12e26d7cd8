package io.ffnn.core.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.internal.data.Inputs;
import io.ffnn.core.internal.files.Decimals;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads CSV files (UTF-8) into datasets with Apache Commons CSV. Every row is an example; the
 * {@link CsvFormat} says which columns are targets and which to skip, the rest are features. A
 * value that is not a finite number, a row with the wrong number of columns or a malformed quote
 * is a {@link DataFormatException} naming the file, the line and the column. Memory stays
 * proportional to the file: a file of {@code N} bytes has at most about {@code N/2} values.
 */
public final class Csv {

  private Csv() {}

  /**
   * Reads a CSV file.
   *
   * @param file the file
   * @param format how to read it
   * @return the dataset: {@code X} features × rows; {@code Y} one-hot classes (with class names
   *     from the labels) or the target columns
   * @throws DataFormatException if the file is not valid for the format
   * @throws IOException if it cannot be read
   */
  public static Dataset read(Path file, CsvFormat format) throws IOException {
    DataFormatException.requireRegularFile(file);
    CSVFormat csv = CSVFormat.DEFAULT.builder()
        .setDelimiter(format.delimiter())
        .setIgnoreSurroundingSpaces(true)
        .setIgnoreEmptyLines(true)
        .get();
    try {
      Reading reading;
      try (CSVParser parser = csv.parse(open(file))) {
        reading = new Reading(file, format, parser);
        reading.read();
      }
      if (reading.pendingRows() > 0) {
        // a column turned categorical after its first rows: their texts, read again
        try (CSVParser parser = csv.parse(open(file))) {
          reading.reread(parser);
        }
      }
      return reading.build();
    } catch (UncheckedIOException e) {
      throw new DataFormatException(file, describe(e.getCause()), e);
    } catch (CharacterCodingException e) {
      throw new DataFormatException(file, "not UTF-8 text", e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new DataFormatException(file, describe(e), e);
    }
  }

  private static Reader open(Path file) throws IOException {
    return withoutByteOrderMark(new java.io.InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)));
  }

  /**
   * The text after a UTF-8 byte-order mark, if the file starts with one (spreadsheet programs
   * write it): it is not part of the first column's name.
   */
  private static Reader withoutByteOrderMark(Reader reader) throws IOException {
    java.io.PushbackReader in = new java.io.PushbackReader(reader, 1);
    int first = in.read();
    if (first != -1 && first != '\uFEFF') {
      in.unread(first);
    }
    return in;
  }

  private static String describe(Throwable e) {
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    return "malformed CSV: " + e.getMessage();
  }

  /**
   * One file read: the first pass over its rows, a second for the early rows of a column that
   * turned categorical later ({@link #reread}), and the dataset ({@link #build}). Features are
   * either kept raw, to learn an encoding from ({@link RawColumn}), or, with a format's encoding,
   * encoded row by row as they are read.
   */
  private static final class Reading {
    private final Path file;
    private final CsvFormat format;
    private final CSVParser parser;
    private final java.util.Set<String> missing;
    private List<String> names;
    private int[] features;
    private int[] targets;
    private int label = -1;
    private int width;
    private final List<String> labels = new ArrayList<>();
    /** With fixed classes: class name → index, and each row's class. */
    private Map<String, Integer> fixedClasses;
    private int[] ids = new int[64];
    /** Learning an encoding: the feature columns as read. */
    private RawColumn[] raw;
    /** Reading with an encoding: it, and the encoded rows, row by row. */
    private ColumnEncoding encoding;
    private double[] x = new double[64];
    private double[] y = new double[64];
    private int rows;
    private final long budget = Runtime.getRuntime().maxMemory() / 4;
    /** {@link Decimals#NUMBER}'s matcher, reset for each cell: a new one per cell costs more. */
    private final java.util.regex.Matcher number = Decimals.NUMBER.matcher("");

    Reading(Path file, CsvFormat format, CSVParser parser) {
      this.file = file;
      this.format = format;
      this.parser = parser;
      this.missing = new java.util.HashSet<>(format.encoding() != null
          ? format.encoding().missingValues() : format.missingValues());
    }

    void read() throws DataFormatException {
      Iterator<CSVRecord> it = parser.iterator();
      if (!it.hasNext()) {
        throw new DataFormatException(file, "the file is empty");
      }
      CSVRecord first = it.next();
      if (format.header()) {
        names = new ArrayList<>();
        first.forEach(names::add);
        for (int c = 0; c < names.size(); c++) {
          if (names.indexOf(names.get(c)) != c) {
            throw new DataFormatException(file, "columns " + (names.indexOf(names.get(c)) + 1)
                + " and " + (c + 1) + " are both named '" + names.get(c) + "'; a column named "
                + "twice cannot be chosen by name");
          }
        }
        resolveColumns(names.size());
      } else {
        resolveColumns(first.size());
        row(first);
      }
      while (it.hasNext()) {
        row(it.next());
      }
      if (rows == 0) {
        throw new DataFormatException(file, "the file has a header but no rows");
      }
    }

    /** The rows to read again: those before the latest turn of a column to categorical. */
    int pendingRows() {
      int pending = 0;
      if (raw != null) {
        for (RawColumn column : raw) {
          pending = Math.max(pending, column.pendingRows());
        }
      }
      return pending;
    }

    /** The second pass: the texts of the rows read as numbers before their column turned. */
    void reread(CSVParser again) {
      int pending = pendingRows();
      int k = raw.length;
      Iterator<CSVRecord> it = again.iterator();
      if (format.header() && it.hasNext()) {
        it.next();
      }
      for (int row = 0; row < pending && it.hasNext(); row++) {
        CSVRecord record = it.next();
        for (int j = 0; j < k; j++) {
          if (x[row * k + j] == RawColumn.PENDING) {
            x[row * k + j] = raw[j].reread(record.get(raw[j].index));
          }
        }
      }
    }

    /** The columns' roles, resolved against the header or the first row's width. */
    private void resolveColumns(int count) throws DataFormatException {
      CsvColumns c = new CsvColumns(file, format, names, count, missing);
      width = count;
      targets = c.targets;
      label = c.label;
      features = c.features;
      fixedClasses = c.fixedClasses;
      encoding = c.encoding;
      raw = c.raw;
    }

    private void row(CSVRecord record) throws DataFormatException {
      long line = parser.getCurrentLineNumber();
      int expected = width;
      if (record.size() != expected) {
        throw new DataFormatException(file, line, null, "the row has " + record.size()
            + " columns, expected " + expected);
      }
      if (raw != null) {
        // as the file has them, row by row; transposed once all are read
        int k = raw.length;
        x = ensure(x, (rows + 1) * k);
        for (int j = 0; j < k; j++) {
          x[rows * k + j] = raw[j].value(record.get(raw[j].index), line, rows);
          if (raw[j].turnedAt(rows)) {
            // the column's earlier numbers are texts of a categorical column now
            for (int i = 0; i < rows; i++) {
              x[i * k + j] = RawColumn.pending(x[i * k + j]);
            }
          }
        }
      } else {
        encodeRow(record, line);
      }
      if (label >= 0) {
        String value = record.get(label);
        if (isMissing(value)) {
          throw new DataFormatException(file, line, columnName(label), "the label is missing ('"
              + abbreviate(value) + "'); every row needs one");
        }
        if (fixedClasses == null) {
          labels.add(value);
        } else {
          Integer id = fixedClasses.get(value);
          if (id == null) {
            throw new DataFormatException(file, line, columnName(label), "label '"
                + abbreviate(value) + "' is not one of the " + fixedClasses.size()
                + " classes " + Csv.abbreviate(format.classNames().toString(), 200));
          }
          ids = ensure(ids, rows + 1);
          ids[rows] = id;
        }
      } else {
        y = ensure(y, (rows + 1) * targets.length);
        for (int k = 0; k < targets.length; k++) {
          y[rows * targets.length + k] = number(record, targets[k], line);
        }
      }
      rows++;
    }

    /** A row's features through the given encoding, into the row-major buffer. */
    private void encodeRow(CSVRecord record, long line) throws DataFormatException {
      int n = encoding.width();
      long bytes = 8L * (rows + 1) * n;
      if (bytes > budget) {
        throw new DataFormatException(file, line, null, "the encoded inputs of " + (rows + 1)
            + " rows of " + n + " inputs take " + bytes + " bytes, more than the " + budget
            + " bytes (a quarter of the maximum heap) that data may take");
      }
      x = ensure(x, (rows + 1) * n);
      for (int c = 0; c < features.length; c++) {
        String text = record.get(features[c]);
        if (encoding.isNumeric(c)) {
          // a number first: most cells are, and no missing spelling is one
          double v = number.reset(text).matches() ? finite(text, features[c], line)
              : isMissing(text) ? Double.NaN
              : number(record, features[c], line, " (the model reads the column as numeric)");
          encoding.encodeNumber(c, v, x, 1, rows * n);
        } else {
          encoding.encodeCategory(c, isMissing(text) ? ColumnEncoding.MISSING
              : encoding.category(c, text), x, 1, rows * n);
        }
      }
    }

    private boolean isMissing(String text) {
      return text.isEmpty() || missing.contains(text);
    }

    private double number(CSVRecord record, int column, long line) throws DataFormatException {
      String text = record.get(column);
      if (isMissing(text)) {
        throw new DataFormatException(file, line, columnName(column), "the target is missing ('"
            + abbreviate(text) + "'); every row needs its targets");
      }
      return number(record, column, line, "");
    }

    private double number(CSVRecord record, int column, long line, String why)
        throws DataFormatException {
      String text = record.get(column);
      if (!number.reset(text).matches()) {
        throw new DataFormatException(file, line, columnName(column), "'" + abbreviate(text)
            + "' is not a number (decimal or scientific notation, e.g. -1.5 or 2e-3)" + why);
      }
      return finite(text, column, line);
    }

    /** A number's text as a double, which must be finite. */
    private double finite(String text, int column, long line) throws DataFormatException {
      double v = Double.parseDouble(text);
      if (!Double.isFinite(v)) {
        throw new DataFormatException(file, line, columnName(column), "'" + abbreviate(text)
            + "' is not a finite number");
      }
      return v;
    }

    private String columnName(int column) {
      return CsvColumns.name(names, column);
    }

    /** The features encoded, the targets, and the names. */
    Dataset build() throws DataFormatException {
      // held as rows, example after example, as training gathers them: read with an encoding,
      // the rows as read (trimmed to them); learning one, the columns it was fitted and encoded
      // on, turned back into rows a block of inputs at a time
      Inputs X;
      if (raw != null) {
        X = asRows(fitAndEncode());
      } else if (encoding.width() == 0) {
        X = Inputs.columns(new DMatrixRMaj(0, rows));
      } else {
        X = Inputs.rows(Arrays.copyOf(x, rows * encoding.width()), encoding.width());
      }
      x = null;
      List<String> featureNames = names != null ? encoding.inputNames() : List.of();
      List<String> targetNames = new ArrayList<>();
      if (names != null) {
        for (int c : targets) {
          targetNames.add(names.get(c));
        }
      }
      if (label < 0) {
        return Dataset.of(X, transpose(y, rows, targets.length), 0, List.of())
            .withColumnNames(featureNames, targetNames).withEncoding(encoding);
      }
      List<String> classes;
      if (fixedClasses != null) {
        classes = format.classNames();
        ids = Arrays.copyOf(ids, rows);
      } else {
        classes = classNames();
        Map<String, Integer> index = new TreeMap<>();
        for (int c = 0; c < classes.size(); c++) {
          index.put(classes.get(c), c);
        }
        ids = new int[rows];
        for (int i = 0; i < rows; i++) {
          ids[i] = index.get(labels.get(i));
        }
      }
      if (classes.size() < 2) {
        throw new DataFormatException(file, "the label column " + columnName(label)
            + " holds a single class, " + classes + "; classification needs at least 2");
      }
      // the one-hot Y is classes × rows doubles: refuse it before allocating it, not with an
      // OutOfMemoryError (a label 9999 in a small file makes 10,000 classes)
      long bytes = 8L * classes.size() * rows;
      if (bytes > budget) {
        throw new DataFormatException(file, "the label column " + columnName(label) + " makes "
            + classes.size() + " classes for " + rows + " rows: a one-hot Y of " + bytes
            + " bytes, more than the " + budget + " bytes (a quarter of the maximum heap) that "
            + "data may take");
      }
      return Dataset.of(X, Dataset.oneHot(ids, classes.size()), classes.size(), classes)
          .withColumnNames(featureNames, targetNames).withEncoding(encoding);
    }

    /** The encoding the feature columns make, and the inputs it gives them. */
    private DMatrixRMaj fitAndEncode() throws DataFormatException {
      int k = raw.length;
      // the cells column by column: each column's are one contiguous row of T
      DMatrixRMaj T = transpose(x, rows, k);
      x = null;
      List<ColumnEncoding.Column> columns = new ArrayList<>(k);
      long inputs = 0;
      ColumnEncoding.Column widest = null;
      for (int j = 0; j < k; j++) {
        ColumnEncoding.Column fitted = raw[j].fit(T.data, j * rows, rows,
            format.missingIndicators());
        columns.add(fitted);
        inputs += fitted.width();
        if (widest == null || fitted.width() > widest.width()) {
          widest = fitted;
        }
      }
      // refused before the matrix is made: a short text per row makes a whole one-hot row
      long bytes = 8L * inputs * rows;
      if (bytes > budget) {
        throw new DataFormatException(file, "the " + k + " feature columns encode to "
            + inputs + " inputs (column '" + widest.name() + "' alone to " + widest.width()
            + "): " + bytes + " bytes for " + rows + " rows, more than the " + budget
            + " bytes (a quarter of the maximum heap) that data may take");
      }
      encoding = new ColumnEncoding(columns, format.missingValues());
      // every column one input (numbers without indicators): the transposed cells become the
      // inputs in place
      DMatrixRMaj X = encoding.width() == k ? T : new DMatrixRMaj(encoding.width(), rows);
      for (int c = 0; c < k; c++) {
        raw[c].encode(T.data, c * rows, encoding, c, X);
      }
      raw = null;
      return X;
    }

    /** The columns of {@code X} ({@code n × m}) as inputs held example after example. */
    private static Inputs asRows(DMatrixRMaj X) {
      int n = X.numRows;
      int m = X.numCols;
      if (n == 0) {
        return Inputs.columns(X);
      }
      DMatrixRMaj T = new DMatrixRMaj(m, n);
      for (int p = 0; p < n; p += 16) {
        DoubleKernels.transposeBlock(X.data, p * m, Math.min(16, n - p), m, T, p);
      }
      return Inputs.rows(T.data, n);
    }

    /** Integer labels 0…k−1 keep their numbers; other labels become classes in sorted order. */
    private List<String> classNames() {
      TreeSet<String> distinct = new TreeSet<>(labels);
      int max = -1;
      for (String s : distinct) {
        if (!s.matches("0|[1-9][0-9]{0,3}")) {
          return new ArrayList<>(distinct);
        }
        max = Math.max(max, Integer.parseInt(s));
      }
      List<String> names = new ArrayList<>();
      for (int c = 0; c <= max; c++) {
        names.add(String.valueOf(c));
      }
      return names;
    }

    /** Rows of the file become columns of the matrix. */
    private static DMatrixRMaj transpose(double[] values, int rows, int cols) {
      DMatrixRMaj M = new DMatrixRMaj(cols, rows);
      for (int i = 0; i < rows; i++) {
        for (int p = 0; p < cols; p++) {
          M.data[p * rows + i] = values[i * cols + p];
        }
      }
      return M;
    }

    private static double[] ensure(double[] a, int size) {
      return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, 2 * a.length));
    }

    private static int[] ensure(int[] a, int size) {
      return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, 2 * a.length));
    }

    private static String abbreviate(String s) {
      return Csv.abbreviate(s, 40);
    }
  }

  /** {@code s}, cut to {@code max} characters with an ellipsis. */
  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}

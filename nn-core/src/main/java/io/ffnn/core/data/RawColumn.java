package io.ffnn.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One feature column of a training file as it is read: numbers (NaN where missing) until a value
 * is text, then a code per row for its text. What a {@link ColumnEncoding.Column} is fitted from
 * (median or most frequent category, the sorted vocabulary) and what the column's inputs are then
 * encoded from. A column that turns categorical after its first row needs its earlier rows' texts:
 * those rows are marked {@link #PENDING} and read again ({@link #reread}).
 */
final class RawColumn {

  /** A row read as a number before the column turned categorical: its text is read again. */
  static final int PENDING = -3;

  /**
   * An automatically categorical column with more distinct values than this, and more than
   * half as many as it has values, is refused: an identifier or free text, not categories.
   */
  static final int MAX_AUTO_CATEGORIES = 100;

  /** The file's column, 0-based. */
  final int index;
  /** The name an encoding gives it: the header's, or the index. */
  final String name;
  /** For messages, e.g. {@code 'x' (3)}. */
  private final String described;
  private final boolean declared;
  private final Path file;
  private final Set<String> missing;

  private boolean categorical;
  private double[] values = new double[64];
  private int[] codes;
  private final Map<String, Integer> codeOf = new HashMap<>();
  private final List<String> texts = new ArrayList<>();
  private int rows;
  private int missingRows;
  /** Values that look like numbers. */
  private int numbers;
  /** The first row read as categorical: 0 when the column started so. */
  private int flippedAt = -1;
  private long firstTextLine;
  private String firstText;

  RawColumn(Path file, int index, String name, String described, boolean declared,
      Set<String> missing) {
    this.file = file;
    this.index = index;
    this.name = name;
    this.described = described;
    this.declared = declared;
    this.missing = missing;
    if (declared) {
      turnCategorical();
    }
  }

  /** Rows before this one that must be read again for their texts; 0 if none. */
  int pendingRows() {
    return flippedAt > 0 ? flippedAt : 0;
  }

  boolean isMissing(String text) {
    return text.isEmpty() || missing.contains(text);
  }

  /** Reads the next row's value. */
  void add(String text, long line) throws DataFormatException {
    if (rows == (categorical ? codes.length : values.length)) {
      grow();
    }
    if (isMissing(text)) {
      missingRows++;
      if (categorical) {
        codes[rows] = ColumnEncoding.MISSING;
      } else {
        values[rows] = Double.NaN;
      }
      rows++;
      return;
    }
    boolean number = Csv.NUMBER.matcher(text).matches();
    if (number) {
      numbers++;
    }
    if (!categorical) {
      if (number) {
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
          throw new DataFormatException(file, line, described, "'" + text
              + "' is not a finite number");
        }
        values[rows++] = v;
        return;
      }
      firstTextLine = line;
      firstText = text;
      turnCategorical();
    }
    codes[rows++] = code(text);
  }

  /** The text of a {@link #PENDING} row, read again. */
  void reread(int row, String text) {
    if (row < flippedAt && codes[row] == PENDING) {
      codes[row] = code(text);
    }
  }

  private int code(String text) {
    Integer code = codeOf.get(text);
    if (code == null) {
      code = texts.size();
      codeOf.put(text, code);
      texts.add(text);
    }
    return code;
  }

  private void turnCategorical() {
    categorical = true;
    flippedAt = rows;
    codes = new int[values.length];
    for (int i = 0; i < rows; i++) {
      codes[i] = Double.isNaN(values[i]) ? ColumnEncoding.MISSING : PENDING;
    }
    values = null;
  }

  private void grow() {
    if (categorical) {
      codes = Arrays.copyOf(codes, 2 * codes.length);
    } else {
      values = Arrays.copyOf(values, 2 * values.length);
    }
  }

  /**
   * What the column is, learned from its values: the median of a numeric column, the sorted
   * categories and the most frequent one of a categorical column.
   *
   * @param indicator whether to add a missing-value indicator if the column had missing values
   * @throws DataFormatException if the column has no value, or reads as categorical although it
   *     is not: nearly all numbers (a stray text in a numeric column) or nearly all distinct (an
   *     identifier or free text), unless declared categorical
   */
  ColumnEncoding.Column fit(boolean indicator) throws DataFormatException {
    int present = rows - missingRows;
    if (present == 0) {
      throw new DataFormatException(file, "column " + described + " has no value in its "
          + rows + " rows (all missing); skip it");
    }
    boolean flag = indicator && missingRows > 0;
    if (!categorical) {
      double[] sorted = new double[present];
      int k = 0;
      for (int i = 0; i < rows; i++) {
        if (!Double.isNaN(values[i])) {
          sorted[k++] = values[i];
        }
      }
      Arrays.sort(sorted);
      double median = present % 2 == 1 ? sorted[present / 2]
          : (sorted[present / 2 - 1] + sorted[present / 2]) / 2;
      return new ColumnEncoding.Numeric(name, median, flag);
    }
    if (!declared && numbers >= 0.9 * present) {
      throw new DataFormatException(file, firstTextLine, described, "'" + abbreviate(firstText)
          + "' is neither a number nor a missing value, but " + numbers + " of the column's "
          + present + " values are numbers; mark it as missing, or declare the column "
          + "categorical");
    }
    if (!declared && texts.size() > MAX_AUTO_CATEGORIES && texts.size() > present / 2) {
      throw new DataFormatException(file, "column " + described + " has " + texts.size()
          + " distinct values in " + present + " rows: an identifier or free text rather than "
          + "categories; skip it, or declare it categorical to one-hot encode it anyway");
    }
    List<String> categories = new ArrayList<>(texts);
    categories.sort(null);
    int[] counts = new int[texts.size()];
    for (int i = 0; i < rows; i++) {
      if (codes[i] >= 0) {
        counts[codes[i]]++;
      }
    }
    String mode = categories.get(0);
    for (String category : categories) {
      if (counts[codeOf.get(category)] > counts[codeOf.get(mode)]) {
        mode = category;
      }
    }
    return new ColumnEncoding.Categorical(name, categories, mode, flag);
  }

  /**
   * Writes the column's inputs for every row into {@code X} ({@code width × rows}).
   *
   * @param encoding the encoding fitted from the file's columns
   * @param c this column's place in it
   * @param X the encoded inputs. Modified.
   */
  void encode(ColumnEncoding encoding, int c, org.ejml.data.DMatrixRMaj X) {
    final int m = X.numCols;
    if (!categorical) {
      for (int i = 0; i < rows; i++) {
        encoding.encodeNumber(c, values[i], X.data, m, i);
      }
      return;
    }
    int[] sortedIndex = new int[texts.size()];
    for (int code = 0; code < sortedIndex.length; code++) {
      sortedIndex[code] = encoding.category(c, texts.get(code));
    }
    for (int i = 0; i < rows; i++) {
      int k = codes[i] < 0 ? ColumnEncoding.MISSING : sortedIndex[codes[i]];
      encoding.encodeCategory(c, k, X.data, m, i);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}

package io.ffnn.core.data;

import io.ffnn.core.internal.files.Decimals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * One feature column of a training file as it is read. The reader keeps the values, a double per
 * cell, in one row-major buffer (as the file has them, then transposed once); this class says what
 * each cell's double is and keeps what the column needs besides: while the column is numeric, the
 * number itself (NaN where missing); once a value is text, the code of its text (an index into
 * {@link #texts}, {@link ColumnEncoding#MISSING} where missing). The rows read as numbers before
 * the column turned categorical are {@link #PENDING}: their texts are read again ({@link
 * #reread}). From the column's values it fits a {@link ColumnEncoding.Column} (the median, or the
 * sorted vocabulary and the most frequent category) and encodes them.
 */
final class RawColumn {

  /** A row read as a number before the column turned categorical: its text is read again. */
  static final double PENDING = -3;

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
  /** {@link Decimals#NUMBER}'s matcher, reset for each value: a new one per cell costs more. */
  private final Matcher number = Decimals.NUMBER.matcher("");

  private boolean categorical;
  private final Map<String, Integer> codeOf = new HashMap<>();
  private final List<String> texts = new ArrayList<>();
  private int missingRows;
  /** Values that look like numbers. */
  private int numbers;
  /** The first row read as categorical: 0 when the column started so, −1 while numeric. */
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
      categorical = true;
      flippedAt = 0;
    }
  }

  /** Rows before this one that must be read again for their texts; 0 if none. */
  int pendingRows() {
    return flippedAt > 0 ? flippedAt : 0;
  }

  /** Whether the cell of {@code row} turned the column categorical, after earlier rows. */
  boolean turnedAt(int row) {
    return row > 0 && flippedAt == row;
  }

  private boolean isMissing(String text) {
    return text.isEmpty() || missing.contains(text);
  }

  /**
   * The double to keep for this column's cell in {@code row}: the number, NaN where missing; once
   * the column is categorical, the text's code. When the cell turns the column categorical
   * ({@link #turnedAt}), the caller makes the column's earlier cells {@link #PENDING} (or {@link
   * ColumnEncoding#MISSING}).
   */
  double value(String text, long line, int row) throws DataFormatException {
    // a number first: most cells are, and no missing spelling is one
    boolean isNumber = number.reset(text).matches();
    if (!isNumber && isMissing(text)) {
      missingRows++;
      return categorical ? ColumnEncoding.MISSING : Double.NaN;
    }
    if (isNumber) {
      numbers++;
    }
    if (!categorical) {
      if (isNumber) {
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
          throw new DataFormatException(file, line, described, "'" + abbreviate(text)
              + "' is not a finite number");
        }
        return v;
      }
      firstTextLine = line;
      firstText = text;
      categorical = true;
      flippedAt = row;
    }
    return code(text);
  }

  /** An earlier cell when the column turns categorical: missing stays so, a number is read again. */
  static double pending(double number) {
    return Double.isNaN(number) ? ColumnEncoding.MISSING : PENDING;
  }

  /** The code of a {@link #PENDING} row's text, read again. */
  double reread(String text) {
    return code(text);
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

  /**
   * What the column is, learned from its values: the median of a numeric column, the sorted
   * categories and the most frequent one of a categorical column.
   *
   * @param values the column's cells, one per row (a row of the transposed buffer). Not
   *     modified.
   * @param rows the number of rows
   * @param indicator whether to add a missing-value indicator if the column had missing values
   * @throws DataFormatException if the column has no value, or reads as categorical although it
   *     is not: nearly all numbers (a stray text in a numeric column) or nearly all distinct (an
   *     identifier or free text), unless declared categorical
   */
  ColumnEncoding.Column fit(double[] values, int from, int rows, boolean indicator)
      throws DataFormatException {
    int present = rows - missingRows;
    if (present == 0) {
      throw new DataFormatException(file, "column " + described + " has no value in its "
          + rows + " rows (all missing); skip it");
    }
    boolean flag = indicator && missingRows > 0;
    if (!categorical) {
      return new ColumnEncoding.Numeric(name, median(values, from, rows, present), flag);
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
    for (int i = from; i < from + rows; i++) {
      if (values[i] >= 0) {
        counts[(int) values[i]]++;
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
   * The median of the values present: the middle one, or the mean of the two middle ones, found
   * by selection in linear time (sorting every column of a wide file would cost more than
   * reading it).
   */
  private static double median(double[] values, int from, int rows, int present) {
    double[] a = new double[present];
    int k = 0;
    for (int i = from; i < from + rows; i++) {
      if (!Double.isNaN(values[i])) {
        a[k++] = values[i];
      }
    }
    double upper = select(a, present / 2);
    if (present % 2 == 1) {
      return upper;
    }
    // the lower middle is the largest value left of the upper one after selection
    double lower = a[0];
    for (int i = 1; i < present / 2; i++) {
      lower = Math.max(lower, a[i]);
    }
    return (lower + upper) / 2;
  }

  /**
   * The {@code k}-th smallest value (from 0), leaving {@code a[0 … k−1]} no larger than it:
   * Hoare's quickselect with the middle element as pivot.
   */
  static double select(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  /**
   * Writes the column's inputs for every row into {@code X} ({@code width × rows}).
   *
   * @param values the column's cells. Not modified.
   * @param from where they start in {@code values}
   * @param encoding the encoding fitted from the file's columns
   * @param c this column's place in it
   * @param X the encoded inputs. Modified.
   */
  void encode(double[] values, int from, ColumnEncoding encoding, int c,
      org.ejml.data.DMatrixRMaj X) {
    final int m = X.numCols;
    final double[] x = X.data;
    final int row = encoding.offset(c) * m;
    if (!categorical) {
      ColumnEncoding.Numeric column = (ColumnEncoding.Numeric) encoding.columns().get(c);
      final double fill = column.fill();
      for (int i = 0; i < m; i++) {
        double v = values[from + i];
        boolean absent = Double.isNaN(v);
        x[row + i] = absent ? fill : v;
        if (column.indicator()) {
          x[row + m + i] = absent ? 1 : 0;
        }
      }
      return;
    }
    int[] sortedIndex = new int[texts.size()];
    for (int code = 0; code < sortedIndex.length; code++) {
      sortedIndex[code] = encoding.category(c, texts.get(code));
    }
    for (int i = 0; i < m; i++) {
      double v = values[from + i];
      encoding.encodeCategory(c, v < 0 ? ColumnEncoding.MISSING : sortedIndex[(int) v], x, m, i);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}

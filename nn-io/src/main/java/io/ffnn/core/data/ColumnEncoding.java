package io.ffnn.core.data;

import io.ffnn.core.internal.files.Decimals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * How a table's raw columns became a network's inputs, learned from the training data: each
 * column is {@linkplain Numeric numeric} (one input; a missing value becomes the training
 * median) or {@linkplain Categorical categorical} (one-hot: an input per category of the training
 * vocabulary, in sorted order; a missing value becomes the most frequent category, and a
 * category never seen in training gives all zeros, never an error), optionally followed by an
 * indicator input that is 1 where the value was missing. The inputs follow the columns' order,
 * so {@code n[0] = }{@link #width()}.
 *
 * <p>A value is missing when it is empty or one of the {@link #missingValues()} (by default
 * {@link #DEFAULT_MISSING}: {@code NA}, {@code N/A}, {@code NaN}, {@code nan}, {@code NULL},
 * {@code null}, {@code ?}), or a {@code null} or NaN given to {@link #encode(Map, double[])}.
 * This is scikit-learn's {@code SimpleImputer(strategy="median")} with {@code StandardScaler} on
 * numeric columns and {@code SimpleImputer(strategy="most_frequent")} with {@code
 * OneHotEncoder(handle_unknown="ignore")} on string columns; {@link #fitScaler} scales the numeric
 * inputs and leaves the one-hot and indicator inputs as they are.
 *
 * <p>{@link Csv#read} learns an encoding from a training file ({@link Dataset#encoding()}) and
 * applies a given one to later files ({@link CsvFormat#withEncoding}), finding the columns by name
 * in any order; a {@link io.ffnn.core.model.Model} keeps it and applies it to rows ({@code
 * Model.predictRow}). Immutable and thread-safe.
 */
public final class ColumnEncoding {

  /** The spellings of a missing value besides the empty cell, unless a format says otherwise. */
  public static final List<String> DEFAULT_MISSING =
      List.of("NA", "N/A", "NaN", "nan", "NULL", "null", "?");

  /** How one raw column becomes inputs. */
  public sealed interface Column permits Numeric, Categorical {

    /**
     * The column's name, as the training file's header gave it (or its 0-based index, for a file
     * without a header).
     *
     * @return the name
     */
    String name();

    /**
     * Whether an indicator input (1 where the value is missing) follows the column's inputs.
     *
     * @return true with an indicator
     */
    boolean indicator();

    /**
     * The number of inputs the column becomes.
     *
     * @return 1 or the number of categories, plus 1 with an indicator
     */
    int width();
  }

  /**
   * A numeric column: one input, the value itself, or {@code fill} where it is missing.
   *
   * @param name the column's name
   * @param fill what a missing value becomes: the training data's median
   * @param indicator whether a missing-value indicator input follows
   */
  public record Numeric(String name, double fill, boolean indicator) implements Column {

    /** {@return the column's name} */
    public String name() {
      return name;
    }

    /** {@return what a missing value becomes: the training data's median} */
    public double fill() {
      return fill;
    }

    /** {@return whether a missing-value indicator input follows} */
    public boolean indicator() {
      return indicator;
    }

    /**
     * A numeric column.
     *
     * @param name the column's name
     * @param fill what a missing value becomes
     * @param indicator whether a missing-value indicator input follows
     * @throws IllegalArgumentException if the name is empty or the fill is not finite
     */
    public Numeric {
      requireName(name);
      if (!Double.isFinite(fill)) {
        throw new IllegalArgumentException("column '" + name + "': the fill value must be finite, "
            + "got " + fill);
      }
    }

    @Override
    public int width() {
      return indicator ? 2 : 1;
    }
  }

  /**
   * A categorical column: one input per category, 1 for the row's category and 0 for the others;
   * all 0 for a category not in the list.
   *
   * @param name the column's name
   * @param categories the training data's categories, in input order, each once
   * @param fill the category a missing value becomes: the training data's most frequent one
   * @param indicator whether a missing-value indicator input follows
   */
  public record Categorical(String name, List<String> categories, String fill, boolean indicator)
      implements Column {

    /** {@return the column's name} */
    public String name() {
      return name;
    }

    /** {@return the training data's categories, in input order, each once} */
    public List<String> categories() {
      return categories;
    }

    /** {@return the category a missing value becomes: the training data's most frequent one} */
    public String fill() {
      return fill;
    }

    /** {@return whether a missing-value indicator input follows} */
    public boolean indicator() {
      return indicator;
    }

    /**
     * A categorical column.
     *
     * @param name the column's name
     * @param categories the categories, in input order
     * @param fill the category a missing value becomes
     * @param indicator whether a missing-value indicator input follows
     * @throws IllegalArgumentException if the name is empty, the categories are none or repeat,
     *     or the fill is not one of them
     */
    public Categorical {
      requireName(name);
      categories = List.copyOf(categories);
      if (categories.isEmpty()) {
        throw new IllegalArgumentException("column '" + name + "' has no categories");
      }
      if (new HashSet<>(categories).size() != categories.size()) {
        throw new IllegalArgumentException("column '" + name + "' lists a category twice");
      }
      if (!categories.contains(fill)) {
        throw new IllegalArgumentException("column '" + name + "': the fill category '" + fill
            + "' is not one of its categories");
      }
    }

    @Override
    public int width() {
      return categories.size() + (indicator ? 1 : 0);
    }
  }

  private final List<Column> columns;
  private final List<String> missingValues;
  private final Set<String> missing;
  private final int width;
  /** Where each column's inputs start. */
  private final int[] offset;
  /** For each categorical column, category → index; null for a numeric one. */
  private final List<Map<String, Integer>> index;
  private final List<String> inputNames;

  /**
   * An encoding.
   *
   * @param columns the columns, in input order, each name once
   * @param missingValues the spellings of a missing value besides the empty cell
   * @throws IllegalArgumentException if there are no columns or a name repeats
   */
  public ColumnEncoding(List<? extends Column> columns, List<String> missingValues) {
    this.columns = List.copyOf(columns);
    this.missingValues = List.copyOf(missingValues);
    if (this.columns.isEmpty()) {
      throw new IllegalArgumentException("an encoding needs at least one column");
    }
    this.missing = new HashSet<>(this.missingValues);
    this.offset = new int[this.columns.size()];
    this.index = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long total = 0;
    for (int c = 0; c < this.columns.size(); c++) {
      Column column = this.columns.get(c);
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException("column '" + column.name() + "' is encoded twice");
      }
      offset[c] = (int) Math.min(total, Integer.MAX_VALUE);
      total += column.width();
      Map<String, Integer> categories = null;
      if (column instanceof Categorical cat) {
        categories = new HashMap<>();
        for (String s : cat.categories()) {
          categories.put(s, categories.size());
        }
      }
      index.add(categories);
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the columns encode to " + total + " inputs, more than "
          + "a network takes");
    }
    this.width = (int) total;
    this.inputNames = List.copyOf(names());
  }

  private static void requireName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a column needs a name");
    }
  }

  /**
   * The columns, in input order.
   *
   * @return the columns
   */
  public List<Column> columns() {
    return columns;
  }

  /**
   * The raw columns' names, in order: what a file or a row must provide.
   *
   * @return the names
   */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * The spellings of a missing value besides the empty cell.
   *
   * @return the list
   */
  public List<String> missingValues() {
    return missingValues;
  }

  /**
   * The number of inputs, {@code n[0]}.
   *
   * @return the sum of the columns' widths
   */
  public int width() {
    return width;
  }

  /**
   * The inputs' names: a numeric column's name, {@code name=category} for each category of a
   * categorical one, and {@code name (missing)} for an indicator (made distinct with a {@code #2}
   * suffix where a column's own name would repeat one).
   *
   * @return {@link #width()} names
   */
  public List<String> inputNames() {
    return inputNames;
  }

  private List<String> names() {
    List<String> names = new ArrayList<>(width);
    Set<String> used = new HashSet<>(columnNames());
    for (Column column : columns) {
      if (column instanceof Categorical cat) {
        for (String category : cat.categories()) {
          names.add(distinct(column.name() + "=" + category, used));
        }
      } else {
        names.add(column.name());
      }
      if (column.indicator()) {
        names.add(distinct(column.name() + " (missing)", used));
      }
    }
    return names;
  }

  private static String distinct(String name, Set<String> used) {
    String candidate = name;
    for (int k = 2; !used.add(candidate); k++) {
      candidate = name + " #" + k;
    }
    return candidate;
  }

  /** Whether each input is a numeric value (which a scaler scales), not a one-hot or indicator. */
  boolean[] numericInputs() {
    boolean[] numeric = new boolean[width];
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c) instanceof Numeric) {
        numeric[offset[c]] = true;
      }
    }
    return numeric;
  }

  /**
   * A scaler for encoded inputs: fitted to the numeric inputs, the identity (shift 0, scale 1) on
   * the one-hot and indicator inputs, which stay 0 and 1.
   *
   * @param kind how to scale
   * @param X encoded training inputs, {@link #width()} {@code × m}. Not modified.
   * @return the scaler
   * @throws IllegalArgumentException if {@code X} does not have {@link #width()} rows
   */
  public Scaler fitScaler(Scaler.Kind kind, DMatrixRMaj X) {
    if (X.numRows != width) {
      throw new IllegalArgumentException("the encoding has " + width + " inputs but X has "
          + X.numRows + " rows");
    }
    return numericOnly(Scaler.fit(kind, X));
  }

  /**
   * A scaler for a dataset's encoded inputs, however it holds them, as {@link #fitScaler(Scaler.Kind,
   * DMatrixRMaj)} fits one to its matrix.
   *
   * @param kind how to scale
   * @param data encoded training data, {@link #width()} features
   * @return the scaler
   * @throws IllegalArgumentException if the data do not have {@link #width()} features
   */
  public Scaler fitScaler(Scaler.Kind kind, Dataset data) {
    if (data.features() != width) {
      throw new IllegalArgumentException("the encoding has " + width + " inputs but the data "
          + "have " + data.features() + " features");
    }
    return numericOnly(Scaler.fit(kind, data));
  }

  /** A fitted scaler, left the identity on the one-hot and indicator inputs. */
  private Scaler numericOnly(Scaler fitted) {
    Scaler.Kind kind = fitted.kind();
    double[] shift = fitted.shift();
    double[] scale = fitted.scale();
    boolean[] numeric = numericInputs();
    for (int p = 0; p < width; p++) {
      if (!numeric[p]) {
        shift[p] = 0;
        scale[p] = 1;
      }
    }
    return new Scaler(kind, shift, scale);
  }

  /** Whether a text is a missing value: null, empty, or one of {@link #missingValues()}. */
  private boolean isMissing(String text) {
    return text == null || text.isEmpty() || missing.contains(text);
  }

  /**
   * Encodes one row given by column name: a numeric column takes a {@link Number} or a number's
   * text, a categorical column a text (a number stands for its decimal text, {@code 3} or {@code
   * 2.5}, a boolean for {@code true} or {@code false}); {@code null}, NaN and the missing
   * spellings are missing. Columns the encoding does not name are ignored.
   *
   * @param row column name → value
   * @param x the inputs, {@link #width()} entries. Modified.
   * @throws IllegalArgumentException naming the column if one is absent from the row or its value
   *     cannot be read
   */
  public void encode(Map<String, ?> row, double[] x) {
    Objects.requireNonNull(row, "row");
    if (x.length != width) {
      throw new IllegalArgumentException("the encoding has " + width + " inputs but the array "
          + "has " + x.length);
    }
    for (int c = 0; c < columns.size(); c++) {
      Column column = columns.get(c);
      if (!row.containsKey(column.name())) {
        throw new IllegalArgumentException("the row has no column '" + column.name()
            + "'; the model reads " + abbreviate(columnNames().toString()));
      }
      Object value = row.get(column.name());
      if (column instanceof Numeric) {
        encodeNumber(c, number(column.name(), value), x, 1, 0);
      } else {
        String text = value == null ? null : value instanceof Number ? decimal((Number) value)
            : value instanceof CharSequence || value instanceof Boolean
            ? value.toString().trim() : null;
        if (value != null && text == null && !(value instanceof Number)) {
          throw new IllegalArgumentException("column '" + column.name() + "' is categorical: "
              + "its value must be a string, a number or a boolean, got "
              + value.getClass().getName());
        }
        encodeCategory(c, isMissing(text) ? MISSING : category(c, text), x, 1, 0);
      }
    }
  }

  private double number(String name, Object value) {
    if (value == null) {
      return Double.NaN;
    }
    double v;
    if (value instanceof Number) {
      v = ((Number) value).doubleValue();
    } else if (value instanceof CharSequence) {
      String text = value.toString().trim();
      if (isMissing(text)) {
        return Double.NaN;
      }
      if (!Decimals.NUMBER.matcher(text).matches()) {
        throw new IllegalArgumentException("column '" + name + "' is numeric: '"
            + abbreviate(text) + "' is neither a number nor a missing value");
      }
      v = Double.parseDouble(text);
    } else {
      throw new IllegalArgumentException("column '" + name + "' is numeric: its value must be a "
          + "number or a number's text, got " + value.getClass().getName());
    }
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException("column '" + name + "': " + v + " is not finite");
    }
    return v;
  }

  /** A number's decimal text: {@code 3} for an integral value, else Java's shortest form. */
  private static String decimal(Number n) {
    double v = n.doubleValue();
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.toString();
    }
    if (Double.isNaN(v)) {
      return null;
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** A categorical value's code for a missing value. */
  static final int MISSING = -2;
  /** A categorical value's code for a category not in the vocabulary. */
  static final int UNSEEN = -1;

  /**
   * The index of a category of categorical column {@code c}, or {@link #UNSEEN}.
   */
  int category(int c, String text) {
    Integer k = index.get(c).get(text);
    return k == null ? UNSEEN : k;
  }

  /** The first input of column {@code c}. */
  int offset(int c) {
    return offset[c];
  }

  /** Whether column {@code c} is numeric. */
  boolean isNumeric(int c) {
    return columns.get(c) instanceof Numeric;
  }

  /**
   * Writes numeric column {@code c}'s inputs for a value (NaN: missing) at {@code x[at]}, {@code
   * x[at + stride]}: the value or its fill, then the indicator.
   */
  void encodeNumber(int c, double v, double[] x, int stride, int at) {
    Numeric column = (Numeric) columns.get(c);
    int p = at + offset[c] * stride;
    boolean absent = Double.isNaN(v);
    x[p] = absent ? column.fill() : v;
    if (column.indicator()) {
      x[p + stride] = absent ? 1 : 0;
    }
  }

  /**
   * Writes categorical column {@code c}'s inputs for a category index ({@link #MISSING}: the
   * fill; {@link #UNSEEN}: none) at {@code x[at]}, {@code x[at + stride]}, …
   */
  void encodeCategory(int c, int k, double[] x, int stride, int at) {
    Categorical column = (Categorical) columns.get(c);
    int p = at + offset[c] * stride;
    int size = column.categories().size();
    int hot = k == MISSING ? index.get(c).get(column.fill()) : k;
    for (int j = 0; j < size; j++) {
      x[p + j * stride] = j == hot ? 1 : 0;
    }
    if (column.indicator()) {
      x[p + size * stride] = k == MISSING ? 1 : 0;
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 197) + "...";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnEncoding e && e.columns.equals(columns)
        && e.missingValues.equals(missingValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, missingValues);
  }

  /**
   * A summary, e.g. {@code 7 columns -> 10 inputs: 5 numeric, island (3 categories), sex (2
   * categories)}, ending with {@code ; 2 with a missing-value indicator} where there are some.
   *
   * @return one line
   */
  @Override
  public String toString() {
    int numeric = 0;
    List<String> parts = new ArrayList<>();
    for (Column c : columns) {
      if (c instanceof Categorical cat) {
        int k = cat.categories().size();
        parts.add(c.name() + " (" + k + " categor" + (k == 1 ? "y" : "ies") + ")");
      } else {
        numeric++;
      }
    }
    long indicators = columns.stream().filter(Column::indicator).count();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d column%s -> %d inputs: "
        + "%d numeric", columns.size(), columns.size() == 1 ? "" : "s", width, numeric));
    parts.forEach(p -> sb.append(", ").append(p));
    if (indicators > 0) {
      sb.append("; ").append(indicators).append(" with a missing-value indicator");
    }
    return sb.toString();
  }
}

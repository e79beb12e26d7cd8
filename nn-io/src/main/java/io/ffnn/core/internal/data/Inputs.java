package io.ffnn.core.internal.data;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A dataset's inputs as they are held: the {@code n × m} columns a caller gave ({@link
 * #columns}), whole examples as rows in {@code double} or {@code float} ({@link #rows}), or bytes
 * read through a table of each feature's values ({@link #bytes}, for images). Whatever the form,
 * they are read the same way: examples gathered as columns in {@code double}, or as rows in {@code
 * float}, with any scaling {@code x' = (x − shift) · (1 / scale)} applied as they are read, with
 * the operations of {@code Scaler.transform}, so the values are those of the scaled matrix bit for
 * bit.
 *
 * <p>Immutable: scaling or selecting examples makes new inputs that share what they can.
 */
public abstract class Inputs {

  /** The number of features, {@code n}. */
  protected final int n;
  /** The number of examples, {@code m}. */
  protected final int m;

  Inputs(int n, int m) {
    this.n = n;
    this.m = m;
  }

  /**
   * Inputs held as the caller gave them.
   *
   * @param X {@code n × m}, examples as columns. Held, not copied.
   * @return the inputs
   */
  public static Inputs columns(DMatrixRMaj X) {
    return new ColumnInputs(X, null, null);
  }

  /**
   * Inputs held as whole examples, one after another.
   *
   * @param values {@code m · n} values, example {@code i}'s feature {@code p} at {@code i · n + p}.
   *     Held, not copied.
   * @param n the number of features
   * @return the inputs
   */
  public static Inputs rows(double[] values, int n) {
    return new RowInputs(values, null, n);
  }

  /**
   * Inputs held as whole examples in {@code float}.
   *
   * @param values {@code m · n} values, as for {@link #rows(double[], int)}. Held, not copied.
   * @param n the number of features
   * @return the inputs
   */
  public static Inputs rows(float[] values, int n) {
    return new RowInputs(null, values, n);
  }

  /**
   * Inputs held as bytes, whole examples one after another, each read as {@code (b & 0xFF) /
   * divisor}: images keep their pixels as they were read, an eighth of their {@code double} size.
   *
   * @param values {@code m · n} bytes, example {@code i}'s feature {@code p} at {@code i · n + p}.
   *     Held, not copied.
   * @param n the number of features
   * @param divisor what each byte's value is divided by, 255 for pixels in [0, 1]
   * @return the inputs
   */
  public static Inputs bytes(byte[] values, int n, double divisor) {
    return ByteInputs.of(values, n, divisor);
  }

  /**
   * The number of features.
   *
   * @return {@code n[0]}
   */
  public final int features() {
    return n;
  }

  /**
   * The number of examples.
   *
   * @return {@code m}
   */
  public final int size() {
    return m;
  }

  /**
   * Whether whole examples are contiguous, so that gathering a shuffled batch streams them: what a
   * trainer would otherwise make an example-major copy for.
   *
   * @return whether examples are held as rows
   */
  public abstract boolean exampleMajor();

  /**
   * Whether each value is read through a table (bytes): gathering them costs a lookup per entry,
   * which a {@code float} copy of the rows saves.
   *
   * @return true for inputs held as bytes
   */
  public boolean readThroughTables() {
    return false;
  }

  /**
   * The caller's matrix, when the inputs are exactly that: held as given and not scaled.
   *
   * @return {@code X}, or null
   */
  public DMatrixRMaj plainColumns() {
    return null;
  }

  /**
   * The examples {@code order[from … to−1]} as the columns of {@code out}.
   *
   * @param order example indices
   * @param from the first position in {@code order}
   * @param to one past the last
   * @param out reshaped to {@code n × (to − from)}. Modified.
   */
  public abstract void gatherColumns(int[] order, int from, int to, DMatrixRMaj out);

  /**
   * The examples {@code order[from … to−1]} as the rows of {@code out}, each value rounded to
   * {@code float} once, from its {@code double} value.
   *
   * @param order example indices
   * @param from the first position in {@code order}
   * @param to one past the last
   * @param out reshaped to {@code (to − from) × n}. Modified.
   */
  public abstract void gatherRows(int[] order, int from, int to, FMatrixRMaj out);

  /**
   * The examples {@code from … to−1} as columns: {@link #gatherColumns} in their own order.
   *
   * @param from the first example
   * @param to one past the last
   * @param out reshaped to {@code n × (to − from)}. Modified.
   */
  public void range(int from, int to, DMatrixRMaj out) {
    int[] order = new int[to - from];
    for (int k = 0; k < order.length; k++) {
      order[k] = from + k;
    }
    gatherColumns(order, 0, order.length, out);
  }

  /**
   * Example {@code i}'s values, as read.
   *
   * @param i the example
   * @param out at least {@code n} long; receives the values. Modified.
   */
  public abstract void example(int i, double[] out);

  /**
   * The examples at the given positions, in that order, held in the same form.
   *
   * @param examples example indices
   * @return new inputs
   */
  public abstract Inputs select(int[] examples);

  /**
   * These inputs read scaled: {@code (x − shift[p]) · inv[p]} for feature {@code p}, where {@code
   * inv[p] = 1 / scale[p]}.
   *
   * @param shift per feature
   * @param inv per feature, the reciprocal of the scale
   * @return new inputs, sharing the values held
   */
  public abstract Inputs scaled(double[] shift, double[] inv);

  /**
   * A copy of the examples as read, whole examples one after another, in {@code float} (each value
   * rounded once) or {@code double}.
   *
   * @param inFloat whether to keep {@code float}
   * @return unscaled row inputs
   */
  public Inputs rowCopy(boolean inFloat) {
    double[] row = new double[n];
    if (inFloat) {
      float[] values = new float[Math.multiplyExact(m, n)];
      for (int i = 0; i < m; i++) {
        example(i, row);
        for (int p = 0; p < n; p++) {
          values[i * n + p] = (float) row[p];
        }
      }
      return new RowInputs(null, values, n);
    }
    double[] values = new double[Math.multiplyExact(m, n)];
    for (int i = 0; i < m; i++) {
      example(i, row);
      System.arraycopy(row, 0, values, i * n, n);
    }
    return new RowInputs(values, null, n);
  }

  /**
   * The bytes held.
   *
   * @return the values' size, with any tables
   */
  public abstract long bytesHeld();

  /**
   * The first non-finite value, or null: where it is ({@code [feature,example]}) and what.
   *
   * @return a description, or null when every value is finite
   */
  public String firstNonFinite() {
    double[] row = new double[n];
    for (int i = 0; i < m; i++) {
      example(i, row);
      for (int p = 0; p < n; p++) {
        if (!Double.isFinite(row[p])) {
          return "has " + row[p] + " at [" + p + "," + i + "]";
        }
      }
    }
    return null;
  }

  /**
   * Scales a batch gathered as columns in place: row {@code p} of {@code out} is feature {@code
   * p}, scaled as {@code Scaler.transform} scales a row of {@code X}.
   */
  static void scaleColumns(DMatrixRMaj out, double[] shift, double[] inv) {
    final int width = out.numCols;
    for (int p = 0; p < out.numRows; p++) {
      final double s = shift[p];
      final double k = inv[p];
      for (int j = p * width; j < (p + 1) * width; j++) {
        out.data[j] = scale(out.data[j], s, k);
      }
    }
  }

  /** {@code (x − s) · inv}, as {@code Scaler.transform} computes it. */
  static double scale(double x, double s, double inv) {
    return (x - s) * inv;
  }
}

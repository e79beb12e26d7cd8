package io.ffnn.core.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Feature scaling, {@code x' = (x − shift) / scale} for each feature (row of {@code X}), fitted on
 * training data only and stored with a model so that predictions scale their inputs the same way.
 * Fitted on regression targets (rows of {@code Y}), it scales what the network learns, and {@link
 * #inverseTransform} brings predictions back to the targets' units.
 *
 * <ul>
 *   <li>{@link Kind#STANDARD}: shift = mean, scale = standard deviation (population), so features
 *       have mean 0 and variance 1 on the training data;
 *   <li>{@link Kind#MIN_MAX}: shift = minimum, scale = maximum − minimum, mapping the training
 *       range to [0, 1].
 * </ul>
 *
 * A constant feature gets scale 1. Immutable.
 */
public final class Scaler {

  /** The scaling method. */
  public enum Kind {
    /** Zero mean, unit variance. */
    STANDARD,
    /** The training range to [0, 1]. */
    MIN_MAX
  }

  private final Kind kind;
  private final double[] shift;
  private final double[] scale;

  /**
   * A scaler with given parameters (as read from a model file).
   *
   * @param kind the method
   * @param shift per feature
   * @param scale per feature, finite and non-zero
   * @throws IllegalArgumentException if the arrays differ in length or hold invalid values
   */
  public Scaler(Kind kind, double[] shift, double[] scale) {
    this.kind = Objects.requireNonNull(kind, "kind");
    if (shift.length != scale.length || shift.length == 0) {
      throw new IllegalArgumentException("a scaler needs one shift and one scale per feature, got "
          + shift.length + " and " + scale.length);
    }
    for (int p = 0; p < shift.length; p++) {
      if (!Double.isFinite(shift[p]) || !Double.isFinite(scale[p]) || scale[p] == 0) {
        throw new IllegalArgumentException("scaler feature " + p + ": shift " + shift[p]
            + " and scale " + scale[p] + " must be finite, the scale non-zero");
      }
    }
    this.shift = shift.clone();
    this.scale = scale.clone();
  }

  /**
   * Fits a scaler to training inputs.
   *
   * @param kind the method
   * @param X the training inputs, {@code n × m}, {@code m >= 1}. Not modified.
   * @return the fitted scaler
   */
  public static Scaler fit(Kind kind, DMatrixRMaj X) {
    final int n = X.numRows;
    final int m = X.numCols;
    if (m < 1 || n < 1) {
      throw new IllegalArgumentException("a scaler needs data to fit, got " + n + "x" + m);
    }
    double[] shift = new double[n];
    double[] scale = new double[n];
    for (int p = 0; p < n; p++) {
      if (kind == Kind.STANDARD) {
        double mean = 0;
        for (int i = 0; i < m; i++) {
          mean += X.get(p, i);
        }
        mean /= m;
        double var = 0;
        for (int i = 0; i < m; i++) {
          double d = X.get(p, i) - mean;
          var += d * d;
        }
        double sd = Math.sqrt(var / m);
        shift[p] = mean;
        scale[p] = sd > 0 ? sd : 1;
      } else {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
          min = Math.min(min, X.get(p, i));
          max = Math.max(max, X.get(p, i));
        }
        shift[p] = min;
        scale[p] = max > min ? max - min : 1;
      }
    }
    return new Scaler(kind, shift, scale);
  }

  /**
   * Fits a scaler to a dataset's inputs, however they are held, with the arithmetic of {@link
   * #fit(Kind, DMatrixRMaj)} on its matrix: each feature's values are summed in example order, so
   * the scaler is the same to the bit, without the matrix being made.
   *
   * @param kind the method
   * @param data the training data, {@code m >= 1}
   * @return the fitted scaler
   */
  public static Scaler fit(Kind kind, Dataset data) {
    DMatrixRMaj X = data.inputs().plainColumns();
    if (X != null) {
      return fit(kind, X);
    }
    var inputs = data.inputs();
    final int n = inputs.features();
    final int m = inputs.size();
    if (m < 1 || n < 1) {
      throw new IllegalArgumentException("a scaler needs data to fit, got " + n + "x" + m);
    }
    double[] x = new double[n];
    double[] shift = new double[n];
    double[] scale = new double[n];
    if (kind == Kind.STANDARD) {
      double[] mean = new double[n];
      for (int i = 0; i < m; i++) {
        inputs.example(i, x);
        for (int p = 0; p < n; p++) {
          mean[p] += x[p];
        }
      }
      for (int p = 0; p < n; p++) {
        mean[p] /= m;
      }
      double[] var = new double[n];
      for (int i = 0; i < m; i++) {
        inputs.example(i, x);
        for (int p = 0; p < n; p++) {
          double d = x[p] - mean[p];
          var[p] += d * d;
        }
      }
      for (int p = 0; p < n; p++) {
        double sd = Math.sqrt(var[p] / m);
        shift[p] = mean[p];
        scale[p] = sd > 0 ? sd : 1;
      }
    } else {
      double[] min = new double[n];
      double[] max = new double[n];
      java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (int i = 0; i < m; i++) {
        inputs.example(i, x);
        for (int p = 0; p < n; p++) {
          min[p] = Math.min(min[p], x[p]);
          max[p] = Math.max(max[p], x[p]);
        }
      }
      for (int p = 0; p < n; p++) {
        shift[p] = min[p];
        scale[p] = max[p] > min[p] ? max[p] - min[p] : 1;
      }
    }
    return new Scaler(kind, shift, scale);
  }

  /** {@code 1 / scale[p]} for each feature, what {@link #transform} multiplies by. */
  double[] inverseScale() {
    double[] inv = new double[scale.length];
    for (int p = 0; p < scale.length; p++) {
      inv[p] = 1.0 / scale[p];
    }
    return inv;
  }

  /**
   * Scales inputs.
   *
   * @param X inputs, {@code n × m}. Not modified.
   * @param out the scaled inputs, reshaped to {@code n × m}. Modified; may be {@code X} itself.
   * @throws IllegalArgumentException if {@code X} does not have this scaler's number of features
   */
  public void transform(DMatrixRMaj X, DMatrixRMaj out) {
    if (X.numRows != shift.length) {
      throw new IllegalArgumentException("the scaler was fitted to " + shift.length
          + " features but X has " + X.numRows + " rows");
    }
    out.reshape(X.numRows, X.numCols);
    final int m = X.numCols;
    for (int p = 0; p < shift.length; p++) {
      final double s = shift[p];
      final double inv = 1.0 / scale[p];
      for (int i = 0; i < m; i++) {
        out.data[p * m + i] = (X.data[p * m + i] - s) * inv;
      }
    }
  }

  /**
   * Scales inputs into a new matrix.
   *
   * @param X inputs. Not modified.
   * @return the scaled copy
   */
  public DMatrixRMaj transform(DMatrixRMaj X) {
    DMatrixRMaj out = new DMatrixRMaj(X.numRows, X.numCols);
    transform(X, out);
    return out;
  }

  /**
   * Undoes the scaling, {@code x = x' · scale + shift}: predictions of scaled targets in the
   * targets' own units.
   *
   * @param scaled scaled values, {@code n × m}. Not modified.
   * @param out the values in the original units, reshaped to {@code n × m}. Modified; may be
   *     {@code scaled} itself.
   * @throws IllegalArgumentException if {@code scaled} does not have this scaler's number of rows
   */
  public void inverseTransform(DMatrixRMaj scaled, DMatrixRMaj out) {
    if (scaled.numRows != shift.length) {
      throw new IllegalArgumentException("the scaler was fitted to " + shift.length
          + " rows but the matrix has " + scaled.numRows);
    }
    out.reshape(scaled.numRows, scaled.numCols);
    final int m = scaled.numCols;
    for (int p = 0; p < shift.length; p++) {
      final double s = shift[p];
      final double k = scale[p];
      for (int i = 0; i < m; i++) {
        out.data[p * m + i] = scaled.data[p * m + i] * k + s;
      }
    }
  }

  /**
   * Undoes the scaling into a new matrix.
   *
   * @param scaled scaled values. Not modified.
   * @return the values in the original units
   */
  public DMatrixRMaj inverseTransform(DMatrixRMaj scaled) {
    DMatrixRMaj out = new DMatrixRMaj(scaled.numRows, scaled.numCols);
    inverseTransform(scaled, out);
    return out;
  }

  /**
   * The method.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The number of features.
   *
   * @return {@code n}
   */
  public int features() {
    return shift.length;
  }

  /**
   * The shifts, one per feature.
   *
   * @return a copy
   */
  public double[] shift() {
    return shift.clone();
  }

  /**
   * The scales, one per feature.
   *
   * @return a copy
   */
  public double[] scale() {
    return scale.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scaler && ((Scaler) o).kind == kind
        && Arrays.equals(((Scaler) o).shift, shift) && Arrays.equals(((Scaler) o).scale, scale);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, Arrays.hashCode(shift), Arrays.hashCode(scale));
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + " scaler of " + shift.length + " features";
  }
}

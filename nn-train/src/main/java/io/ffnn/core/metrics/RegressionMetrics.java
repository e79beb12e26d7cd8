package io.ffnn.core.metrics;

import io.ffnn.api.Shapes;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Mean squared error, mean absolute error and the coefficient of determination {@code R² = 1 −
 * SS_res / SS_tot}, averaged over the outputs (scikit-learn's "uniform average"), of real-valued
 * predictions. Immutable.
 */
public final class RegressionMetrics {

  private final double mse;
  private final double mae;
  private final double r2;

  private RegressionMetrics(double mse, double mae, double r2) {
    this.mse = mse;
    this.mae = mae;
    this.r2 = r2;
  }

  /**
   * Computes the metrics.
   *
   * @param Yhat predictions, {@code n × m}. Not modified.
   * @param Y targets, {@code n × m}. Not modified.
   * @return the metrics
   * @throws IllegalArgumentException if the shapes differ or are empty
   */
  public static RegressionMetrics of(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    Shapes.requireNonEmpty("regression metrics", "Ŷ", Yhat);
    Shapes.requireSameShape("regression metrics", "Ŷ", Yhat, "Y", Y);
    Accumulator a = new Accumulator(Yhat.numRows);
    a.add(Yhat, Y);
    return a.result();
  }

  /**
   * The mean squared error over all entries.
   *
   * @return MSE
   */
  public double mse() {
    return mse;
  }

  /**
   * The mean absolute error over all entries.
   *
   * @return MAE
   */
  public double mae() {
    return mae;
  }

  /**
   * {@code R²}, averaged over the outputs; 1 is perfect, 0 is no better than the mean, and an
   * output whose targets are constant counts as 1 if predicted exactly, else 0.
   *
   * @return {@code R²}
   */
  public double r2() {
    return r2;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "mse %.6g, mae %.6g, r2 %.6f", mse, mae, r2);
  }

  /**
   * Accumulates the sums behind the metrics batch by batch, so that a trainer gets the metrics of
   * a whole epoch without a second pass. Mutable.
   */
  public static final class Accumulator {
    private final int n;
    private final double[] sumY;
    private final double[] sumY2;
    private final double[] sumSq;
    private double sumAbs;
    private long count;

    /**
     * An empty accumulator.
     *
     * @param outputs {@code n}
     */
    public Accumulator(int outputs) {
      this.n = outputs;
      sumY = new double[outputs];
      sumY2 = new double[outputs];
      sumSq = new double[outputs];
    }

    /** Forgets everything added so far. */
    public void reset() {
      java.util.Arrays.fill(sumY, 0);
      java.util.Arrays.fill(sumY2, 0);
      java.util.Arrays.fill(sumSq, 0);
      sumAbs = 0;
      count = 0;
    }

    /**
     * Adds a batch.
     *
     * @param Yhat predictions, {@code n × m}. Not modified.
     * @param Y targets, {@code n × m}. Not modified.
     */
    public void add(DMatrixRMaj Yhat, DMatrixRMaj Y) {
      final int m = Yhat.numCols;
      for (int p = 0; p < n; p++) {
        for (int i = 0; i < m; i++) {
          double y = Y.data[p * m + i];
          double d = Yhat.data[p * m + i] - y;
          sumY[p] += y;
          sumY2[p] += y * y;
          sumSq[p] += d * d;
          sumAbs += Math.abs(d);
        }
      }
      count += m;
    }

    /**
     * The metrics of everything added.
     *
     * @return the metrics
     */
    public RegressionMetrics result() {
      double sq = 0;
      double r2 = 0;
      for (int p = 0; p < n; p++) {
        sq += sumSq[p];
        double total = sumY2[p] - sumY[p] * sumY[p] / count;
        r2 += total > 1e-12 * Math.max(1, sumY2[p]) ? 1 - sumSq[p] / total
            : sumSq[p] == 0 ? 1 : 0;
      }
      double entries = (double) count * n;
      return new RegressionMetrics(sq / entries, sumAbs / entries, r2 / n);
    }
  }
}

package io.ffnn.core.metrics;

import io.ffnn.api.Shapes;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Metrics of {@code n} independent yes/no labels per example: per-label accuracy, the Hamming loss
 * (the fraction of wrong labels) and subset accuracy (the fraction of examples with every label
 * right). A label is "yes" when its output (and target) reaches the threshold. Immutable.
 */
public final class MultiLabelMetrics {

  private final double[] labelAccuracy;
  private final double hammingLoss;
  private final double subsetAccuracy;

  private MultiLabelMetrics(double[] labelAccuracy, double hammingLoss, double subsetAccuracy) {
    this.labelAccuracy = labelAccuracy;
    this.hammingLoss = hammingLoss;
    this.subsetAccuracy = subsetAccuracy;
  }

  /**
   * Computes the metrics.
   *
   * @param Yhat predictions, {@code n × m}. Not modified.
   * @param Y targets, {@code n × m}. Not modified.
   * @param threshold ½ for probabilities, 0 for ±1 targets
   * @return the metrics
   * @throws IllegalArgumentException if the shapes differ or are empty
   */
  public static MultiLabelMetrics of(DMatrixRMaj Yhat, DMatrixRMaj Y, double threshold) {
    Shapes.requireNonEmpty("multi-label metrics", "Ŷ", Yhat);
    Shapes.requireSameShape("multi-label metrics", "Ŷ", Yhat, "Y", Y);
    final int n = Yhat.numRows;
    final int m = Yhat.numCols;
    double[] perLabel = new double[n];
    long wrong = 0;
    long exact = 0;
    for (int i = 0; i < m; i++) {
      boolean all = true;
      for (int p = 0; p < n; p++) {
        // a NaN output is never right, whichever side the target is on
        boolean ok = !Double.isNaN(Yhat.get(p, i))
            && (Yhat.get(p, i) >= threshold) == (Y.get(p, i) >= threshold);
        if (ok) {
          perLabel[p]++;
        } else {
          wrong++;
          all = false;
        }
      }
      exact += all ? 1 : 0;
    }
    for (int p = 0; p < n; p++) {
      perLabel[p] /= m;
    }
    return new MultiLabelMetrics(perLabel, (double) wrong / ((double) n * m), (double) exact / m);
  }

  /**
   * The accuracy of one label.
   *
   * @param label {@code 0 … n−1}
   * @return the fraction of examples where the label is right
   */
  public double labelAccuracy(int label) {
    return labelAccuracy[label];
  }

  /**
   * The fraction of all labels that are wrong.
   *
   * @return the Hamming loss in [0, 1]
   */
  public double hammingLoss() {
    return hammingLoss;
  }

  /**
   * The fraction of labels that are right, {@code 1 − hammingLoss()}.
   *
   * @return the mean per-label accuracy
   */
  public double accuracy() {
    return 1 - hammingLoss;
  }

  /**
   * The fraction of examples with every label right.
   *
   * @return the subset accuracy
   */
  public double subsetAccuracy() {
    return subsetAccuracy;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "hamming loss %.4f, subset accuracy %.4f, per-label accuracy", hammingLoss,
        subsetAccuracy));
    for (double a : labelAccuracy) {
      sb.append(String.format(Locale.ROOT, " %.4f", a));
    }
    return sb.toString();
  }
}

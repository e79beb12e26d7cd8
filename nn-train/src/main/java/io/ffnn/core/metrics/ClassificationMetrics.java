package io.ffnn.core.metrics;

import io.ffnn.api.Shapes;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Accuracy, top-k accuracy, the confusion matrix and per-class precision, recall and F1 of
 * single-label predictions. The predicted class of an example is the row of its largest output
 * (ties to the first), or, for one output, whether it reaches the threshold; the true class comes
 * from one-hot or probability targets (their largest entry), class indices (a {@code 1 × m} row)
 * or, for one output, the threshold. An example whose outputs hold a NaN has no predicted class:
 * it is never right (it counts against accuracy, top-k and its true class's recall) and appears
 * in no column of the confusion matrix. Immutable.
 */
public final class ClassificationMetrics {

  private final int classes;
  private final long[][] confusion;
  private final double[] topKHits;
  private final int m;
  /** Per true class, the examples that had no predicted class (a NaN output). */
  private final long[] unpredicted;

  private ClassificationMetrics(int classes, long[][] confusion, double[] topKHits, int m,
      long[] unpredicted) {
    this.classes = classes;
    this.confusion = confusion;
    this.topKHits = topKHits;
    this.m = m;
    this.unpredicted = unpredicted;
  }

  /**
   * Computes the metrics.
   *
   * @param Yhat predictions, {@code n × m}. Not modified.
   * @param Y targets: {@code n × m}, or class indices {@code 1 × m}. Not modified.
   * @param threshold the decision threshold when {@code n = 1} (½ for probabilities, 0 for ±1)
   * @return the metrics
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static ClassificationMetrics of(DMatrixRMaj Yhat, DMatrixRMaj Y, double threshold) {
    Shapes.requireNonEmpty("classification metrics", "Ŷ", Yhat);
    final int n = Yhat.numRows;
    final int m = Yhat.numCols;
    boolean indices = Y.numRows == 1 && n > 1;
    if (Y.numCols != m || !indices && Y.numRows != n) {
      throw new IllegalArgumentException("classification metrics: Ŷ is " + Shapes.of(Yhat)
          + " but Y is " + Shapes.of(Y));
    }
    int k = n == 1 ? 2 : n;
    long[][] confusion = new long[k][k];
    long[] unpredicted = new long[k];
    double[] hits = new double[k + 1];
    for (int i = 0; i < m; i++) {
      int truth;
      int predicted;
      if (n == 1) {
        truth = Y.data[i] >= threshold ? 1 : 0;
        predicted = Double.isNaN(Yhat.data[i]) ? -1 : Yhat.data[i] >= threshold ? 1 : 0;
      } else {
        truth = indices ? (int) Y.data[i] : argmax(Y, i);
        if (truth < 0 || truth >= n) {
          throw new IllegalArgumentException("classification metrics: Y[0," + i + "] = "
              + Y.data[i] + " is not a class index 0.." + (n - 1));
        }
        predicted = argmax(Yhat, i);
      }
      if (predicted < 0) {
        unpredicted[truth]++;
        continue;
      }
      confusion[truth][predicted]++;
      // top-k: the true class's rank among the outputs (1 = largest)
      int rank = 1;
      if (n > 1) {
        double score = Yhat.get(truth, i);
        for (int p = 0; p < n; p++) {
          double v = Yhat.get(p, i);
          if (v > score || v == score && p < truth) {
            rank++;
          }
        }
      } else {
        rank = truth == predicted ? 1 : 2;
      }
      for (int r = rank; r <= k; r++) {
        hits[r]++;
      }
    }
    return new ClassificationMetrics(k, confusion, hits, m, unpredicted);
  }

  /**
   * The row of the largest entry of a column (the first on ties), or −1 if the column holds a
   * NaN: then no row is the largest, and no class is predicted.
   *
   * @param M the matrix. Not modified.
   * @param column the column
   * @return the row, or −1
   */
  public static int argmax(DMatrixRMaj M, int column) {
    int best = 0;
    boolean nan = Double.isNaN(M.get(0, column));
    for (int p = 1; p < M.numRows; p++) {
      double v = M.get(p, column);
      nan |= Double.isNaN(v);
      if (v > M.get(best, column)) {
        best = p;
      }
    }
    return nan ? -1 : best;
  }

  /**
   * The number of classes (2 for a single output).
   *
   * @return {@code k}
   */
  public int classes() {
    return classes;
  }

  /**
   * The fraction of examples whose predicted class is the true one.
   *
   * @return the accuracy in [0, 1]
   */
  public double accuracy() {
    return topK(1);
  }

  /**
   * The fraction of examples whose true class is among the {@code k} largest outputs.
   *
   * @param k {@code 1 … classes}
   * @return the top-k accuracy in [0, 1]
   * @throws IllegalArgumentException if {@code k} is out of range
   */
  public double topK(int k) {
    if (k < 1 || k > classes) {
      throw new IllegalArgumentException("top-k needs 1 <= k <= " + classes + ", got " + k);
    }
    return topKHits[k] / m;
  }

  /**
   * The confusion matrix: entry {@code [t][p]} counts the examples of true class {@code t}
   * predicted as {@code p}.
   *
   * @return a fresh copy
   */
  public long[][] confusionMatrix() {
    long[][] copy = new long[classes][];
    for (int t = 0; t < classes; t++) {
      copy[t] = confusion[t].clone();
    }
    return copy;
  }

  /**
   * Precision of a class: of the examples predicted as {@code c}, the fraction that are {@code c}.
   *
   * @param c the class
   * @return the precision, 0 when nothing was predicted as {@code c}
   */
  public double precision(int c) {
    long predicted = 0;
    for (int t = 0; t < classes; t++) {
      predicted += confusion[t][c];
    }
    return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
  }

  /**
   * Recall of a class: of the examples of class {@code c}, the fraction predicted as {@code c}.
   *
   * @param c the class
   * @return the recall, 0 when there are no examples of {@code c}
   */
  public double recall(int c) {
    long actual = unpredicted[c];
    for (int p = 0; p < classes; p++) {
      actual += confusion[c][p];
    }
    return actual == 0 ? 0 : (double) confusion[c][c] / actual;
  }

  /**
   * F1 of a class, the harmonic mean of its precision and recall.
   *
   * @param c the class
   * @return F1, 0 when both are 0
   */
  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /**
   * The unweighted mean of the per-class F1 scores over the classes that occur, as true class or
   * as prediction (scikit-learn's convention): a test set that lacks a class, which is never
   * predicted either, is not marked down for it.
   *
   * @return macro F1; 0 for no examples
   */
  public double macroF1() {
    double sum = 0;
    int present = 0;
    for (int c = 0; c < classes; c++) {
      if (occurs(c)) {
        sum += f1(c);
        present++;
      }
    }
    return present == 0 ? 0 : sum / present;
  }

  private boolean occurs(int c) {
    if (unpredicted[c] > 0) {
      return true;
    }
    for (int k = 0; k < classes; k++) {
      if (confusion[c][k] > 0 || confusion[k][c] > 0) {
        return true;
      }
    }
    return false;
  }

  /** A report: accuracy, per-class precision/recall/F1 and the confusion matrix. */
  @Override
  public String toString() {
    return report(java.util.List.of());
  }

  /**
   * The report of {@link #toString()} with the classes named.
   *
   * @param classNames the name of each class, in class order; or empty for numbers
   * @return accuracy, per-class precision/recall/F1 and the confusion matrix
   * @throws IllegalArgumentException if the names are neither empty nor one per class
   */
  public String report(java.util.List<String> classNames) {
    if (!classNames.isEmpty() && classNames.size() != classes) {
      throw new IllegalArgumentException(classNames.size() + " class names for " + classes
          + " classes");
    }
    int width = 6;
    for (String name : classNames) {
      width = Math.max(width, Math.min(name.length(), 24));
    }
    String row = "%-" + width + "s %9.4f %9.4f %9.4f%n";
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "accuracy %.4f over %d examples%n%-" + width + "s %9s %9s %9s%n", accuracy(), m, "class",
        "precision", "recall", "f1"));
    for (int c = 0; c < classes; c++) {
      String name = classNames.isEmpty() ? String.valueOf(c) : classNames.get(c);
      sb.append(String.format(Locale.ROOT, row, name.length() > 24 ? name.substring(0, 21)
          + "..." : name, precision(c), recall(c), f1(c)));
    }
    sb.append("confusion matrix (rows: true class, columns: predicted)\n");
    for (int t = 0; t < classes; t++) {
      for (int p = 0; p < classes; p++) {
        sb.append(String.format(Locale.ROOT, "%8d", confusion[t][p]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}

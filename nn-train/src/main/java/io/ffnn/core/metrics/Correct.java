package io.ffnn.core.metrics;

import org.ejml.data.DMatrixRMaj;

/**
 * Counts right answers in a batch without allocating, for trainers that report a running
 * accuracy: examples whose class is right ({@link Task#BINARY}, {@link Task#MULTICLASS}) or
 * labels that are right ({@link Task#MULTILABEL}). A NaN output is never right.
 */
public final class Correct {

  private Correct() {}

  /**
   * Counts the right answers.
   *
   * @param task the task
   * @param Yhat predictions, {@code n × m}. Not modified.
   * @param Y targets ({@code n × m}, or class indices {@code 1 × m}). Not modified.
   * @param threshold the yes/no threshold of binary and multi-label tasks
   * @return right examples (binary, multiclass) or right labels (multi-label); 0 for regression
   */
  public static long count(Task task, DMatrixRMaj Yhat, DMatrixRMaj Y, double threshold) {
    final int n = Yhat.numRows;
    final int m = Yhat.numCols;
    long right = 0;
    switch (task) {
      case BINARY:
      case MULTILABEL:
        for (int k = 0; k < n * m; k++) {
          // a NaN output is never right, whichever side the target is on
          right += !Double.isNaN(Yhat.data[k])
              && (Yhat.data[k] >= threshold) == (Y.data[k] >= threshold) ? 1 : 0;
        }
        return right;
      case MULTICLASS:
        boolean indices = Y.numRows == 1 && n > 1;
        for (int i = 0; i < m; i++) {
          int truth = indices ? (int) Y.data[i] : ClassificationMetrics.argmax(Y, i);
          right += ClassificationMetrics.argmax(Yhat, i) == truth ? 1 : 0;
        }
        return right;
      default:
        return 0;
    }
  }
}

package io.ffnn.core;

import io.ffnn.api.Shapes;
import org.ejml.data.DMatrixRMaj;

/**
 * Classification accuracy of predictions {@code Ŷ} against targets {@code Y}, examples as columns.
 */
public final class Accuracy {

  private Accuracy() {}

  /**
   * The fraction of examples classified correctly: for one output row, {@code ŷ >= 0.5} against
   * {@code y >= 0.5}; for several, the row of the largest {@code ŷ} against the row of the largest
   * {@code y} (ties go to the first row), or against the class index when {@code Y} is a single
   * row of indices.
   *
   * @param Yhat predictions, {@code n × m}. Not modified.
   * @param Y targets, {@code n × m}, or class indices {@code 1 × m}. Not modified.
   * @return a value in [0, 1]
   * @throws IllegalArgumentException if the shapes differ or are empty
   */
  public static double of(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    Shapes.requireNonEmpty("accuracy", "Ŷ", Yhat);
    final int m = Y.numCols;
    int correct = 0;
    if (Y.numRows == 1 && Yhat.numRows > 1 && Y.numCols == Yhat.numCols) {
      // class indices, as sparse_cce takes them
      for (int i = 0; i < m; i++) {
        correct += argmax(Yhat, i) == Y.data[i] ? 1 : 0;
      }
      return (double) correct / m;
    }
    Shapes.requireSameShape("accuracy", "Ŷ", Yhat, "Y", Y);
    for (int i = 0; i < m; i++) {
      if (Y.numRows == 1) {
        correct += (Yhat.data[i] >= 0.5) == (Y.data[i] >= 0.5) ? 1 : 0;
      } else {
        correct += argmax(Yhat, i) == argmax(Y, i) ? 1 : 0;
      }
    }
    return (double) correct / m;
  }

  /**
   * The row of the largest entry of a column.
   *
   * @param M the matrix. Not modified.
   * @param column the column
   * @return the first row holding the column's maximum
   */
  public static int argmax(DMatrixRMaj M, int column) {
    int best = 0;
    for (int p = 1; p < M.numRows; p++) {
      if (M.get(p, column) > M.get(best, column)) {
        best = p;
      }
    }
    return best;
  }
}

package io.ffnn.core.internal.data;

import io.ffnn.core.internal.DoubleKernels;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/** Inputs as the caller's {@code n × m} matrix, examples as columns, perhaps read scaled. */
final class ColumnInputs extends Inputs {

  private final DMatrixRMaj X;
  /** The scaling, or both null. */
  private final double[] shift;
  private final double[] inv;

  ColumnInputs(DMatrixRMaj X, double[] shift, double[] inv) {
    super(X.numRows, X.numCols);
    this.X = X;
    this.shift = shift;
    this.inv = inv;
  }

  @Override
  public boolean exampleMajor() {
    return false;
  }

  @Override
  public DMatrixRMaj plainColumns() {
    return shift == null ? X : null;
  }

  @Override
  public void gatherColumns(int[] order, int from, int to, DMatrixRMaj out) {
    DoubleKernels.gatherColumns(X, order, from, to, out);
    if (shift != null) {
      scaleColumns(out, shift, inv);
    }
  }

  @Override
  public void gatherRows(int[] order, int from, int to, FMatrixRMaj out) {
    int width = to - from;
    out.reshape(width, n);
    for (int k = 0; k < width; k++) {
      int i = order[from + k];
      for (int p = 0; p < n; p++) {
        double x = X.data[p * m + i];
        out.data[k * n + p] = (float) (shift == null ? x : scale(x, shift[p], inv[p]));
      }
    }
  }

  @Override
  public void example(int i, double[] out) {
    for (int p = 0; p < n; p++) {
      double x = X.data[p * m + i];
      out[p] = shift == null ? x : scale(x, shift[p], inv[p]);
    }
  }

  @Override
  public Inputs select(int[] examples) {
    DMatrixRMaj x = new DMatrixRMaj(n, examples.length);
    DoubleKernels.gatherColumns(X, examples, 0, examples.length, x);
    return new ColumnInputs(x, shift, inv);
  }

  @Override
  public Inputs scaled(double[] shift, double[] inv) {
    if (this.shift == null) {
      return new ColumnInputs(X, shift.clone(), inv.clone());
    }
    // scaled twice: the first scaling's values, then the second's
    DMatrixRMaj once = new DMatrixRMaj(n, m);
    range(0, m, once);
    return new ColumnInputs(once, shift.clone(), inv.clone());
  }

  @Override
  public void range(int from, int to, DMatrixRMaj out) {
    if (from == 0 && to == m && shift == null) {
      out.setTo(X);
      return;
    }
    super.range(from, to, out);
  }

  @Override
  public long bytesHeld() {
    return 8L * n * m;
  }
}

package io.ffnn.core.internal.data;

import io.ffnn.core.internal.DoubleKernels;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Inputs held as whole examples one after another, {@code m × n}, in {@code double} or in {@code
 * float}: how the trainer's example-major copy is held, and how example-major data can be given.
 */
final class RowInputs extends Inputs {

  /** The values: one of the two, the other null. */
  private final double[] values;
  private final float[] values32;

  RowInputs(double[] values, float[] values32, int n) {
    super(n, n == 0 ? 0 : (values != null ? values.length : values32.length) / n);
    this.values = values;
    this.values32 = values32;
  }

  @Override
  public boolean exampleMajor() {
    return true;
  }

  @Override
  public void gatherColumns(int[] order, int from, int to, DMatrixRMaj out) {
    if (values != null) {
      DoubleKernels.gatherRowsAsColumns(DMatrixRMaj.wrap(m, n, values), order, from, to, out);
      return;
    }
    final int width = to - from;
    out.reshape(n, width);
    for (int k = 0; k < width; k++) {
      final int row = order[from + k] * n;
      for (int p = 0; p < n; p++) {
        out.data[p * width + k] = values32[row + p];
      }
    }
  }

  @Override
  public void gatherRows(int[] order, int from, int to, FMatrixRMaj out) {
    final int width = to - from;
    out.reshape(width, n);
    for (int k = 0; k < width; k++) {
      final int row = order[from + k] * n;
      if (values32 != null) {
        System.arraycopy(values32, row, out.data, k * n, n);
      } else {
        for (int p = 0; p < n; p++) {
          out.data[k * n + p] = (float) values[row + p];
        }
      }
    }
  }

  @Override
  public void example(int i, double[] out) {
    for (int p = 0; p < n; p++) {
      out[p] = values != null ? values[i * n + p] : values32[i * n + p];
    }
  }

  @Override
  public Inputs select(int[] examples) {
    int size = Math.multiplyExact(examples.length, n);
    double[] v = values != null ? new double[size] : null;
    float[] v32 = values32 != null ? new float[size] : null;
    for (int k = 0; k < examples.length; k++) {
      if (v != null) {
        System.arraycopy(values, examples[k] * n, v, k * n, n);
      } else {
        System.arraycopy(values32, examples[k] * n, v32, k * n, n);
      }
    }
    return new RowInputs(v, v32, n);
  }

  @Override
  public Inputs scaled(double[] shift, double[] inv) {
    double[] row = new double[n];
    double[] v = new double[Math.multiplyExact(m, n)];
    for (int i = 0; i < m; i++) {
      example(i, row);
      for (int p = 0; p < n; p++) {
        v[i * n + p] = scale(row[p], shift[p], inv[p]);
      }
    }
    return new RowInputs(v, null, n);
  }

  @Override
  public Inputs rowCopy(boolean inFloat) {
    return inFloat == (values32 != null) ? this : super.rowCopy(inFloat);
  }

  @Override
  public long bytesHeld() {
    return (values != null ? 8L : 4L) * n * m;
  }
}

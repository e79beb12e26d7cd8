package io.ffnn.core.internal.data;

import io.ffnn.core.internal.DoubleKernels;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Inputs held as whole examples one after another, {@code m × n}, in {@code double} or in {@code
 * float}, perhaps read scaled: how a CSV file's numbers are kept, and how the trainer's
 * example-major copy of columns is held.
 */
final class RowInputs extends Inputs {

  /** The values: one of the two, the other null. */
  private final double[] values;
  private final float[] values32;
  /** The scaling, or both null. */
  private final double[] shift;
  private final double[] inv;

  RowInputs(double[] values, float[] values32, int n) {
    this(values, values32, n, null, null);
  }

  private RowInputs(double[] values, float[] values32, int n, double[] shift, double[] inv) {
    super(n, n == 0 ? 0 : (values != null ? values.length : values32.length) / n);
    this.values = values;
    this.values32 = values32;
    this.shift = shift;
    this.inv = inv;
  }

  @Override
  public boolean exampleMajor() {
    return true;
  }

  @Override
  public void gatherColumns(int[] order, int from, int to, DMatrixRMaj out) {
    final int width = to - from;
    if (values != null) {
      DoubleKernels.gatherRowsAsColumns(DMatrixRMaj.wrap(m, n, values), order, from, to, out);
    } else {
      out.reshape(n, width);
      for (int k = 0; k < width; k++) {
        final int row = order[from + k] * n;
        for (int p = 0; p < n; p++) {
          out.data[p * width + k] = values32[row + p];
        }
      }
    }
    if (shift != null) {
      scaleColumns(out, shift, inv);
    }
  }

  @Override
  public void gatherRows(int[] order, int from, int to, FMatrixRMaj out) {
    final int width = to - from;
    out.reshape(width, n);
    for (int k = 0; k < width; k++) {
      final int row = order[from + k] * n;
      if (values32 != null && shift == null) {
        System.arraycopy(values32, row, out.data, k * n, n);
      } else {
        for (int p = 0; p < n; p++) {
          out.data[k * n + p] = (float) value(row, p);
        }
      }
    }
  }

  /** The value at {@code row + p}, scaled as read. */
  private double value(int row, int p) {
    double x = values != null ? values[row + p] : values32[row + p];
    return shift == null ? x : scale(x, shift[p], inv[p]);
  }

  @Override
  public void example(int i, double[] out) {
    for (int p = 0; p < n; p++) {
      out[p] = value(i * n, p);
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
    return new RowInputs(v, v32, n, shift, inv);
  }

  @Override
  public Inputs scaled(double[] shift, double[] inv) {
    if (this.shift == null) {
      return new RowInputs(values, values32, n, shift.clone(), inv.clone());
    }
    // scaled twice: the first scaling's values, then the second's
    RowInputs once = (RowInputs) super.rowCopy(false);
    return new RowInputs(once.values, null, n, shift.clone(), inv.clone());
  }

  @Override
  public Inputs rowCopy(boolean inFloat) {
    return shift == null && inFloat == (values32 != null) ? this : super.rowCopy(inFloat);
  }

  @Override
  public long bytesHeld() {
    return (values != null ? 8L : 4L) * n * m;
  }
}

package io.ffnn.core.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Conversions between {@code double} and {@code float} matrices and arrays, for float32
 * networks: {@code (float) x} rounds to nearest, and widening is exact.
 */
public final class Floats {

  private Floats() {}

  /**
   * {@code out = (double) in}, reshaped.
   *
   * @param in the float matrix. Not modified.
   * @param out the double matrix. Modified.
   * @return {@code out}
   */
  public static DMatrixRMaj widen(FMatrixRMaj in, DMatrixRMaj out) {
    out.reshape(in.numRows, in.numCols);
    widen(in.data, 0, out.data, 0, in.getNumElements());
    return out;
  }

  /**
   * {@code out = (float) in}, reshaped.
   *
   * @param in the double matrix. Not modified.
   * @param out the float matrix. Modified.
   * @return {@code out}
   */
  public static FMatrixRMaj narrow(DMatrixRMaj in, FMatrixRMaj out) {
    out.reshape(in.numRows, in.numCols);
    narrow(in.data, 0, out.data, 0, in.getNumElements());
    return out;
  }

  /**
   * {@code out[to + k] = in[from + k]} for {@code k < count}.
   *
   * @param in the source
   * @param from the first entry read
   * @param out the target. Modified.
   * @param to the first entry written
   * @param count the number of entries
   */
  public static void widen(float[] in, int from, double[] out, int to, int count) {
    for (int k = 0; k < count; k++) {
      out[to + k] = in[from + k];
    }
  }

  /**
   * {@code out[to + k] = (float) in[from + k]} for {@code k < count}.
   *
   * @param in the source
   * @param from the first entry read
   * @param out the target. Modified.
   * @param to the first entry written
   * @param count the number of entries
   */
  public static void narrow(double[] in, int from, float[] out, int to, int count) {
    for (int k = 0; k < count; k++) {
      out[to + k] = (float) in[from + k];
    }
  }
}

package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.ParameterLayout.Parameter;
import io.ffnn.core.Workspace;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/** Finds where training went non-finite and words the error. */
final class Divergence {

  private Divergence() {}

  /**
   * The first parameter with a non-finite entry, e.g. {@code "W[2][0,3] = NaN"}, or null. Runs
   * after every step: allocates nothing unless it finds one.
   */
  static String firstNonFiniteParameter(Network net) {
    List<Parameter> parameters = net.layout().parameters();
    for (int i = 0; i < parameters.size(); i++) {
      DMatrixRMaj theta = net.parameter(parameters.get(i));
      if (!allFinite(theta)) {
        return firstNonFinite(parameters.get(i).name(), theta);
      }
    }
    return null;
  }

  private static boolean allFinite(DMatrixRMaj M) {
    return allFinite(M.data, 0, M.getNumElements());
  }

  /** {@link #allFinite(double[], int, int)} of floats. */
  static boolean allFinite(float[] a, int from, int to) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int k = from;
    for (; k + 4 <= to; k += 4) {
      s0 += a[k] * 0.0f;
      s1 += a[k + 1] * 0.0f;
      s2 += a[k + 2] * 0.0f;
      s3 += a[k + 3] * 0.0f;
    }
    for (; k < to; k++) {
      s0 += a[k] * 0.0f;
    }
    return s0 + s1 + s2 + s3 == 0;
  }

  /** Whether {@code a[from … to−1]} are all finite, without a branch per entry. */
  static boolean allFinite(double[] a, int from, int to) {
    // v * 0 is 0 for finite v and NaN for ±∞ and NaN; four sums keep the loop from waiting
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = from;
    for (; k + 4 <= to; k += 4) {
      s0 += a[k] * 0.0;
      s1 += a[k + 1] * 0.0;
      s2 += a[k + 2] * 0.0;
      s3 += a[k + 3] * 0.0;
    }
    for (; k < to; k++) {
      s0 += a[k] * 0.0;
    }
    return s0 + s1 + s2 + s3 == 0;
  }

  static TrainingDivergedException diagnose(Network net, Workspace ws, int epoch, int batch,
      String what, double learningRate) {
    int layer = 0;
    String where = null;
    for (int l = 1; l <= net.depth() && where == null; l++) {
      where = firstNonFinite("Z[" + l + "]", ws.Z(l));
      if (where == null) {
        where = firstNonFinite("A[" + l + "]", ws.A(l));
      }
      if (where != null) {
        layer = l;
      }
    }
    if (where == null && ws.hasGradients()) {
      for (int l = net.depth(); l >= 1 && where == null; l--) {
        where = firstNonFinite("dZ[" + l + "]", ws.dZ(l));
        if (where == null) {
          where = firstNonFinite("dW[" + l + "]", ws.dW(l));
        }
        if (where == null) {
          where = firstNonFinite("db[" + l + "]", ws.db(l));
        }
        if (where != null) {
          layer = l;
        }
      }
    }
    for (Parameter p : net.layout().parameters()) {
      if (where == null) {
        where = firstNonFinite(p.name(), net.parameter(p));
        layer = where == null ? 0 : p.layer();
      }
    }
    String located = where == null ? "no layer holds non-finite values yet"
        : "the first non-finite values are in layer " + layer + ": " + where;
    return new TrainingDivergedException(String.format(Locale.ROOT,
        "training diverged at epoch %d, batch %d: %s (learning rate %s); %s. Lower the learning "
            + "rate, clip the gradients (clip_norm) or scale the inputs", epoch, batch, what,
        learningRate, located), epoch, batch, layer);
  }

  private static String firstNonFinite(String name, DMatrixRMaj M) {
    for (int k = 0; k < M.getNumElements(); k++) {
      if (!Double.isFinite(M.data[k])) {
        return name + "[" + k / M.numCols + "," + k % M.numCols + "] = " + M.data[k];
      }
    }
    return null;
  }
}

package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.ParameterLayout.Parameter;
import io.ffnn.core.Workspace;
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
    if (net.allFinite()) {
      return null;
    }
    for (Parameter p : net.layout().parameters()) {
      String where = firstNonFinite(p.name(), net.parameter(p));
      if (where != null) {
        return where;
      }
    }
    return null;
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

package io.ffnn.costs;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import org.ejml.data.DMatrixRMaj;

/**
 * The sum over outputs of binary cross-entropies, averaged over examples: {@code J = −(1/m) Σ_i
 * Σ_p [y log ŷ + (1 − y) log(1 − ŷ)]}; seed {@code −(1/m) [y/ŷ − (1 − y)/(1 − ŷ)]}; fused with
 * {@code sigmoid}: {@code dZ = (A − Y) / m}. Logs and divisions treat probabilities that rounded to
 * 0 as {@link Double#MIN_NORMAL}, so {@code J} stays finite.
 */
abstract class AbstractBinaryCrossEntropy implements Cost {

  @Override
  public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    checkShapes(Yhat, Y);
    double sum = 0;
    final int size = Yhat.getNumElements();
    for (int k = 0; k < size; k++) {
      double yhat = Yhat.data[k];
      double y = Y.data[k];
      sum += y * CostMath.safeLog(yhat) + (1.0 - y) * CostMath.safeLog(1.0 - yhat);
    }
    return -sum / Yhat.numCols;
  }

  @Override
  public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
    checkShapes(Yhat, Y);
    dYhat.reshape(Yhat.numRows, Yhat.numCols);
    final double inv = 1.0 / Yhat.numCols;
    final int size = Yhat.getNumElements();
    for (int k = 0; k < size; k++) {
      double yhat = Yhat.data[k];
      double y = Y.data[k];
      dYhat.data[k] = -inv * (y / CostMath.safe(yhat) - (1.0 - y) / CostMath.safe(1.0 - yhat));
    }
  }

  @Override
  public boolean fusesWith(Activation output) {
    return "sigmoid".equals(output.spec());
  }

  @Override
  public void fusedOutputGradient(
      Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
    if (!fusesWith(output)) {
      Cost.super.fusedOutputGradient(output, Z, A, Y, dZ);
    }
    checkShapes(A, Y);
    CostMath.differenceOverM(name(), A, Y, dZ);
  }

  /** Shape rules of the concrete cost. */
  void checkShapes(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    CostMath.requireShapes(name(), Yhat, Y);
  }
}

package io.ffnn.costs;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.CostMath;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code cce}: categorical cross-entropy, {@code J = −(1/m) Σ_i Σ_p y[p,i] log ŷ[p,i]}, for
 * targets that are one-hot or probability columns (each summing to 1); seed {@code −y / (m ŷ)};
 * fused with {@code softmax}: {@code dZ = (A − Y) / m}, which holds because each target column
 * sums to 1. A probability that rounded to 0 is treated as {@link Double#MIN_NORMAL}, so {@code J}
 * stays finite (about 708 per such example) for logits of ±1000.
 */
public final class CategoricalCrossEntropy implements Cost {

  /** The ServiceLoader constructor. */
  public CategoricalCrossEntropy() {}

  @Override
  public String name() {
    return "cce";
  }

  /**
   * {@inheritDoc}
   *
   * @return the open probability simplex: {@code log ŷ} must be finite where {@code y > 0}
   */
  @Override
  public Range outputDomain() {
    return Range.OPEN_SIMPLEX;
  }

  /**
   * {@inheritDoc}
   *
   * @return the probability simplex (one-hot or soft targets)
   */
  @Override
  public Range targetDomain() {
    return Range.SIMPLEX;
  }

  @Override
  public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    CostMath.requireShapes(name(), Yhat, Y);
    double sum = 0;
    final int size = Yhat.getNumElements();
    for (int k = 0; k < size; k++) {
      double y = Y.data[k];
      if (y != 0.0) {
        sum += y * CostMath.safeLog(Yhat.data[k]);
      }
    }
    return -sum / Yhat.numCols;
  }

  @Override
  public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
    CostMath.requireShapes(name(), Yhat, Y);
    dYhat.reshape(Yhat.numRows, Yhat.numCols);
    final double inv = 1.0 / Yhat.numCols;
    final int size = Yhat.getNumElements();
    for (int k = 0; k < size; k++) {
      double y = Y.data[k];
      dYhat.data[k] = y == 0.0 ? 0.0 : -inv * y / CostMath.safe(Yhat.data[k]);
    }
  }

  @Override
  public boolean fusesWith(Activation output) {
    return "softmax".equals(output.spec());
  }

  @Override
  public void fusedOutputGradient(
      Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
    if (!fusesWith(output)) {
      Cost.super.fusedOutputGradient(output, Z, A, Y, dZ);
    }
    CostMath.differenceOverM(name(), A, Y, dZ);
  }

  @Override
  public void checkOutputLayer(Activation output, int outputSize) {
    if (outputSize < 2) {
      throw new IllegalArgumentException(
          "cce needs at least 2 classes but the output layer has n[L] = " + outputSize
              + "; use bce for a single binary output");
    }
  }
}

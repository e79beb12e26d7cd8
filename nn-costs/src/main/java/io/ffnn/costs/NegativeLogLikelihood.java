package io.ffnn.costs;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.CostMath;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code nll}: negative log-likelihood of log-probabilities (the outputs of {@code log_softmax}),
 * {@code J = −(1/m) Σ_i Σ_p y[p,i] ŷ[p,i]} for one-hot or probability targets; seed {@code −y / m};
 * fused with {@code log_softmax}: {@code dZ = (e^A − Y) / m = (softmax(Z) − Y) / m}. Together with
 * {@code log_softmax} it equals {@code cce} after {@code softmax}, and stays finite (about 2000 per
 * example) for logits of ±1000 without clamping.
 */
public final class NegativeLogLikelihood implements Cost {

  /** The ServiceLoader constructor. */
  public NegativeLogLikelihood() {}

  @Override
  public String name() {
    return "nll";
  }

  /**
   * {@inheritDoc}
   *
   * @return log-probabilities
   */
  @Override
  public Range outputDomain() {
    return Range.LOG_SIMPLEX;
  }

  /**
   * {@inheritDoc}
   *
   * @return the probability simplex
   */
  @Override
  public Range targetDomain() {
    return Range.SIMPLEX;
  }

  @Override
  public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    CostMath.requireShapes(name(), Yhat, Y);
    double sum = 0;
    for (int k = 0; k < Yhat.getNumElements(); k++) {
      double y = Y.data[k];
      if (y != 0.0) {
        sum += y * Yhat.data[k];
      }
    }
    return -sum / Yhat.numCols;
  }

  @Override
  public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
    CostMath.requireShapes(name(), Yhat, Y);
    dYhat.reshape(Yhat.numRows, Yhat.numCols);
    final double inv = 1.0 / Yhat.numCols;
    for (int k = 0; k < Yhat.getNumElements(); k++) {
      dYhat.data[k] = -Y.data[k] * inv;
    }
  }

  @Override
  public boolean fusesWith(Activation output) {
    return "log_softmax".equals(output.spec());
  }

  @Override
  public void fusedOutputGradient(
      Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
    if (!fusesWith(output)) {
      Cost.super.fusedOutputGradient(output, Z, A, Y, dZ);
    }
    CostMath.requireShapes(name(), A, Y);
    dZ.reshape(A.numRows, A.numCols);
    final double inv = 1.0 / A.numCols;
    for (int k = 0; k < A.getNumElements(); k++) {
      dZ.data[k] = (Math.exp(A.data[k]) - Y.data[k]) * inv;
    }
  }
}

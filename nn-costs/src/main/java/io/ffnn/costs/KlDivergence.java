package io.ffnn.costs;

import io.ffnn.api.Cost;
import io.ffnn.api.CostMath;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code kl_divergence}: {@code J = (1/m) Σ_i Σ_p y log(y / ŷ)}, the Kullback–Leibler divergence
 * of the predicted distribution from the target distribution (terms with {@code y = 0} are 0);
 * seed {@code −y / (m ŷ)}. It differs from {@code cce} by the targets' entropy, which does not
 * depend on {@code ŷ}. Probabilities that rounded to 0 are treated as {@link Double#MIN_NORMAL}.
 */
public final class KlDivergence implements Cost {

  /** The ServiceLoader constructor. */
  public KlDivergence() {}

  @Override
  public String name() {
    return "kl_divergence";
  }

  /**
   * {@inheritDoc}
   *
   * @return the open probability simplex
   */
  @Override
  public Range outputDomain() {
    return Range.OPEN_SIMPLEX;
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
        sum += y * (Math.log(y) - CostMath.safeLog(Yhat.data[k]));
      }
    }
    return sum / Yhat.numCols;
  }

  @Override
  public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
    CostMath.requireShapes(name(), Yhat, Y);
    dYhat.reshape(Yhat.numRows, Yhat.numCols);
    final double inv = 1.0 / Yhat.numCols;
    for (int k = 0; k < Yhat.getNumElements(); k++) {
      double y = Y.data[k];
      dYhat.data[k] = y == 0.0 ? 0.0 : -inv * y / CostMath.safe(Yhat.data[k]);
    }
  }
}

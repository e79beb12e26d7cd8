package io.ffnn.costs;

import io.ffnn.api.Activation;
import io.ffnn.api.CostMath;
import io.ffnn.api.ElementwiseCost;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * The sum over outputs of binary cross-entropies, averaged over examples: {@code J = −(1/m) Σ_i
 * Σ_p [y log ŷ + (1 − y) log(1 − ŷ)]}; seed {@code −(1/m) [y/ŷ − (1 − y)/(1 − ŷ)]}; fused with
 * {@code sigmoid}: {@code dZ = (A − Y) / m}. Logs and divisions treat probabilities that rounded to
 * 0 as {@link Double#MIN_NORMAL}, so {@code J} stays finite.
 */
abstract class AbstractBinaryCrossEntropy extends ElementwiseCost {

  /**
   * {@inheritDoc}
   *
   * @return (0, 1)
   */
  @Override
  public Range outputDomain() {
    return Range.open(0, 1);
  }

  /**
   * {@inheritDoc}
   *
   * @return [0, 1]
   */
  @Override
  public Range targetDomain() {
    return Range.closed(0, 1);
  }

  @Override
  protected boolean averageOverOutputs() {
    return false;
  }

  @Override
  protected double loss(double yhat, double y) {
    return -(y * CostMath.safeLog(yhat) + (1.0 - y) * CostMath.safeLog(1.0 - yhat));
  }

  @Override
  protected double gradient(double yhat, double y) {
    return -(y / CostMath.safe(yhat) - (1.0 - y) / CostMath.safe(1.0 - yhat));
  }

  @Override
  public boolean fusesWith(Activation output) {
    return "sigmoid".equals(output.spec());
  }

  @Override
  public void fusedOutputGradient(
      Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
    if (!fusesWith(output)) {
      super.fusedOutputGradient(output, Z, A, Y, dZ);
    }
    checkShapes(A, Y);
    CostMath.differenceOverM(name(), A, Y, dZ);
  }
}

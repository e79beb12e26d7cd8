package io.ffnn.costs;

import io.ffnn.api.Activation;
import io.ffnn.api.CostMath;
import io.ffnn.api.ElementwiseCost;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code poisson}: the Poisson negative log-likelihood with a log link, as PyTorch's {@code
 * PoissonNLLLoss(log_input=True)}: the outputs {@code ŷ} are log-rates, {@code λ = e^ŷ}, and
 * {@code J = (1/(n m)) Σ (e^ŷ − y ŷ)} (dropping {@code log y!}, which does not depend on
 * {@code ŷ}); seed {@code (e^ŷ − y) / (n m)}. Targets are counts {@code y ≥ 0}.
 *
 * <p>Its natural output is {@code identity}, with which it fuses: {@code dZ = (e^Z − Y) / (n m)}.
 * A log-rate above about 709.78 means a rate beyond the largest double, and {@code J} is then
 * {@code +∞}.
 */
public final class Poisson extends ElementwiseCost {

  /** The ServiceLoader constructor. */
  public Poisson() {}

  @Override
  public String name() {
    return "poisson";
  }

  /**
   * {@inheritDoc}
   *
   * @return [0, ∞)
   */
  @Override
  public Range targetDomain() {
    return Range.interval(0, true, Double.POSITIVE_INFINITY, false);
  }

  @Override
  protected double loss(double yhat, double y) {
    return Math.exp(yhat) - y * yhat;
  }

  @Override
  protected double gradient(double yhat, double y) {
    return Math.exp(yhat) - y;
  }

  @Override
  public boolean fusesWith(Activation output) {
    return "identity".equals(output.spec());
  }

  @Override
  public void fusedOutputGradient(
      Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
    if (!fusesWith(output)) {
      super.fusedOutputGradient(output, Z, A, Y, dZ);
    }
    CostMath.requireShapes(name(), Z, Y);
    dZ.reshape(Z.numRows, Z.numCols);
    final double inv = 1.0 / ((double) Z.numRows * Z.numCols);
    for (int k = 0; k < Z.getNumElements(); k++) {
      dZ.data[k] = (Math.exp(Z.data[k]) - Y.data[k]) * inv;
    }
  }
}

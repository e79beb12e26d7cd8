package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code relu}: {@code g(z) = max(0, z)}, {@code g'(z) = 1} for {@code z > 0}, else 0 (the
 * subgradient 0 is taken at {@code z = 0}).
 */
public final class Relu extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Relu() {}

  @Override
  public String name() {
    return "relu";
  }

  /** {@inheritDoc} Here: He initialisation: about half of the signal passes. */
  @Override
  public WeightInit weightInit() {
    return WeightInit.HE;
  }

  /**
   * {@inheritDoc}
   *
   * @return [0, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.interval(0, true, Double.POSITIVE_INFINITY, false);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {0}}
   */
  @Override
  public double[] kinks() {
    return new double[] {0};
  }

  @Override
  protected double value(double z) {
    return Math.max(z, 0.0);
  }

  @Override
  protected double derivative(double z, double a) {
    return Stable.ifPositive(z, 1.0, 0.0);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A plain loop over the data, so that the JIT compiles (and can vectorise) it without a call
   * per element.
   */
  @Override
  public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
    final double[] z = Z.data;
    final double[] a = outputData(Z, A);
    final int size = Z.getNumElements();
    for (int k = 0; k < size; k++) {
      a[k] = Math.max(z[k], 0.0);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A plain loop over the data, like {@link #forward}.
   */
  @Override
  public void backward(DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
    final double[] z = Z.data;
    final double[] da = dA.data;
    final double[] dz = gradientData(Z, dA, dZ);
    final int size = Z.getNumElements();
    for (int k = 0; k < size; k++) {
      dz[k] = Stable.ifPositive(z[k], da[k], 0.0);
    }
  }
}

package io.ffnn.activations;

import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code leaky_relu(alpha=0.01)}: {@code g(z) = z} for {@code z > 0}, else {@code α z}; {@code g'(z) =
 * 1} for {@code z > 0}, else {@code α}.
 */
public final class LeakyRelu extends OneParameterActivation {

  private final double alpha;

  /** The ServiceLoader constructor: {@code alpha = 0.01}. */
  public LeakyRelu() {
    this(0.01);
  }

  private LeakyRelu(double alpha) {
    super("alpha", alpha, v -> true, "a finite number");
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "leaky_relu";
  }

  /** {@inheritDoc} Here: He initialisation: about half of the signal passes. */
  @Override
  public WeightInit weightInit() {
    return WeightInit.HE;
  }

  @Override
  LeakyRelu create(double newValue) {
    return new LeakyRelu(newValue);
  }

  /**
   * {@inheritDoc}
   *
   * @return (−∞, ∞) for {@code α > 0}, [0, ∞) otherwise
   */
  @Override
  public Range outputRange() {
    return alpha > 0 ? Range.REAL : Range.interval(0, true, Double.POSITIVE_INFINITY, false);
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
    return Stable.ifPositive(z, z, alpha * z);
  }

  @Override
  protected double derivative(double z, double a) {
    return Stable.ifPositive(z, 1.0, alpha);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A plain loop over the data; this class is final, so {@link #value} is inlined.
   */
  @Override
  public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
    final double[] z = Z.data;
    final double[] a = outputData(Z, A);
    final int size = Z.getNumElements();
    for (int k = 0; k < size; k++) {
      a[k] = value(z[k]);
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
    final double[] a = A.data;
    final double[] da = dA.data;
    final double[] dz = gradientData(Z, dA, dZ);
    final int size = Z.getNumElements();
    for (int k = 0; k < size; k++) {
      dz[k] = da[k] * derivative(z[k], a[k]);
    }
  }
}

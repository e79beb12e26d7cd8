package io.ffnn.activations;

import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code celu(alpha=1.0)} (Barron 2017): {@code g(z) = max(0, z) + min(0, α (e^(z/α) − 1))};
 * {@code g'(z) = 1} for {@code z > 0}, else {@code e^(z/α)}. Continuously differentiable for every
 * {@code α}.
 */
public final class Celu extends OneParameterActivation {

  private final double alpha;

  /** The ServiceLoader constructor: {@code alpha = 1.0}. */
  public Celu() {
    this(1.0);
  }

  private Celu(double alpha) {
    super("alpha", alpha, v -> v > 0, "> 0");
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "celu";
  }

  /** {@inheritDoc} Here: He initialisation: about half of the signal passes. */
  @Override
  public WeightInit weightInit() {
    return WeightInit.HE;
  }

  @Override
  Celu create(double newValue) {
    return new Celu(newValue);
  }

  /**
   * {@inheritDoc}
   *
   * @return (−α, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.open(-alpha, Double.POSITIVE_INFINITY);
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
    return z > 0 ? z : alpha * Math.expm1(z / alpha);
  }

  @Override
  protected double derivative(double z, double a) {
    return z > 0 ? 1.0 : Math.exp(z / alpha);
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

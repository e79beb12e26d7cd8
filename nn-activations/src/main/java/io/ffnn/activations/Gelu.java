package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.apache.commons.numbers.gamma.Erfc;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code gelu} (Hendrycks &amp; Gimpel 2016), exact: {@code g(z) = z Φ(z)} with the standard normal
 * distribution function {@code Φ(z) = ½ erfc(−z/√2)}; {@code g'(z) = Φ(z) + z φ(z)}, {@code φ(z) =
 * e^(−z²/2) / √(2π)}. Its minimum is about −0.16997. {@code erfc} comes from Apache Commons
 * Numbers.
 */
public final class Gelu extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Gelu() {}

  @Override
  public String name() {
    return "gelu";
  }

  /** {@inheritDoc} Here: He initialisation: about half of the signal passes. */
  @Override
  public WeightInit weightInit() {
    return WeightInit.HE;
  }

  /**
   * {@inheritDoc}
   *
   * @return [−0.1700, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.interval(-0.1700, true, Double.POSITIVE_INFINITY, false);
  }

  private static final double INV_SQRT2 = 1 / Math.sqrt(2);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  @Override
  protected double value(double z) {
    return z * cdf(z);
  }

  @Override
  protected double derivative(double z, double a) {
    return cdf(z) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
  }

  /** {@code Φ(z) = ½ erfc(−z/√2)}: erfc keeps full relative precision in the far left tail. */
  private static double cdf(double z) {
    return 0.5 * Erfc.value(-z * INV_SQRT2);
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

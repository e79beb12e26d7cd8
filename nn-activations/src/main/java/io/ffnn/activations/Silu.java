package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code silu} (swish): {@code g(z) = z σ(z)}; {@code g'(z) = σ(z) (1 + z (1 − σ(z)))}. Its minimum is
 * about −0.27846.
 */
public final class Silu extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Silu() {}

  @Override
  public String name() {
    return "silu";
  }

  /** {@inheritDoc} Here: He initialisation: about half of the signal passes. */
  @Override
  public WeightInit weightInit() {
    return WeightInit.HE;
  }

  /**
   * {@inheritDoc}
   *
   * @return [−0.2785, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.interval(-0.2785, true, Double.POSITIVE_INFINITY, false);
  }

  @Override
  protected double value(double z) {
    return z * Stable.sigmoid(z);
  }

  @Override
  protected double derivative(double z, double a) {
    double s = Stable.sigmoid(z);
    return s * (1 + z * (1 - s));
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

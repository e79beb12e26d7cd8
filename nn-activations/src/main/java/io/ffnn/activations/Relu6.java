package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code relu6}: {@code g(z) = min(max(0, z), 6)}; {@code g'(z) = 1} for {@code 0 < z < 6}, else 0.
 */
public final class Relu6 extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Relu6() {}

  @Override
  public String name() {
    return "relu6";
  }

  /** {@inheritDoc} Here: He initialisation: about half of the signal passes. */
  @Override
  public WeightInit weightInit() {
    return WeightInit.HE;
  }

  /**
   * {@inheritDoc}
   *
   * @return [0, 6]
   */
  @Override
  public Range outputRange() {
    return Range.closed(0, 6);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {0, 6}}
   */
  @Override
  public double[] kinks() {
    return new double[] {0, 6};
  }

  @Override
  protected double value(double z) {
    return Math.min(6.0, Math.max(0.0, z));
  }

  @Override
  protected double derivative(double z, double a) {
    return Stable.ifPositive(z, Stable.ifPositive(6 - z, 1.0, 0.0), 0.0);
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

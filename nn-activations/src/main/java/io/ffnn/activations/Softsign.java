package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code softsign}: {@code g(z) = z / (1 + |z|)}; {@code g'(z) = 1 / (1 + |z|)²}.
 */
public final class Softsign extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Softsign() {}

  @Override
  public String name() {
    return "softsign";
  }

  /**
   * {@inheritDoc}
   *
   * @return (−1, 1)
   */
  @Override
  public Range outputRange() {
    return Range.open(-1, 1);
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
    return z / (1 + Math.abs(z));
  }

  @Override
  protected double derivative(double z, double a) {
    double d = 1 + Math.abs(z);
    return 1 / (d * d);
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

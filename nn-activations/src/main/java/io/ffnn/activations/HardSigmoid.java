package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code hard_sigmoid}: {@code g(z) = clip(z/6 + 1/2, 0, 1)} (PyTorch's definition, {@code relu6(z +
 * 3) / 6}); {@code g'(z) = 1/6} for {@code −3 < z < 3}, else 0.
 */
public final class HardSigmoid extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public HardSigmoid() {}

  @Override
  public String name() {
    return "hard_sigmoid";
  }

  /**
   * {@inheritDoc}
   *
   * @return [0, 1]
   */
  @Override
  public Range outputRange() {
    return Range.closed(0, 1);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {-3, 3}}
   */
  @Override
  public double[] kinks() {
    return new double[] {-3, 3};
  }

  @Override
  protected double value(double z) {
    return Math.min(1.0, Math.max(0.0, z / 6.0 + 0.5));
  }

  @Override
  protected double derivative(double z, double a) {
    return Stable.ifPositive(3 - Math.abs(z), 1.0 / 6.0, 0.0); // |z| < 3, exactly
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

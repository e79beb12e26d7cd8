package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code hard_tanh}: {@code g(z) = clip(z, −1, 1)}; {@code g'(z) = 1} for {@code −1 < z < 1}, else 0.
 */
public final class HardTanh extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public HardTanh() {}

  @Override
  public String name() {
    return "hard_tanh";
  }

  /**
   * {@inheritDoc}
   *
   * @return [−1, 1]
   */
  @Override
  public Range outputRange() {
    return Range.closed(-1, 1);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code {-1, 1}}
   */
  @Override
  public double[] kinks() {
    return new double[] {-1, 1};
  }

  @Override
  protected double value(double z) {
    return Math.min(1.0, Math.max(-1.0, z));
  }

  @Override
  protected double derivative(double z, double a) {
    return Stable.ifPositive(1 - Math.abs(z), 1.0, 0.0); // |z| < 1, exactly
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

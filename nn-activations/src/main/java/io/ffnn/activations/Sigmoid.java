package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code sigmoid}: {@code g(z) = 1 / (1 + e^(−z))}, {@code g'(z) = g(z) (1 − g(z))}.
 *
 * <p>Evaluated as {@code e^z / (1 + e^z)} for negative {@code z}, so that {@code e^(−z)} never
 * overflows: inputs of ±1000 give exactly 0 and 1, never NaN.
 */
public final class Sigmoid extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Sigmoid() {}

  @Override
  public String name() {
    return "sigmoid";
  }

  /**
   * {@inheritDoc}
   *
   * @return (0, 1)
   */
  @Override
  public Range outputRange() {
    return Range.open(0, 1);
  }

  @Override
  protected double value(double z) {
    return Stable.sigmoid(z);
  }

  @Override
  protected double derivative(double z, double a) {
    return a * (1.0 - a);
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
      a[k] = Stable.sigmoid(z[k]);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A plain loop over the data, like {@link #forward}.
   */
  @Override
  public void backward(DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
    final double[] a = A.data;
    final double[] da = dA.data;
    final double[] dz = gradientData(Z, dA, dZ);
    final int size = Z.getNumElements();
    for (int k = 0; k < size; k++) {
      dz[k] = da[k] * a[k] * (1.0 - a[k]);
    }
  }
}

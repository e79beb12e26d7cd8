package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code tanh}: {@code g(z) = tanh z}, {@code g'(z) = 1 − tanh² z}.
 */
public final class Tanh extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Tanh() {}

  @Override
  public String name() {
    return "tanh";
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

  @Override
  protected double value(double z) {
    return Math.tanh(z);
  }

  @Override
  protected double derivative(double z, double a) {
    return 1.0 - a * a;
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
      a[k] = Math.tanh(z[k]);
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
      dz[k] = da[k] * (1.0 - a[k] * a[k]);
    }
  }
}

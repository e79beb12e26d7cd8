package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code mish} (Misra 2019): {@code g(z) = z tanh(softplus(z))}; {@code g'(z) = tanh(sp) + z (1 −
 * tanh²(sp)) σ(z)} with {@code sp = softplus(z)}. Its minimum is about −0.30884.
 */
public final class Mish extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Mish() {}

  @Override
  public String name() {
    return "mish";
  }

  /** {@inheritDoc} Here: He initialisation: about half of the signal passes. */
  @Override
  public WeightInit weightInit() {
    return WeightInit.HE;
  }

  /**
   * {@inheritDoc}
   *
   * @return [−0.3089, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.interval(-0.3089, true, Double.POSITIVE_INFINITY, false);
  }

  @Override
  protected double value(double z) {
    return z * Math.tanh(Stable.softplus(z));
  }

  @Override
  protected double derivative(double z, double a) {
    double t = Math.tanh(Stable.softplus(z));
    return t + z * (1 - t * t) * Stable.sigmoid(z);
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

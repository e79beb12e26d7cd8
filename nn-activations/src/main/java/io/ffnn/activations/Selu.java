package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code selu} (Klambauer et al. 2017): {@code g(z) = λ z} for {@code z > 0}, else {@code λ α (e^z −
 * 1)}, with {@code λ ≈ 1.0507} and {@code α ≈ 1.6733} chosen so that activations keep zero mean and
 * unit variance; {@code g'(z) = λ} for {@code z > 0}, else {@code λ α e^z}.
 */
public final class Selu extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Selu() {}

  @Override
  public String name() {
    return "selu";
  }

  /** {@inheritDoc} Here: LeCun initialisation, from which selu self-normalises. */
  @Override
  public WeightInit weightInit() {
    return WeightInit.LECUN;
  }

  /**
   * {@inheritDoc}
   *
   * @return (−λα, ∞) ≈ (−1.7581, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.open(-LAMBDA * ALPHA, Double.POSITIVE_INFINITY);
  }

  /** {@code λ}. */
  static final double LAMBDA = 1.0507009873554804934193349852946;

  /** {@code α}. */
  static final double ALPHA = 1.6732632423543772848170429916717;

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
    return z > 0 ? LAMBDA * z : LAMBDA * ALPHA * Math.expm1(z);
  }

  @Override
  protected double derivative(double z, double a) {
    return z > 0 ? LAMBDA : LAMBDA * ALPHA * Math.exp(z);
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

package io.ffnn.activations;

import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code softplus(beta=1)}: {@code g(z) = (1/β) log(1 + e^(βz))}, evaluated as {@code (max(βz, 0) +
 * log1p(e^(−|βz|))) / β} so that it never overflows; {@code g'(z) = σ(βz)}.
 */
public final class Softplus extends OneParameterActivation {

  private final double beta;

  /** The ServiceLoader constructor: {@code beta = 1.0}. */
  public Softplus() {
    this(1.0);
  }

  private Softplus(double beta) {
    super("beta", beta, v -> v > 0, "> 0");
    this.beta = beta;
  }

  @Override
  public String name() {
    return "softplus";
  }

  @Override
  Softplus create(double newValue) {
    return new Softplus(newValue);
  }

  /**
   * {@inheritDoc}
   *
   * @return (0, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.open(0, Double.POSITIVE_INFINITY);
  }

  @Override
  protected double value(double z) {
    return Stable.softplus(beta * z) / beta;
  }

  @Override
  protected double derivative(double z, double a) {
    return Stable.sigmoid(beta * z);
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

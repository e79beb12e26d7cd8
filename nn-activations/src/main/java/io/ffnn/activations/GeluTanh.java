package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code gelu_tanh}: the tanh approximation of GELU, {@code g(z) = ½ z (1 + tanh u)} with {@code u =
 * c (z + 0.044715 z³)}, {@code c = sqrt(2/π)}; {@code g'(z) = ½ (1 + tanh u) + ½ z (1 − tanh² u) c
 * (1 + 3·0.044715 z²)}. Its minimum is about −0.17004.
 */
public final class GeluTanh extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public GeluTanh() {}

  @Override
  public String name() {
    return "gelu_tanh";
  }

  /** {@inheritDoc} Here: He initialisation: about half of the signal passes. */
  @Override
  public WeightInit weightInit() {
    return WeightInit.HE;
  }

  /**
   * {@inheritDoc}
   *
   * @return [−0.1701, ∞)
   */
  @Override
  public Range outputRange() {
    return Range.interval(-0.1701, true, Double.POSITIVE_INFINITY, false);
  }

  private static final double C = Math.sqrt(2 / Math.PI);
  private static final double K = 0.044715;

  @Override
  protected double value(double z) {
    return 0.5 * z * (1 + Math.tanh(C * (z + K * z * z * z)));
  }

  @Override
  protected double derivative(double z, double a) {
    double t = Math.tanh(C * (z + K * z * z * z));
    double inner = 1 - t * t;
    // at |z| of 1000 the tanh saturates: inner is exactly 0, and 0 × z³ must not be evaluated
    return inner == 0 ? 0.5 * (1 + t) : 0.5 * (1 + t) + 0.5 * z * inner * C * (1 + 3 * K * z * z);
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

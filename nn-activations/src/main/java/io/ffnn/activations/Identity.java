package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Shapes;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code identity}: {@code g(z) = z}, {@code g'(z) = 1}. The output of regression networks.
 */
public final class Identity extends ElementwiseActivation {

  /** The ServiceLoader constructor. */
  public Identity() {}

  @Override
  public String name() {
    return "identity";
  }

  @Override
  protected double value(double z) {
    return z;
  }

  @Override
  protected double derivative(double z, double a) {
    return 1.0;
  }

  @Override
  public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
    A.setTo(Z);
  }

  @Override
  public void backward(DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
    Shapes.requireSameShape(this, "backward", "Z", Z, "dA", dA);
    dZ.setTo(dA);
  }
}

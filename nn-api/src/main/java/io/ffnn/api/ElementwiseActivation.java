package io.ffnn.api;

import org.ejml.data.DMatrixRMaj;

/**
 * Base class for activations applied to each entry on its own, {@code a = g(z)}: the Jacobian is
 * diagonal, {@code Jac = diag(g'(z))}, and the backward map is the O(n·m) product {@code dZ = dA ⊙
 * g'(Z)}. Subclasses supply {@link #value(double)} and {@link #derivative(double, double)}.
 *
 * <p>A parameterised subclass declares its parameters with {@link PluginParameters} and
 * overrides {@link #create}; the base ({@link ParameterizedPlugin}) then supplies {@code
 * parameters()}, {@code withParameters} with validation, {@code spec()}, {@code equals}, {@code
 * hashCode} and {@code toString}.
 */
public abstract class ElementwiseActivation extends ParameterizedPlugin<Activation>
    implements Activation {

  /** For subclasses without parameters. */
  protected ElementwiseActivation() {
    super(PluginParameters.none());
  }

  /**
   * For subclasses with parameters.
   *
   * @param parameters the declared parameters with this instance's values
   */
  protected ElementwiseActivation(PluginParameters parameters) {
    super(parameters);
  }

  /**
   * The scalar function.
   *
   * @param z one pre-activation
   * @return {@code g(z)}
   */
  protected abstract double value(double z);

  /**
   * The scalar derivative, given both the input and the output so that it can use whichever is
   * cheaper or more accurate (sigmoid uses {@code a (1 − a)}).
   *
   * @param z one pre-activation
   * @param a {@code g(z)}
   * @return {@code g'(z)}
   */
  protected abstract double derivative(double z, double a);

  /**
   * {@inheritDoc}
   *
   * @return true
   */
  @Override
  public final boolean isElementwise() {
    return true;
  }

  @Override
  public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
    A.reshape(Z.numRows, Z.numCols);
    final int size = Z.getNumElements();
    final double[] z = Z.data;
    final double[] a = A.data;
    for (int k = 0; k < size; k++) {
      a[k] = value(z[k]);
    }
  }

  @Override
  public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
    final int n = Z.numRows;
    final int m = Z.numCols;
    jac.reshape(n, n);
    jac.zero();
    for (int p = 0; p < n; p++) {
      jac.data[p * n + p] = derivative(Z.data[p * m + column], A.data[p * m + column]);
    }
  }

  @Override
  public void backward(DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
    Shapes.requireSameShape(this, "backward", "Z", Z, "dA", dA);
    dZ.reshape(Z.numRows, Z.numCols);
    final int size = Z.getNumElements();
    final double[] z = Z.data;
    final double[] a = A.data;
    final double[] da = dA.data;
    final double[] dz = dZ.data;
    for (int k = 0; k < size; k++) {
      dz[k] = da[k] * derivative(z[k], a[k]);
    }
  }

  /**
   * The first step of a subclass's own plain-loop {@link #forward}: gives {@code A} the shape of
   * {@code Z} and returns its data. A final subclass that overrides {@code forward} and {@code
   * backward} with loops calling its own {@link #value} and {@link #derivative} gets them compiled
   * without a call per element; the loops here call them through a site every subclass shares.
   *
   * @param Z the pre-activations, n × m
   * @param A the output, reshaped to n × m
   * @return {@code A.data}; its first {@code Z.getNumElements()} entries are the output
   */
  protected static double[] outputData(DMatrixRMaj Z, DMatrixRMaj A) {
    A.reshape(Z.numRows, Z.numCols);
    return A.data;
  }

  /**
   * The first step of a subclass's own plain-loop {@link #backward}: checks that {@code dA} has
   * the shape of {@code Z}, gives {@code dZ} that shape and returns its data.
   *
   * @param Z the pre-activations, n × m
   * @param dA the gradient with respect to the output, n × m
   * @param dZ the result, reshaped to n × m
   * @return {@code dZ.data}; its first {@code Z.getNumElements()} entries are the result
   * @throws IllegalArgumentException naming this activation when the shapes differ
   */
  protected final double[] gradientData(DMatrixRMaj Z, DMatrixRMaj dA, DMatrixRMaj dZ) {
    Shapes.requireSameShape(this, "backward", "Z", Z, "dA", dA);
    dZ.reshape(Z.numRows, Z.numCols);
    return dZ.data;
  }
}

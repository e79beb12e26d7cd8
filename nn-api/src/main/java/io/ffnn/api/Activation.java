package io.ffnn.api;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * An activation function {@code g: R^n -> R^n}, applied to a layer column by column: {@code
 * A[:,i] = g(Z[:,i])}. Each output {@code a[p,i]} may depend on every {@code z[j,i]} of its own
 * column (softmax does), never on another column.
 *
 * <p>The Jacobian layout is fixed: for example {@code i}, {@code Jac[p][j] = ∂a[p,i] / ∂z[j,i]}
 * (row = output, column = input). Backward propagation multiplies by its transpose: {@code dZ[:,i]
 * = Jacᵀ dA[:,i]}. The default {@link #backward} does exactly that through {@link #jacobian};
 * elementwise activations override it with the O(n·m) form {@code dZ = dA ⊙ g'(Z)}.
 *
 * <p>Implementations are stateless and thread-safe and have a public no-argument constructor so
 * that {@link java.util.ServiceLoader} can create them; register the class in {@code
 * META-INF/services/io.ffnn.api.Activation}. All matrices are row-major EJML {@link DMatrixRMaj}
 * with examples as columns; output parameters come last.
 */
public interface Activation extends Plugin {

  /**
   * {@inheritDoc}
   *
   * @return a configured activation
   */
  @Override
  default Activation withParameters(Map<String, Double> parameters) {
    Plugin.super.withParameters(parameters);
    return this;
  }

  /**
   * Whether {@code a[p,i]} depends on {@code z[p,i]} alone, i.e. the Jacobian is diagonal. The
   * per-plugin checks verify the claim.
   *
   * @return true for elementwise activations
   */
  default boolean isElementwise() {
    return false;
  }

  /**
   * The set the outputs lie in, mathematically (sigmoid: the open interval (0, 1)). Networks check
   * it against the cost's {@link Cost#outputDomain()} when they are built.
   *
   * @return the output range; {@link Range#REAL} by default
   */
  default Range outputRange() {
    return Range.REAL;
  }

  /**
   * The family of weight initialisation that keeps the variance of the signal through a layer
   * with this activation, which a network's default ({@code AUTO}) initialiser follows for the
   * weights of the layer: the activation knows this about itself, so the core keeps no list of
   * activation names.
   */
  enum WeightInit {
    /**
     * He/Kaiming, {@code Var(W) = 2 / fanIn}: for activations that pass (about) one side of their
     * input and (about) zero out the other, halving the variance — relu and its relatives.
     */
    HE,
    /** LeCun, {@code Var(W) = 1 / fanIn}: what selu self-normalises from. */
    LECUN,
    /**
     * Xavier/Glorot, {@code Var(W) = 2 / (fanIn + fanOut)}: for activations that are symmetric
     * and close to linear near 0 (tanh, sigmoid, softmax, identity, …).
     */
    GLOROT
  }

  /**
   * The weight initialisation that suits this activation, see {@link WeightInit}.
   *
   * @return {@link WeightInit#GLOROT} by default
   */
  default WeightInit weightInit() {
    return WeightInit.GLOROT;
  }

  /**
   * For elementwise activations, the inputs at which {@code g} or {@code g'} is not continuously
   * differentiable (ReLU: 0). Finite differences mean nothing next to them, so the checks in
   * {@link io.ffnn.api.check.PluginChecks} do not compare there.
   *
   * @return the points, possibly none; a fresh array
   */
  default double[] kinks() {
    return new double[0];
  }

  /**
   * Forward map {@code A = g(Z)}, column by column.
   *
   * @param Z pre-activations, {@code n × m}. Not modified.
   * @param A activations, reshaped to {@code n × m}. Modified.
   */
  void forward(DMatrixRMaj Z, DMatrixRMaj A);

  /**
   * The full Jacobian of one example: {@code jac[p][j] = ∂a[p,i] / ∂z[j,i]}.
   *
   * @param Z pre-activations, {@code n × m}. Not modified.
   * @param A activations {@code g(Z)} as computed by {@link #forward}, {@code n × m}; given so that
   *     the Jacobian can reuse them. Not modified.
   * @param column the example {@code i}, {@code 0 <= i < m}
   * @param jac the Jacobian, reshaped to {@code n × n}. Modified.
   */
  void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac);

  /**
   * Backward map {@code dZ[:,i] = Jac_iᵀ dA[:,i]} for every column {@code i}. The default forms
   * each Jacobian through {@link Jacobians#backward}; override it with a faster form that gives the
   * same result.
   *
   * @param Z pre-activations, {@code n × m}. Not modified.
   * @param A activations {@code g(Z)}, {@code n × m}. Not modified.
   * @param dA {@code ∂J/∂A}, {@code n × m}. Not modified.
   * @param dZ {@code ∂J/∂Z}, reshaped to {@code n × m}. Modified.
   */
  default void backward(DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
    Jacobians.backward(this, Z, A, dA, dZ);
  }
}

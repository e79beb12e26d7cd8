package io.ffnn.api;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * A cost {@code J = f(Ŷ, Y)}: a scalar that averages a per-example loss over the {@code m}
 * examples (columns) of a mini-batch, and its backpropagation seed {@code ∂J/∂Ŷ}, which includes
 * the factor {@code 1/m}.
 *
 * <p>A cost may declare a <em>fused output gradient</em> for some output activations: when the
 * product of the seed and the activation's Jacobian simplifies (softmax with categorical
 * cross-entropy gives {@code dZ[L] = (A[L] − Y) / m}), the core asks the cost for {@code dZ[L]}
 * directly instead of calling {@link #seed} and {@link Activation#backward}. The fused form must
 * agree with the generic one wherever both are finite.
 *
 * <p>Implementations are stateless and thread-safe, have a public no-argument constructor, and are
 * registered in {@code META-INF/services/io.ffnn.api.Cost}.
 */
public interface Cost extends Plugin {

  /**
   * {@inheritDoc}
   *
   * @return a configured cost
   */
  @Override
  default Cost withParameters(Map<String, Double> parameters) {
    Plugin.super.withParameters(parameters);
    return this;
  }

  /**
   * The set the outputs {@code Ŷ} must lie in for the cost to be defined (bce: the open interval
   * (0, 1); cce: the open probability simplex). A network whose output activation's {@link
   * Activation#outputRange()} is not inside it fails to build.
   *
   * @return the domain of {@code Ŷ}; {@link Range#REAL} by default
   */
  default Range outputDomain() {
    return Range.REAL;
  }

  /**
   * The targets {@code Y} the cost accepts (bce: [0, 1]; cce: probability vectors; hinge: −1 or
   * +1; sparse_cce: a {@code 1 × m} row of class indices). Trainers check the whole target matrix
   * against it once, before training.
   *
   * @return the domain of {@code Y}; {@link Range#REAL} by default
   */
  default Range targetDomain() {
    return Range.REAL;
  }

  /**
   * The cost {@code J = (1/m) Σ_i loss(ŷ[:,i], y[:,i])}.
   *
   * @param Yhat the network's output {@code Ŷ = A[L]}, {@code n × m}. Not modified.
   * @param Y the targets, {@code n × m} ({@code 1 × m} for class indices). Not modified.
   * @return {@code J}; finite even where a probability is exactly 0 or 1
   * @throws IllegalArgumentException if the shapes differ or do not suit this cost
   */
  double value(DMatrixRMaj Yhat, DMatrixRMaj Y);

  /**
   * The backpropagation seed {@code dA[L] = ∂J/∂Ŷ}, including the {@code 1/m}.
   *
   * @param Yhat the network's output, {@code n × m}. Not modified.
   * @param Y the targets, {@code n × m} ({@code 1 × m} for class indices). Not modified.
   * @param dYhat the seed, reshaped to {@code n × m}. Modified.
   * @throws IllegalArgumentException if the shapes differ or do not suit this cost
   */
  void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat);

  /**
   * Whether {@link #fusedOutputGradient} applies to this output activation (compare its {@link
   * Activation#spec()}, so that a differently parameterised instance is not taken for it).
   *
   * @param output the network's output activation
   * @return true if this cost computes {@code dZ[L]} directly for it
   */
  default boolean fusesWith(Activation output) {
    return false;
  }

  /**
   * The fused output gradient {@code dZ[L] = ∂J/∂Z[L]}, computed without forming {@code ∂J/∂A[L]}.
   * Only called when {@link #fusesWith} returned true for {@code output}.
   *
   * @param output the output activation. Not modified.
   * @param Z the output pre-activations {@code Z[L]}, {@code n × m}. Not modified.
   * @param A the output {@code A[L] = g(Z[L])}, {@code n × m}. Not modified.
   * @param Y the targets, {@code n × m}. Not modified.
   * @param dZ {@code ∂J/∂Z[L]}, reshaped to {@code n × m}. Modified.
   * @throws IllegalStateException if this cost declares no fused form for {@code output}
   */
  default void fusedOutputGradient(
      Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
    throw new IllegalStateException(
        "cost '" + spec() + "' declares no fused output gradient for activation '"
            + output.spec() + "'");
  }

  /**
   * Checks, when a network is built, that this cost can work on the output layer: {@code n[L]}
   * outputs produced by {@code output}, beyond the range check of {@link #outputDomain()} that the
   * network makes itself (hinge, for instance, needs outputs of both signs).
   *
   * @param output the output activation
   * @param outputSize {@code n[L]}
   * @throws IllegalArgumentException naming the cost, the activation and the reason, if the pair
   *     cannot work
   */
  default void checkOutputLayer(Activation output, int outputSize) {}
}

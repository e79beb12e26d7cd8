package io.ffnn.core;

import java.util.Random;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * How the weights {@code W[l]} ({@code n[l] × n[l-1]}) are drawn. Biases start at zero.
 *
 * <p>{@link #AUTO} picks per layer: {@link #HE_NORMAL} for ReLU-like activations (whose outputs
 * are zero for half the inputs), {@link #XAVIER_UNIFORM} for the others.
 */
public enum Initializer {

  /** Per layer: He for ReLU-like activations, Xavier/Glorot otherwise. */
  AUTO,

  /** He/Kaiming normal: {@code W ~ N(0, 2 / n[l-1])}. */
  HE_NORMAL,

  /** Xavier/Glorot uniform: {@code W ~ U(−r, r)}, {@code r = sqrt(6 / (n[l-1] + n[l]))}. */
  XAVIER_UNIFORM,

  /** Xavier/Glorot normal: {@code W ~ N(0, 2 / (n[l-1] + n[l]))}. */
  XAVIER_NORMAL;

  /** Activation names that zero out negative inputs, for which He initialisation keeps variance. */
  private static final Set<String> RELU_LIKE =
      Set.of("relu", "leaky_relu", "relu6", "elu", "celu", "gelu", "gelu_tanh", "silu", "mish");

  /**
   * The concrete initializer for a layer: this one, or for {@link #AUTO} the one that suits the
   * layer's activation.
   *
   * @param activationName the layer's activation name
   * @return a concrete initializer, never {@link #AUTO}
   */
  public Initializer resolve(String activationName) {
    if (this != AUTO) {
      return this;
    }
    return RELU_LIKE.contains(activationName) ? HE_NORMAL : XAVIER_UNIFORM;
  }

  /**
   * Fills {@code W} with random weights.
   *
   * @param W the weights, {@code fanOut × fanIn}. Modified.
   * @param rng the random source, advanced by {@code W}'s size draws
   * @throws IllegalStateException for {@link #AUTO}, which must be resolved first
   */
  public void fill(DMatrixRMaj W, Random rng) {
    final int fanOut = W.numRows;
    final int fanIn = W.numCols;
    final int size = W.getNumElements();
    switch (this) {
      case HE_NORMAL: {
        double sd = Math.sqrt(2.0 / fanIn);
        for (int k = 0; k < size; k++) {
          W.data[k] = sd * rng.nextGaussian();
        }
        break;
      }
      case XAVIER_UNIFORM: {
        double r = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int k = 0; k < size; k++) {
          W.data[k] = r * (2 * rng.nextDouble() - 1);
        }
        break;
      }
      case XAVIER_NORMAL: {
        double sd = Math.sqrt(2.0 / (fanIn + fanOut));
        for (int k = 0; k < size; k++) {
          W.data[k] = sd * rng.nextGaussian();
        }
        break;
      }
      default:
        throw new IllegalStateException("resolve AUTO to a concrete initializer before filling");
    }
  }
}

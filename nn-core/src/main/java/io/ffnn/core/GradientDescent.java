package io.ffnn.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain gradient descent: {@code W[l] ← W[l] − α dW[l]}, {@code b[l] ← b[l] − α db[l]}, with the
 * gradients of the last backward pass through a workspace. Immutable and thread-safe; the network
 * it updates is not.
 */
public final class GradientDescent {

  private final double learningRate;

  /**
   * A gradient-descent rule.
   *
   * @param learningRate {@code α > 0}, finite
   * @throws IllegalArgumentException if {@code α} is not a positive finite number
   */
  public GradientDescent(double learningRate) {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "the learning rate must be a positive finite number, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  /**
   * The learning rate.
   *
   * @return {@code α}
   */
  public double learningRate() {
    return learningRate;
  }

  /**
   * Applies the gradients held by {@code ws} to the network's weights and biases.
   *
   * @param network the network. Modified.
   * @param ws a workspace whose last pass through {@code network} computed gradients. Not modified.
   * @throws IllegalStateException if {@code ws} holds no gradients
   */
  public void step(Network network, Workspace ws) {
    if (!ws.hasGradients) {
      throw new IllegalStateException(
          "the workspace holds no gradients; call computeGradients before step");
    }
    for (int l = 1; l <= network.depth(); l++) {
      subtractScaled(network.W(l), ws.dW[l]);
      subtractScaled(network.b(l), ws.db[l]);
    }
  }

  /**
   * One training step on one mini-batch: forward, backward, update.
   *
   * @param network the network. Modified.
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@code n[L] × m}. Not modified.
   * @param ws the workspace. Modified.
   * @return {@code J} of the batch before the update
   */
  public double step(Network network, DMatrixRMaj X, DMatrixRMaj Y, Workspace ws) {
    double J = network.computeGradients(X, Y, ws);
    step(network, ws);
    return J;
  }

  private void subtractScaled(DMatrixRMaj param, DMatrixRMaj grad) {
    final double[] p = param.data;
    final double[] d = grad.data;
    final int size = param.getNumElements();
    final double alpha = learningRate;
    for (int k = 0; k < size; k++) {
      p[k] -= alpha * d[k];
    }
  }
}

package io.ffnn.core.optimizers;

import io.ffnn.core.ParameterLayout;
import io.ffnn.core.ParameterLayout.Parameter;
import io.ffnn.core.ParameterUpdate;
import io.ffnn.core.Workspace;
import java.util.List;

/**
 * A step whose gradients are prepared over all parameters first — clipped by value, scaled to
 * the clipping norm, plus {@code λ W} for the weights — then handed to the rule, parameter by
 * parameter, through {@link io.ffnn.core.Network#update}. The prepared gradients are {@code
 * double}, read through {@link Workspace#gradient}, so a float32 network's entries reach the
 * rule widened.
 */
final class PreparedStep implements ParameterUpdate {

  private final Optimizer rule;
  private final List<Parameter> parameters;
  /** The prepared gradient of each parameter, by {@link Parameter#index()}. */
  private final double[][] grad;
  /** The step's factor of the gradients from clipping by norm. */
  private double scale;
  private double l2;

  PreparedStep(Optimizer rule, ParameterLayout layout) {
    this.rule = rule;
    this.parameters = layout.parameters();
    this.grad = Optimizer.zeros(layout);
  }

  /** Copies the workspace's gradients clipped by value and finds the factor of the norm. */
  void prepare(Workspace ws, double clipValue, double clipNorm, double l2) {
    this.l2 = l2;
    double sumSquares = 0;
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      final double[] source = ws.gradient(p).data;
      final double[] target = grad[p.index()];
      final int size = p.size();
      // each parameter's sum first, then the total: the order the pinned runs were made in
      double sum = 0;
      for (int k = 0; k < size; k++) {
        double v = source[k];
        v = v > clipValue ? clipValue : v < -clipValue ? -clipValue : v;
        target[k] = v;
        sum += v * v;
      }
      sumSquares += sum;
    }
    double norm = Math.sqrt(sumSquares);
    scale = norm > clipNorm ? clipNorm / norm : 1.0;
  }

  @Override
  public void update(Parameter p, double[] theta, double[] unprepared, int from, int to) {
    double[] g = grad[p.index()];
    if (p.isWeights()) {
      // the gradient of (λ/2) ‖W‖² is λ W; biases are not penalised
      for (int k = from; k < to; k++) {
        g[k] = g[k] * scale + l2 * theta[k];
      }
    } else if (scale != 1.0) {
      for (int k = from; k < to; k++) {
        g[k] *= scale;
      }
    }
    rule.update(p, theta, g, from, to, rule.learningRate(), rule.steps());
  }

  @Override
  public void update(Parameter p, float[] theta, float[] unprepared, int from, int to) {
    // prepare read the gradients in double (ws.gradient), so the network hands a float32
    // network's entries widened to the double form above
    throw new IllegalStateException("prepared gradients are double");
  }
}

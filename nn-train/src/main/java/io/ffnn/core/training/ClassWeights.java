package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.metrics.Task;
import java.util.Arrays;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * How much each class's examples weigh in training a classifier: the gradient is that of {@code
 * J_w = (1/m) Σ_i w[c_i] loss_i}, where {@code c_i} is example {@code i}'s class, instead of the
 * cost's {@code J = (1/m) Σ_i loss_i}. Raising a rare class's weight makes its errors count as
 * much as a common class's, which raises its recall. The loss and the metrics a run reports keep
 * their meaning: they are the cost {@code J} and the plain accuracy, unweighted.
 *
 * <ul>
 *   <li>{@link #balanced()}: {@code w[c] = m / (k · m_c)} on the training examples ({@code m_c}
 *       of class {@code c} among {@code k} classes), scikit-learn's and Keras's "balanced": the
 *       weights average 1 over the examples, and every class weighs the same in all;
 *   <li>{@link #of(double...)}: given weights, one per class in class order.
 * </ul>
 *
 * An example's class is the largest entry of its one-hot (or probability) target, its class index
 * for a cost of class indices, or, for one output, 1 where the target reaches the decision
 * threshold (½, or 0 for ±1 targets). Immutable.
 */
public final class ClassWeights {

  private final double[] weights;

  private ClassWeights(double[] weights) {
    this.weights = weights;
  }

  /**
   * Weights inversely proportional to the classes' frequencies in the training examples.
   *
   * @return the balanced weighting
   */
  public static ClassWeights balanced() {
    return new ClassWeights(null);
  }

  /**
   * Given weights, one per class.
   *
   * @param weights {@code w[c]} for classes {@code 0 … k−1}: finite, not negative, one positive
   * @return the weighting
   * @throws IllegalArgumentException if a weight is negative or not finite, or all are 0
   */
  public static ClassWeights of(double... weights) {
    if (weights.length < 2) {
      throw new IllegalArgumentException("class weights need one weight per class, at least 2, "
          + "got " + Arrays.toString(weights));
    }
    boolean positive = false;
    for (double w : weights) {
      if (!(w >= 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException("a class weight must be a finite number >= 0, got "
            + Arrays.toString(weights));
      }
      positive |= w > 0;
    }
    if (!positive) {
      throw new IllegalArgumentException("at least one class weight must be positive");
    }
    return new ClassWeights(weights.clone());
  }

  /**
   * Whether the weights are computed from the training data.
   *
   * @return true for {@link #balanced()}
   */
  public boolean isBalanced() {
    return weights == null;
  }

  /**
   * The class weights for training a network on these targets.
   *
   * @param network the network: a classifier (its cost's targets are classes or yes/no answers
   *     on one output)
   * @param Y the training targets. Not modified.
   * @return {@code w[c]} per class
   * @throws IllegalArgumentException if the network is not a classifier, or given weights do not
   *     number its classes
   */
  public double[] of(Network network, DMatrixRMaj Y) {
    return weights(network, classes(network, Y));
  }

  /** The class weights, given each example's class. */
  private double[] weights(Network network, int[] classOf) {
    int k = classCount(network);
    if (weights != null) {
      if (weights.length != k) {
        throw new IllegalArgumentException(weights.length + " class weights for a classifier of "
            + k + " classes");
      }
      return weights.clone();
    }
    long[] count = new long[k];
    for (int c : classOf) {
      count[c]++;
    }
    double[] w = new double[k];
    for (int c = 0; c < k; c++) {
      // a class without examples weighs nothing, as none of its examples is there to weigh
      w[c] = count[c] == 0 ? 0 : (double) classOf.length / (k * count[c]);
    }
    return w;
  }

  /**
   * Each example's weight: its class's.
   *
   * @param network the classifier
   * @param Y the training targets. Not modified.
   * @return one weight per column of {@code Y}
   * @throws IllegalArgumentException as {@link #of(Network, DMatrixRMaj)}
   */
  double[] perExample(Network network, DMatrixRMaj Y) {
    int[] classOf = classes(network, Y);
    double[] w = weights(network, classOf);
    double[] out = new double[classOf.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = w[classOf[i]];
    }
    return out;
  }

  private static int classCount(Network network) {
    int outputs = network.size(network.depth());
    Task task = Task.of(network.cost(), outputs);
    if (task == Task.BINARY) {
      return 2;
    }
    if (task == Task.MULTICLASS) {
      return outputs;
    }
    throw new IllegalArgumentException("class weights are for classifiers, but cost '"
        + network.cost().spec() + "' with " + outputs + " outputs makes a " + task.name()
        .toLowerCase(Locale.ROOT) + " network");
  }

  /** Each column's class: for one output, whether it reaches the decision threshold. */
  private static int[] classes(Network network, DMatrixRMaj Y) {
    if (classCount(network) == 2 && network.size(network.depth()) == 1) {
      double threshold = Task.threshold(network.cost().targetDomain());
      int[] classOf = new int[Y.numCols];
      for (int i = 0; i < Y.numCols; i++) {
        classOf[i] = Y.get(0, i) >= threshold ? 1 : 0;
      }
      return classOf;
    }
    // one-hot or probability rows, or a row of class indices
    return Dataset.labels(Y);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassWeights other && Arrays.equals(other.weights, weights);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights);
  }

  /**
   * The weighting, e.g. {@code balanced class weights} or {@code class weights [1.0, 5.0]}.
   *
   * @return one line
   */
  @Override
  public String toString() {
    return weights == null ? "balanced class weights" : "class weights "
        + Arrays.toString(weights);
  }
}

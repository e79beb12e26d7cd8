package io.ffnn.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training example as it travels in a Spark RDD: its inputs {@code x} ({@code n[0]} values),
 * its target {@code y} ({@link io.ffnn.core.Network#targetRows()} values, e.g. a one-hot column
 * for {@code cce}) and its weight in the gradient.
 *
 * <p>Weights are relative: {@link SparkTrainer} divides each by the mean weight of the data set,
 * so that weighing every example {@code c > 0} trains exactly as weighing them all 1, and an
 * example of weight 2 pulls the gradient of its batch as two copies of it would. A step's
 * gradient is then {@code (1/m) Σ w_i ∂loss_i} over its {@code m} examples; the loss an epoch
 * reports stays unweighted.
 *
 * <p>Examples are serialized as Spark moves them between the driver and the executors of one
 * run; their serialized form is not kept from one ffnn version to the next.
 *
 * @param x the inputs
 * @param y the target
 * @param weight the example's weight: finite and {@code >= 0}; 1 for an unweighted example
 * @serial exclude
 */
public record Example(double[] x, double[] y, double weight) implements Serializable {

  /** {@return the inputs} */
  public double[] x() {
    return x;
  }

  /** {@return the target} */
  public double[] y() {
    return y;
  }

  /** {@return the example's weight: finite and {@code >= 0}; 1 for an unweighted example} */
  public double weight() {
    return weight;
  }

  private static final long serialVersionUID = 2L;

  /**
   * An example.
   *
   * @param x the inputs
   * @param y the target
   * @param weight the example's weight; checked, with the example's index, when a run reads it
   */
  public Example {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
  }

  /**
   * An example of weight 1.
   *
   * @param x the inputs
   * @param y the target
   */
  public Example(double[] x, double[] y) {
    this(x, y, 1);
  }
}

package io.ffnn.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training example as it travels in a Spark RDD: its inputs {@code x} ({@code n[0]} values)
 * and its target {@code y} ({@link io.ffnn.core.Network#targetRows()} values, e.g. a one-hot
 * column for {@code cce}).
 *
 * @param x the inputs
 * @param y the target
 */
public record Example(double[] x, double[] y) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * An example.
   *
   * @param x the inputs
   * @param y the target
   */
  public Example {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
  }
}

package io.ffnn.spark;

import java.io.Serializable;

/**
 * What the partitions send back for one mini-batch step: the sums over their examples of the
 * gradients (in {@link io.ffnn.core.Network#getParameters}'s layout) and of the cost, and how
 * many examples they hold. Combined by addition; an empty partial ({@code count = 0}, no sums)
 * is the zero.
 */
final class Partial implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The gradient sums, or null while no example has been added. */
  double[] sums;
  double cost;
  long count;

  Partial() {}

  Partial(double[] sums, double cost, long count) {
    this.sums = sums;
    this.cost = cost;
    this.count = count;
  }

  /** Adds {@code other} into this one (both may be the zero); returns this. */
  Partial add(Partial other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      // taken, not copied: a partial is added once, into the zero of its task or of the driver's
      // reduction, and a step's buffer is serialized with the task's result before it is reused
      sums = other.sums;
    } else {
      final double[] s = sums;
      final double[] o = other.sums;
      for (int k = 0; k < s.length; k++) {
        s[k] += o[k];
      }
    }
    cost += other.cost;
    count += other.count;
    return this;
  }
}

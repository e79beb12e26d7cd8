package io.ffnn.core.metrics;

import io.ffnn.api.Cost;
import io.ffnn.api.Range;

/**
 * What kind of prediction a network makes, read off its cost's target domain: the metrics that
 * make sense follow from it.
 */
public enum Task {

  /** One yes/no answer per example: one output, targets in [0, 1] (threshold ½) or ±1 (0). */
  BINARY,

  /** One class among {@code n} per example: probability-vector or class-index targets. */
  MULTICLASS,

  /** {@code n} independent yes/no answers per example: several outputs, [0, 1] or ±1 targets. */
  MULTILABEL,

  /** Real-valued outputs. */
  REGRESSION;

  /**
   * The task of a network with this cost and output size.
   *
   * @param cost the cost
   * @param outputSize {@code n[L]}
   * @return the task
   */
  public static Task of(Cost cost, int outputSize) {
    Range targets = cost.targetDomain();
    switch (targets.kind()) {
      case SIMPLEX:
      case CLASS_INDEX:
        return MULTICLASS;
      case SIGNS:
        return outputSize == 1 ? BINARY : MULTILABEL;
      case INTERVAL:
        if (targets.equals(Range.closed(0, 1))) {
          return outputSize == 1 ? BINARY : MULTILABEL;
        }
        return REGRESSION;
      default:
        return REGRESSION;
    }
  }

  /**
   * The decision threshold of yes/no answers for a target domain: 0 for ±1 targets, ½ otherwise.
   *
   * @param targets the cost's target domain
   * @return the threshold
   */
  public static double threshold(Range targets) {
    return targets.kind() == Range.Kind.SIGNS ? 0.0 : 0.5;
  }
}

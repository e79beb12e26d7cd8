package io.ffnn.costs;

import io.ffnn.api.Activation;
import io.ffnn.api.CostMath;
import io.ffnn.api.ElementwiseCost;
import io.ffnn.api.Range;

/**
 * What the hinge losses share: targets in {−1, +1} and an output activation that can produce
 * scores of both signs.
 */
abstract class MarginCost extends ElementwiseCost {

  /**
   * {@inheritDoc}
   *
   * @return {@code {−1, +1}}
   */
  @Override
  public Range targetDomain() {
    return Range.SIGNS;
  }

  @Override
  public void checkOutputLayer(Activation output, int outputSize) {
    CostMath.requireBothSigns(name(), output);
  }
}

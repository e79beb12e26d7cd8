package io.ffnn.core.training;

/**
 * The first listener of every run: stops it with a {@link TrainingDivergedException} naming the
 * epoch, the batch and the first non-finite value (layer, quantity, entry) as soon as a batch's
 * loss or a parameter after the step is not finite. The trainers find non-finite parameters as
 * part of the step itself, so the guard costs two comparisons per batch.
 */
final class DivergenceGuard implements TrainingListener {

  @Override
  public void batchEnd(TrainingContext context) {
    double J = context.batchLoss();
    if (!Double.isFinite(J)) {
      throw Divergence.diagnose(context.network(), context.workspace(), context.epoch(),
          context.batch(), "the loss is " + J, context.optimizer().learningRate());
    }
    String bad = context.nonFiniteParameter();
    if (bad != null) {
      throw Divergence.diagnose(context.network(), context.workspace(), context.epoch(),
          context.batch(), "the update made " + bad, context.optimizer().learningRate());
    }
  }
}

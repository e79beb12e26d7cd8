package io.ffnn.core.training;

/** See {@link LearningRateSchedule#reduceOnPlateau}. */
final class ReduceOnPlateau implements LearningRateSchedule {

  private final double factor;
  private final int patience;
  private final double minDelta;
  private final double minRate;
  private double scale = 1;
  private double best = Double.POSITIVE_INFINITY;
  private int wait;

  ReduceOnPlateau(double factor, int patience, double minDelta, double minRate) {
    if (!(factor > 0 && factor < 1) || patience < 1 || !(minDelta >= 0) || !(minRate > 0)) {
      throw new IllegalArgumentException("reduce-on-plateau needs factor in (0, 1), patience >= 1,"
          + " minDelta >= 0 and minRate > 0");
    }
    this.factor = factor;
    this.patience = patience;
    this.minDelta = minDelta;
    this.minRate = minRate;
  }

  @Override
  public LearningRateSchedule fresh() {
    return new ReduceOnPlateau(factor, patience, minDelta, minRate);
  }

  @Override
  public double rate(double base, double t, int epochs) {
    return Math.max(base * scale, minRate);
  }

  @Override
  public void epochEnd(int epoch, double loss) {
    if (loss < best - minDelta) {
      best = loss;
      wait = 0;
    } else if (++wait >= patience) {
      scale *= factor;
      wait = 0;
    }
  }

  @Override
  public double[] state() {
    return new double[] {scale, best, wait};
  }

  @Override
  public void restore(double[] state) {
    if (state.length != 3) {
      throw new IllegalArgumentException("reduce-on-plateau keeps 3 numbers, got "
          + state.length);
    }
    scale = state[0];
    best = state[1];
    wait = (int) state[2];
  }
}

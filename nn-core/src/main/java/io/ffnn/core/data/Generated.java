package io.ffnn.core.data;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Seeded synthetic data sets for examples and tests, examples as columns.
 */
public final class Generated {

  private Generated() {}

  /**
   * Inputs and targets.
   *
   * @param X the inputs, {@code n[0] × m}
   * @param Y the targets, {@code n[L] × m}
   */
  public record Examples(DMatrixRMaj X, DMatrixRMaj Y) {

    /**
     * The number of examples.
     *
     * @return {@code m}
     */
    public int size() {
      return X.numCols;
    }
  }

  /**
   * The k-arm spiral: {@code k} classes of points on interleaved spiral arms in the plane. For
   * class {@code c} and point {@code j < perClass}: radius {@code r = j/(perClass−1)}, angle
   * {@code t = 4c + 4r + noise·N(0,1)}, point {@code (r sin t, r cos t)}. Targets are one-hot.
   *
   * @param classes {@code k >= 2}
   * @param perClass points per class, {@code >= 2}
   * @param noise standard deviation of the angle noise
   * @param seed the random seed
   * @return {@code X} of {@code 2 × k·perClass}, {@code Y} of {@code k × k·perClass}
   */
  public static Examples spirals(int classes, int perClass, double noise, long seed) {
    if (classes < 2 || perClass < 2) {
      throw new IllegalArgumentException(
          "spirals need at least 2 classes of 2 points, got " + classes + " x " + perClass);
    }
    Random rng = new Random(seed);
    int m = classes * perClass;
    DMatrixRMaj X = new DMatrixRMaj(2, m);
    DMatrixRMaj Y = new DMatrixRMaj(classes, m);
    for (int c = 0; c < classes; c++) {
      for (int j = 0; j < perClass; j++) {
        int i = c * perClass + j;
        double r = (double) j / (perClass - 1);
        double t = 4.0 * c + 4.0 * r + noise * rng.nextGaussian();
        X.set(0, i, r * Math.sin(t));
        X.set(1, i, r * Math.cos(t));
        Y.set(c, i, 1.0);
      }
    }
    return new Examples(X, Y);
  }

  /**
   * Noisy sine regression: {@code x} uniform in {@code [−π, π]}, {@code y = sin x + noise·N(0,1)}.
   *
   * @param m the number of examples
   * @param noise standard deviation of the noise
   * @param seed the random seed
   * @return {@code X} and {@code Y}, both {@code 1 × m}
   */
  public static Examples sine(int m, double noise, long seed) {
    if (m < 1) {
      throw new IllegalArgumentException("sine needs at least one example, got " + m);
    }
    Random rng = new Random(seed);
    DMatrixRMaj X = new DMatrixRMaj(1, m);
    DMatrixRMaj Y = new DMatrixRMaj(1, m);
    for (int i = 0; i < m; i++) {
      double x = Math.PI * (2 * rng.nextDouble() - 1);
      X.set(0, i, x);
      Y.set(0, i, Math.sin(x) + noise * rng.nextGaussian());
    }
    return new Examples(X, Y);
  }
}

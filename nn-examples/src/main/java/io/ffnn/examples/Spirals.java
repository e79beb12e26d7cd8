package io.ffnn.examples;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * The k-arm spiral data set: {@code k} classes of points on interleaved spiral arms in the plane,
 * with noise on the angle. Inputs are {@code 2 × m}, targets one-hot {@code k × m}.
 */
public final class Spirals {

  /** The inputs, {@code 2 × m}. */
  public final DMatrixRMaj X;

  /** The one-hot targets, {@code k × m}. */
  public final DMatrixRMaj Y;

  private Spirals(DMatrixRMaj X, DMatrixRMaj Y) {
    this.X = X;
    this.Y = Y;
  }

  /**
   * Generates the set: for class {@code c} and point {@code j < perClass}, radius {@code r =
   * j/(perClass−1)}, angle {@code t = 4c + 4r + noise·N(0,1)}, point {@code (r sin t, r cos t)}.
   *
   * @param classes {@code k >= 2}
   * @param perClass points per class, {@code >= 2}
   * @param noise standard deviation of the angle noise
   * @param seed the random seed
   * @return the data set
   */
  public static Spirals generate(int classes, int perClass, double noise, long seed) {
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
    return new Spirals(X, Y);
  }
}

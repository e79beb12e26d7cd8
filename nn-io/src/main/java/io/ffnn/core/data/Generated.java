package io.ffnn.core.data;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Seeded synthetic datasets for examples and tests, examples as columns. Every method gives the
 * same data for the same arguments.
 */
public final class Generated {

  private Generated() {}

  /**
   * XOR: the four points of {0, 1}² with their exclusive or as a single 0/1 target.
   *
   * @return {@code X} of {@code 2 × 4}, {@code Y} of {@code 1 × 4}
   */
  public static Dataset xor() {
    DMatrixRMaj X = new DMatrixRMaj(2, 4, true, 0, 0, 1, 1, 0, 1, 0, 1);
    DMatrixRMaj Y = new DMatrixRMaj(1, 4, true, 0, 1, 1, 0);
    return new Dataset(X, Y, 2, List.of());
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
  public static Dataset spirals(int classes, int perClass, double noise, long seed) {
    if (classes < 2 || perClass < 2) {
      throw new IllegalArgumentException(
          "spirals need at least 2 classes of 2 points, got " + classes + " x " + perClass);
    }
    Random rng = new Random(seed);
    int m = classes * perClass;
    DMatrixRMaj X = new DMatrixRMaj(2, m);
    int[] labels = new int[m];
    for (int c = 0; c < classes; c++) {
      for (int j = 0; j < perClass; j++) {
        int i = c * perClass + j;
        double r = (double) j / (perClass - 1);
        double t = 4.0 * c + 4.0 * r + noise * rng.nextGaussian();
        X.set(0, i, r * Math.sin(t));
        X.set(1, i, r * Math.cos(t));
        labels[i] = c;
      }
    }
    return Dataset.classification(X, labels, classes);
  }

  /**
   * Two interleaving half circles (scikit-learn's {@code make_moons}): class 0 on the upper arc
   * {@code (cos t, sin t)}, class 1 on the lower arc {@code (1 − cos t, ½ − sin t)}, {@code t}
   * uniform in {@code [0, π]}, plus Gaussian noise.
   *
   * @param m the number of points, {@code >= 2} (alternating classes)
   * @param noise standard deviation of the noise
   * @param seed the random seed
   * @return {@code X} of {@code 2 × m}, one-hot {@code Y} of {@code 2 × m}
   */
  public static Dataset moons(int m, double noise, long seed) {
    requireAtLeast(m, 2, "moons");
    Random rng = new Random(seed);
    DMatrixRMaj X = new DMatrixRMaj(2, m);
    int[] labels = new int[m];
    for (int i = 0; i < m; i++) {
      double t = Math.PI * rng.nextDouble();
      labels[i] = i % 2;
      double x = labels[i] == 0 ? Math.cos(t) : 1 - Math.cos(t);
      double y = labels[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
      X.set(0, i, x + noise * rng.nextGaussian());
      X.set(1, i, y + noise * rng.nextGaussian());
    }
    return Dataset.classification(X, labels, 2);
  }

  /**
   * Two concentric circles (scikit-learn's {@code make_circles}): class 0 on the unit circle,
   * class 1 on a circle of radius {@code factor}, plus Gaussian noise.
   *
   * @param m the number of points, {@code >= 2} (alternating classes)
   * @param noise standard deviation of the noise
   * @param factor the inner radius, in (0, 1)
   * @param seed the random seed
   * @return {@code X} of {@code 2 × m}, one-hot {@code Y} of {@code 2 × m}
   */
  public static Dataset circles(int m, double noise, double factor, long seed) {
    requireAtLeast(m, 2, "circles");
    if (!(factor > 0 && factor < 1)) {
      throw new IllegalArgumentException("circles need an inner radius in (0, 1), got " + factor);
    }
    Random rng = new Random(seed);
    DMatrixRMaj X = new DMatrixRMaj(2, m);
    int[] labels = new int[m];
    for (int i = 0; i < m; i++) {
      double t = 2 * Math.PI * rng.nextDouble();
      labels[i] = i % 2;
      double r = labels[i] == 0 ? 1 : factor;
      X.set(0, i, r * Math.cos(t) + noise * rng.nextGaussian());
      X.set(1, i, r * Math.sin(t) + noise * rng.nextGaussian());
    }
    return Dataset.classification(X, labels, 2);
  }

  /**
   * Gaussian blobs: {@code k} classes around centres spaced evenly on a circle of radius 3, each
   * point the centre plus {@code N(0, spread²)} noise per coordinate.
   *
   * @param classes {@code k >= 2}
   * @param perClass points per class, {@code >= 1}
   * @param spread standard deviation around each centre
   * @param seed the random seed
   * @return {@code X} of {@code 2 × k·perClass}, one-hot {@code Y}
   */
  public static Dataset blobs(int classes, int perClass, double spread, long seed) {
    if (classes < 2 || perClass < 1) {
      throw new IllegalArgumentException("blobs need at least 2 classes of 1 point, got "
          + classes + " x " + perClass);
    }
    Random rng = new Random(seed);
    int m = classes * perClass;
    DMatrixRMaj X = new DMatrixRMaj(2, m);
    int[] labels = new int[m];
    for (int i = 0; i < m; i++) {
      int c = i % classes;
      double angle = 2 * Math.PI * c / classes;
      X.set(0, i, 3 * Math.cos(angle) + spread * rng.nextGaussian());
      X.set(1, i, 3 * Math.sin(angle) + spread * rng.nextGaussian());
      labels[i] = c;
    }
    return Dataset.classification(X, labels, classes);
  }

  /**
   * Noisy sine regression: {@code x} uniform in {@code [−π, π]}, {@code y = sin x + noise·N(0,1)}.
   *
   * @param m the number of examples, {@code >= 1}
   * @param noise standard deviation of the noise
   * @param seed the random seed
   * @return {@code X} and {@code Y}, both {@code 1 × m}
   */
  public static Dataset sine(int m, double noise, long seed) {
    requireAtLeast(m, 1, "sine");
    Random rng = new Random(seed);
    DMatrixRMaj X = new DMatrixRMaj(1, m);
    DMatrixRMaj Y = new DMatrixRMaj(1, m);
    for (int i = 0; i < m; i++) {
      double x = Math.PI * (2 * rng.nextDouble() - 1);
      X.set(0, i, x);
      Y.set(0, i, Math.sin(x) + noise * rng.nextGaussian());
    }
    return Dataset.regression(X, Y);
  }

  /**
   * A multi-label set: points uniform in {@code [−1, 1]²} with three independent yes/no labels,
   * "right half" ({@code x > 0}), "upper half" ({@code y > 0}) and "inside the circle of radius
   * 0.7", each flipped with probability {@code flip}.
   *
   * @param m the number of examples, {@code >= 1}
   * @param flip the label noise, in [0, ½)
   * @param seed the random seed
   * @return {@code X} of {@code 2 × m}, 0/1 targets {@code Y} of {@code 3 × m}
   */
  public static Dataset multiLabel(int m, double flip, long seed) {
    requireAtLeast(m, 1, "multiLabel");
    Random rng = new Random(seed);
    DMatrixRMaj X = new DMatrixRMaj(2, m);
    DMatrixRMaj Y = new DMatrixRMaj(3, m);
    for (int i = 0; i < m; i++) {
      double x = 2 * rng.nextDouble() - 1;
      double y = 2 * rng.nextDouble() - 1;
      X.set(0, i, x);
      X.set(1, i, y);
      boolean[] labels = {x > 0, y > 0, Math.hypot(x, y) < 0.7};
      for (int p = 0; p < 3; p++) {
        boolean v = rng.nextDouble() < flip ? !labels[p] : labels[p];
        Y.set(p, i, v ? 1 : 0);
      }
    }
    return Dataset.regression(X, Y);
  }

  private static void requireAtLeast(int m, int min, String what) {
    if (m < min) {
      throw new IllegalArgumentException(what + " needs at least " + min + " examples, got " + m);
    }
  }
}

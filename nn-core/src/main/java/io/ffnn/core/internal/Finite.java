package io.ffnn.core.internal;

/** Whether arrays hold only finite numbers: the check training runs after every step. */
public final class Finite {

  private Finite() {}

  /**
   * {@link #allFinite(double[], int, int)} of floats.
   *
   * @param a the entries
   * @param from the first entry checked
   * @param to one past the last
   * @return whether they are all finite
   */
  public static boolean allFinite(float[] a, int from, int to) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int k = from;
    for (; k + 4 <= to; k += 4) {
      s0 += a[k] * 0.0f;
      s1 += a[k + 1] * 0.0f;
      s2 += a[k + 2] * 0.0f;
      s3 += a[k + 3] * 0.0f;
    }
    for (; k < to; k++) {
      s0 += a[k] * 0.0f;
    }
    return s0 + s1 + s2 + s3 == 0;
  }

  /**
   * Whether {@code a[from … to−1]} are all finite, without a branch per entry.
   *
   * @param a the entries
   * @param from the first entry checked
   * @param to one past the last
   * @return whether they are all finite
   */
  public static boolean allFinite(double[] a, int from, int to) {
    // v * 0 is 0 for finite v and NaN for ±∞ and NaN; four sums keep the loop from waiting
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = from;
    for (; k + 4 <= to; k += 4) {
      s0 += a[k] * 0.0;
      s1 += a[k + 1] * 0.0;
      s2 += a[k + 2] * 0.0;
      s3 += a[k + 3] * 0.0;
    }
    for (; k < to; k++) {
      s0 += a[k] * 0.0;
    }
    return s0 + s1 + s2 + s3 == 0;
  }
}

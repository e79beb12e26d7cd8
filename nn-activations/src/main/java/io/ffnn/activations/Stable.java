package io.ffnn.activations;

/** Overflow-free and branch-free scalar functions shared by several activations. */
final class Stable {

  private Stable() {}

  /** {@code 1 / (1 + e^(−z))}, exact 0 and 1 at ±1000 instead of overflow. */
  static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /** {@code log(1 + e^z) = max(z, 0) + log1p(e^(−|z|))}, which never overflows. */
  static double softplus(double z) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /**
   * {@code z > 0 ? yes : no} without a branch, selecting on the bits of {@code z}: a loop of
   * these compiles to vector code, where a branch on data of mixed signs is mispredicted about
   * half the time. {@code z = NaN} counts as positive when its sign bit is clear; {@code ±0} is
   * not positive.
   */
  static double ifPositive(double z, double yes, double no) {
    long bits = Double.doubleToRawLongBits(z);
    long notPositive = ((bits - 1) | bits) >> 63;
    return Double.longBitsToDouble(
        (Double.doubleToRawLongBits(yes) & ~notPositive)
            | (Double.doubleToRawLongBits(no) & notPositive));
  }
}

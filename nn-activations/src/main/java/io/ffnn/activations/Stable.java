package io.ffnn.activations;

/** Overflow-free scalar functions shared by several activations. */
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
}

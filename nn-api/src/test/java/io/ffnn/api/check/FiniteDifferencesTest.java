package io.ffnn.api.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FiniteDifferencesTest {

  @Test
  void fivePointStencilIsAccurateToRoundOff() {
    for (double x : new double[] {-2, -0.3, 0, 0.7, 3}) {
      double d = FiniteDifferences.derivative(Math::sin, x, FiniteDifferences.DEFAULT_STEP);
      assertEquals(Math.cos(x), d, 1e-11, "at " + x);
      double e = FiniteDifferences.derivative(Math::exp, x, FiniteDifferences.DEFAULT_STEP);
      assertEquals(Math.exp(x), e, 1e-10 * Math.exp(x), "at " + x);
    }
  }

  @Test
  void fivePointIsFarBetterThanThreePointAtTheSameStep() {
    double h = 1e-3;
    double x = 0.5;
    double three = (Math.sin(x + h) - Math.sin(x - h)) / (2 * h);
    double five = FiniteDifferences.derivative(Math::sin, x, h);
    double errThree = Math.abs(three - Math.cos(x));
    double errFive = Math.abs(five - Math.cos(x));
    assertEquals(1, Math.signum(errThree - 1000 * errFive), "3-point " + errThree + " 5-point "
        + errFive);
  }

  @Test
  void relativeError() {
    assertEquals(0.0, FiniteDifferences.relativeError(2, 2, 1e-8));
    assertEquals(1.0 / 5, FiniteDifferences.relativeError(3, 2, 1e-8), 1e-15);
    // both tiny: the floor turns it into an absolute difference
    assertEquals(1e-12 / 1e-8, FiniteDifferences.relativeError(2e-12, 1e-12, 1e-8), 1e-18);
    assertEquals(1e-8, FiniteDifferences.relativeError(2e-12, 1e-12,
        FiniteDifferences.DEFAULT_FLOOR), 1e-20);
    assertEquals(Double.POSITIVE_INFINITY,
        FiniteDifferences.relativeError(Double.NaN, 1, 1e-8));
    assertEquals(Double.POSITIVE_INFINITY,
        FiniteDifferences.relativeError(Double.POSITIVE_INFINITY, 1, 1e-8));
  }
}

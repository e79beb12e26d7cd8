package io.ffnn.api.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void theErrorEstimateBoundsTheActualErrorWithoutHidingIt() {
    double h = FiniteDifferences.DEFAULT_STEP;
    // −log x near 0: truncation 0.8 (h/x)⁴ of the derivative dominates
    for (double x : new double[] {0.002, 0.004, 0.006, 0.02, 0.3}) {
      FiniteDifferences.Estimate e = FiniteDifferences.estimate(v -> -Math.log(v), x, h);
      double actual = Math.abs(e.derivative() + 1 / x);
      assertTrue(actual <= FiniteDifferences.ERROR_MARGIN * e.error(), "at " + x + ": actual "
          + actual + ", estimated " + e.error());
      // and the estimate is not wildly pessimistic: within 10× of the truth, or at round-off
      assertTrue(e.error() <= 10 * actual + 1e-10 / x, "at " + x + ": actual " + actual
          + ", estimated " + e.error());
    }
    // a smooth function: the estimate is at round-off, so any real error stands out
    FiniteDifferences.Estimate sin = FiniteDifferences.estimate(Math::sin, 0.7, h);
    assertTrue(sin.error() < 1e-10, "estimated " + sin.error());
    assertEquals(FiniteDifferences.derivative(Math::sin, 0.7,
        FiniteDifferences.exactStep(0.7, h)), sin.derivative());
  }

  @Test
  void theStepPutsEveryPointExactlyOnADouble() {
    // near 1 the doubles are 1.1e-16 apart: a step of 6e-14 taken as asked lands x + h on a
    // rounded point, and the slope of v ↦ v comes out off by 1e-3 of itself
    double x = 1 - 1e-12;
    double asked = 6e-14;
    assertTrue(Math.abs(FiniteDifferences.derivative(v -> v, x, asked) - 1) > 1e-4);
    double h = FiniteDifferences.exactStep(x, asked);
    assertTrue(h <= asked && h > asked * 0.99, "step " + h);
    for (double k : new double[] {-2, -1, -0.5, 0.5, 1, 2}) {
      assertEquals(k * h, (x + k * h) - x, "offset " + k);
    }
    assertEquals(1.0, FiniteDifferences.estimate(v -> v, x, asked).derivative());
    // where x is far below h, the step is h itself; below 4 ulp(x), 4 ulp(x)
    assertEquals(1e-4, FiniteDifferences.exactStep(0, 1e-4));
    assertEquals(1e-4, FiniteDifferences.exactStep(1e-30, 1e-4));
    assertEquals(4 * Math.ulp(1000.0), FiniteDifferences.exactStep(1000, 1e-20));
  }

  @Test
  void anEntryIsHeldToTheLargerOfTheToleranceAndWhatTheErrorExplains() {
    double floor = FiniteDifferences.DEFAULT_FLOOR;
    assertEquals(1e-6, FiniteDifferences.tolerance(1e-6, 1, 1, 1e-9, floor));
    assertEquals(2 * 1e-5 / 2, FiniteDifferences.tolerance(1e-6, 1, 1, 1e-5, floor), 1e-18);
    assertEquals(1e-6, FiniteDifferences.tolerance(1e-6, 1, 1, Double.NaN, floor));
  }
}

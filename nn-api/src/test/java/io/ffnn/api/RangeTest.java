package io.ffnn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RangeTest {

  private static final Range NON_NEGATIVE =
      Range.interval(0, true, Double.POSITIVE_INFINITY, false);

  @Test
  void containmentOfIntervalsRespectsOpenAndClosedEnds() {
    assertTrue(Range.open(0, 1).contains(Range.open(0, 1)));
    assertTrue(Range.closed(0, 1).contains(Range.open(0, 1)));
    assertFalse(Range.open(0, 1).contains(Range.closed(0, 1)));
    assertTrue(Range.REAL.contains(NON_NEGATIVE));
    assertEquals(List.of("outputs can be 0", "outputs can be ≥ 1"),
        Range.open(0, 1).whyNotContains(NON_NEGATIVE));
    assertEquals(List.of("outputs can be > 1"),
        Range.closed(0, 1).whyNotContains(Range.closed(0.5, 2)));
  }

  @Test
  void simplicesAndLogSimplices() {
    assertTrue(Range.open(0, 1).contains(Range.OPEN_SIMPLEX));
    assertTrue(Range.SIMPLEX.contains(Range.OPEN_SIMPLEX));
    assertEquals(List.of("outputs can be 0", "outputs can be 1"),
        Range.OPEN_SIMPLEX.whyNotContains(Range.SIMPLEX));
    assertEquals(List.of("outputs are not probability vectors (columns need not sum to 1)"),
        Range.OPEN_SIMPLEX.whyNotContains(Range.open(0, 1)));
    assertTrue(Range.REAL.contains(Range.LOG_SIMPLEX));
    assertFalse(Range.LOG_SIMPLEX.contains(Range.OPEN_SIMPLEX));
  }

  @Test
  void violationsNameTheEntry() {
    assertNull(Range.SIMPLEX.firstViolation(new DMatrixRMaj(2, 2, true, 1, 0.3, 0, 0.7), 2));
    assertEquals("column 1 sums to 0.75, not 1",
        Range.SIMPLEX.firstViolation(new DMatrixRMaj(2, 2, true, 1, 0.5, 0, 0.25), 2));
    assertEquals("entry [1,0] = 1.5 is outside (0, 1)",
        Range.open(0, 1).firstViolation(new DMatrixRMaj(2, 1, true, 0.5, 1.5), 1));
    assertEquals("entry [0,1] = 0.0 is not −1 or +1",
        Range.SIGNS.firstViolation(new DMatrixRMaj(1, 2, true, 1, 0), 1));
    assertEquals("entry [0,1] = 2.5 is not a class index 0..2",
        Range.CLASS_INDEX.firstViolation(new DMatrixRMaj(1, 2, true, 1, 2.5), 3));
    assertNull(Range.LOG_SIMPLEX.firstViolation(
        new DMatrixRMaj(2, 1, true, Math.log(0.25), Math.log(0.75)), 2));
    assertEquals("entry [0,0] = NaN is NaN",
        Range.REAL.firstViolation(new DMatrixRMaj(1, 1, true, Double.NaN), 1));
  }

  @Test
  void samplesLieInsideAndClosuresIncludeTheEnds() {
    Random rng = new Random(1);
    for (Range r : new Range[] {Range.open(0, 1), NON_NEGATIVE, Range.REAL, Range.OPEN_SIMPLEX,
        Range.LOG_SIMPLEX, Range.SIGNS, Range.CLASS_INDEX, Range.open(-0.17, 0.2)}) {
      DMatrixRMaj M = new DMatrixRMaj(r.rows(4), 6);
      r.sample(rng, M, 4);
      assertNull(r.firstViolation(M, 4), r + ": " + M);
    }
    assertNull(Range.open(0, 1).closure().firstViolation(new DMatrixRMaj(1, 2, true, 0, 1), 1));
    assertEquals(Range.SIMPLEX, Range.OPEN_SIMPLEX.closure());
    assertEquals("[0, ∞)", NON_NEGATIVE.toString());
    assertEquals("[−1, 1]", Range.closed(-1, 1).toString());
    assertEquals("(−0.17, 0.2)", Range.open(-0.17, 0.2).toString());
    assertThrows(IllegalArgumentException.class, () -> Range.closed(1, 0));
  }
}

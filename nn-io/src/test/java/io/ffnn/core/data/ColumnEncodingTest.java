package io.ffnn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ColumnEncodingTest {

  /** age (numeric, fill 30, indicator), color (blue/red, fill red, indicator), n (numeric). */
  private static final ColumnEncoding ENCODING = new ColumnEncoding(List.of(
      new ColumnEncoding.Numeric("age", 30, true),
      new ColumnEncoding.Categorical("color", List.of("blue", "red"), "red", true),
      new ColumnEncoding.Numeric("n", -1, false)), ColumnEncoding.DEFAULT_MISSING);

  private static double[] encode(ColumnEncoding e, Object... keyValues) {
    Map<String, Object> row = new HashMap<>();
    for (int k = 0; k < keyValues.length; k += 2) {
      row.put((String) keyValues[k], keyValues[k + 1]);
    }
    double[] x = new double[e.width()];
    e.encode(row, x);
    return x;
  }

  @Test
  void inputsFollowTheColumnsValueThenIndicator() {
    assertEquals(6, ENCODING.width());
    assertEquals(List.of("age", "age (missing)", "color=blue", "color=red", "color (missing)",
        "n"), ENCODING.inputNames());
    assertEquals(List.of("age", "color", "n"), ENCODING.columnNames());
    assertArrayEquals(new boolean[] {true, false, false, false, false, true},
        ENCODING.numericInputs());
  }

  @Test
  void valuesMissingValuesAndUnseenCategories() {
    assertArrayEquals(new double[] {20, 0, 1, 0, 0, 7},
        encode(ENCODING, "age", 20, "color", "blue", "n", "7"), 0.0);
    // missing: null, NaN, the empty text and the missing spellings take the fill and flag it
    assertArrayEquals(new double[] {30, 1, 0, 1, 1, -1},
        encode(ENCODING, "age", null, "color", "NA", "n", Double.NaN), 0.0);
    assertArrayEquals(new double[] {30, 1, 0, 1, 1, -1},
        encode(ENCODING, "age", "?", "color", "", "n", " nan "), 0.0);
    // a category never seen in training: all zeros, not missing, never an error
    assertArrayEquals(new double[] {1.5, 0, 0, 0, 0, 2e-3},
        encode(ENCODING, "age", "1.5", "color", "green", "n", "2e-3", "other", "ignored"), 0.0);
  }

  @Test
  void numbersGivenToACategoricalColumnAreTheirDecimalText() {
    ColumnEncoding e = new ColumnEncoding(List.of(new ColumnEncoding.Categorical("rooms",
        List.of("1", "2.5", "4"), "1", false)), List.of());
    assertArrayEquals(new double[] {1, 0, 0}, encode(e, "rooms", 1), 0.0);
    assertArrayEquals(new double[] {1, 0, 0}, encode(e, "rooms", 1.0), 0.0);
    assertArrayEquals(new double[] {0, 1, 0}, encode(e, "rooms", 2.5f), 0.0);
    assertArrayEquals(new double[] {0, 0, 1}, encode(e, "rooms", 4L), 0.0);
    // without missing spellings, "NA" is a category like any text: unseen here
    assertArrayEquals(new double[] {0, 0, 0}, encode(e, "rooms", "NA"), 0.0);
    assertArrayEquals(new double[] {1, 0, 0}, encode(e, "rooms", ""), 0.0);
  }

  @Test
  void unreadableRowsAreRefusedNamingTheColumn() {
    assertEquals("the row has no column 'color'; the model reads [age, color, n]",
        assertThrows(IllegalArgumentException.class,
            () -> encode(ENCODING, "age", 1, "n", 1)).getMessage());
    assertEquals("column 'age' is numeric: 'old' is neither a number nor a missing value",
        assertThrows(IllegalArgumentException.class,
            () -> encode(ENCODING, "age", "old", "color", "red", "n", 1)).getMessage());
    assertEquals("column 'n': Infinity is not finite", assertThrows(
        IllegalArgumentException.class, () -> encode(ENCODING, "age", 1, "color", "red", "n",
            Double.POSITIVE_INFINITY)).getMessage());
    assertEquals("column 'color' is categorical: its value must be a string, a number or a "
        + "boolean, got java.lang.Object", assertThrows(IllegalArgumentException.class,
            () -> encode(ENCODING, "age", 1, "color", new Object(), "n", 1)).getMessage());
    // a boolean is its text, here a category never seen
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1},
        encode(ENCODING, "age", 1, "color", true, "n", 1), 0.0);
  }

  @Test
  void invalidEncodingsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new ColumnEncoding(List.of(), List.of()));
    assertEquals("column 'a' is encoded twice", assertThrows(IllegalArgumentException.class,
        () -> new ColumnEncoding(List.of(new ColumnEncoding.Numeric("a", 0, false),
            new ColumnEncoding.Numeric("a", 1, false)), List.of())).getMessage());
    assertEquals("column 'c': the fill category 'x' is not one of its categories",
        assertThrows(IllegalArgumentException.class, () -> new ColumnEncoding.Categorical("c",
            List.of("a", "b"), "x", false)).getMessage());
    assertEquals("column 'c' lists a category twice", assertThrows(
        IllegalArgumentException.class, () -> new ColumnEncoding.Categorical("c",
            List.of("a", "a"), "a", false)).getMessage());
    assertEquals("column 'v': the fill value must be finite, got NaN", assertThrows(
        IllegalArgumentException.class, () -> new ColumnEncoding.Numeric("v", Double.NaN,
            false)).getMessage());
  }

  @Test
  void inputNamesStayDistinctWhereAColumnIsCalledLikeAnInput() {
    ColumnEncoding e = new ColumnEncoding(List.of(
        new ColumnEncoding.Numeric("a", 0, true),
        new ColumnEncoding.Numeric("a (missing)", 0, false),
        new ColumnEncoding.Categorical("b", List.of("x"), "x", false),
        new ColumnEncoding.Numeric("b=x", 0, false)), List.of());
    assertEquals(List.of("a", "a (missing) #2", "a (missing)", "b=x #2", "b=x"),
        e.inputNames());
  }

  @Test
  void aScalerForEncodedInputsScalesTheNumbersAlone() {
    // rows: age, age (missing), color=blue, color=red, color (missing), n; 4 examples
    DMatrixRMaj X = new DMatrixRMaj(new double[][] {
        {10, 20, 30, 40}, {0, 0, 1, 0}, {1, 0, 0, 1}, {0, 1, 1, 0}, {0, 0, 1, 0}, {1, 1, 1, 1}});
    Scaler s = ENCODING.fitScaler(Scaler.Kind.STANDARD, X);
    assertArrayEquals(new double[] {25, 0, 0, 0, 0, 1}, s.shift(), 1e-12);
    assertArrayEquals(new double[] {Math.sqrt(125), 1, 1, 1, 1, 1}, s.scale(), 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> ENCODING.fitScaler(Scaler.Kind.STANDARD, new DMatrixRMaj(5, 2)));
  }

  @Test
  void theSummaryCountsColumnsAndInputs() {
    assertEquals("3 columns -> 6 inputs: 2 numeric, color (2 categories); 2 with a "
        + "missing-value indicator", ENCODING.toString());
    assertEquals(ENCODING, new ColumnEncoding(ENCODING.columns(), ENCODING.missingValues()));
  }
}

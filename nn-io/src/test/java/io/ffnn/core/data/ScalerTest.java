package io.ffnn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ScalerTest {

  private static final DMatrixRMaj X = new DMatrixRMaj(2, 4, true, 1, 2, 3, 4, 5, 5, 5, 5);

  @Test
  void standardisationGivesZeroMeanAndUnitVariance() {
    Scaler s = Scaler.fit(Scaler.Kind.STANDARD, X);
    DMatrixRMaj Z = s.transform(X);
    double sd = Math.sqrt(1.25);
    assertArrayEquals(new double[] {-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd, 0, 0, 0, 0},
        Z.data, 1e-15);
    assertArrayEquals(new double[] {2.5, 5}, s.shift(), 0.0);
    assertArrayEquals(new double[] {sd, 1}, s.scale(), 0.0);
  }

  @Test
  void minMaxMapsTheTrainingRangeToTheUnitIntervalAndAppliesToNewData() {
    Scaler s = Scaler.fit(Scaler.Kind.MIN_MAX, X);
    assertArrayEquals(new double[] {0, 1 / 3.0, 2 / 3.0, 1, 0, 0, 0, 0}, s.transform(X).data,
        1e-15);
    DMatrixRMaj other = new DMatrixRMaj(2, 1, true, 7, 6);
    assertArrayEquals(new double[] {2, 1}, s.transform(other).data, 1e-15);
    assertEquals(s, new Scaler(Scaler.Kind.MIN_MAX, s.shift(), s.scale()));
    assertThrows(IllegalArgumentException.class, () -> s.transform(new DMatrixRMaj(3, 1)));
    assertThrows(IllegalArgumentException.class,
        () -> new Scaler(Scaler.Kind.STANDARD, new double[] {0}, new double[] {0}));
  }
}

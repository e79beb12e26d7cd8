package io.ffnn.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class EjmlBackendTest {

  private final Backend ejml = new EjmlBackend();
  private final DMatrixRMaj a = new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
  private final DMatrixRMaj b = new DMatrixRMaj(2, 3, true, 1, 0, -1, 2, 1, 0);

  @Test
  void everyTransposeAlphaAndBeta() {
    DMatrixRMaj c = new DMatrixRMaj(1, 1);
    ejml.gemm(false, true, 1, a, b, 0, c);
    assertArrayEquals(new double[] {-2, 4, -2, 13}, c.data, 0.0);
    ejml.gemm(false, true, 2, a, b, 1, c);
    assertArrayEquals(new double[] {-6, 12, -6, 39}, c.data, 0.0);
    ejml.gemm(false, true, 1, a, b, -1, c);
    assertArrayEquals(new double[] {4, -8, 4, -26}, c.data, 0.0);
    ejml.gemm(true, false, 1, a, b, 0, c);
    assertEquals(3, c.numRows);
    assertArrayEquals(new double[] {9, 4, -1, 12, 5, -2, 15, 6, -3}, c.data, 0.0);
    DMatrixRMaj d = new DMatrixRMaj(1, 1);
    ejml.gemm(true, true, 1, a, new DMatrixRMaj(2, 2, true, 1, 2, 3, 4), 0, d);
    assertArrayEquals(new double[] {9, 19, 12, 26, 15, 33}, d.data, 0.0);
    ejml.gemm(false, false, 0.5, a, new DMatrixRMaj(3, 1, true, 2, 2, 2), 0, d);
    assertArrayEquals(new double[] {6, 15}, java.util.Arrays.copyOf(d.data, 2), 0.0);
  }

  @Test
  void shapeErrorsAndTheRegistryOfBackends() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ejml.gemm(false, false, 1, a, b, 0, new DMatrixRMaj(1, 1)));
    assertEquals("gemm: op(A) is 2x3 but op(B) is 2x3", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ejml.gemm(false, true, 1, a, b, 1, new DMatrixRMaj(3, 3)));
    assertTrue(Backends.available().stream().anyMatch(x -> x.name().equals("ejml")));
    assertEquals("ejml", Backends.byName("ejml").name());
    PluginException unknown = assertThrows(PluginException.class,
        () -> Backends.byName("cuda"));
    assertTrue(unknown.getMessage().startsWith("unknown backend 'cuda'; available: "),
        unknown.getMessage());
  }
}

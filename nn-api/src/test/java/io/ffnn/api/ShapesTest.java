package io.ffnn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ShapesTest {

  @Test
  void messagesCarryTheShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Shapes.requireSameShape("cce", "Ŷ", new DMatrixRMaj(3, 5), "Y",
            new DMatrixRMaj(3, 4)));
    assertEquals("cce: Ŷ is 3x5 but Y is 3x4", e.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> Shapes.requireNonEmpty("mse", "Ŷ", new DMatrixRMaj(3, 0)));
    assertEquals("mse: Ŷ is 3x0; it needs at least one row and one column", empty.getMessage());
    Shapes.requireSameShape("x", "a", new DMatrixRMaj(2, 2), "b", new DMatrixRMaj(2, 2));
  }
}

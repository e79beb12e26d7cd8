package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSpecTest {

  @Test
  void holdsWhatTheBuilderWasGiven() {
    NetworkSpec spec = NetworkSpec.builder(2).layer(4, " tanh ").layer(1, "sigmoid")
        .cost("bce").initializer(Initializer.XAVIER_NORMAL).seed(9).build();
    assertEquals(2, spec.depth());
    assertEquals(List.of(2, 4, 1), spec.sizes());
    assertEquals("tanh", spec.activation(1));
    assertEquals("sigmoid", spec.activation(2));
    assertEquals("bce", spec.cost());
    assertEquals(Initializer.XAVIER_NORMAL, spec.initializer());
    assertEquals(9, spec.seed());
    assertEquals("2 -> 4 tanh -> 1 sigmoid, cost bce, XAVIER_NORMAL, seed 9", spec.toString());
    assertThrows(IndexOutOfBoundsException.class, () -> spec.activation(0));
    assertThrows(IndexOutOfBoundsException.class, () -> spec.activation(3));
    assertThrows(UnsupportedOperationException.class, () -> spec.sizes().set(0, 5));
  }

  @Test
  void perLayerInitializersAndDropout() {
    NetworkSpec spec = NetworkSpec.builder(2).layer(4, "relu").dropout(0.25)
        .init(Initializer.ORTHOGONAL).layer(3, "tanh").layer(1, "sigmoid").cost("bce")
        .initializer(Initializer.XAVIER_NORMAL).build();
    assertEquals(0.25, spec.dropout(1), 0.0);
    assertEquals(0.0, spec.dropout(2), 0.0);
    assertEquals(Initializer.ORTHOGONAL, spec.initializer(1));
    assertEquals(Initializer.XAVIER_NORMAL, spec.initializer(2));
    assertTrue(spec.hasDropout());
    assertEquals("2 -> 4 relu (dropout 0.25) (ORTHOGONAL) -> 3 tanh -> 1 sigmoid, cost bce, "
        + "XAVIER_NORMAL, seed 1", spec.toString());
    IllegalStateException output = assertThrows(IllegalStateException.class,
        () -> NetworkSpec.builder(2).layer(1, "sigmoid").dropout(0.5).cost("bce").build());
    assertEquals("dropout applies to hidden layers, but layer 1 is the output layer",
        output.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> NetworkSpec.builder(2).layer(3, "relu").dropout(1.0));
    assertThrows(IllegalStateException.class, () -> NetworkSpec.builder(2).dropout(0.1));
  }

  @Test
  void rejectsBadSizesMissingPartsAndMalformedSpecs() {
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> NetworkSpec.builder(2).layer(0, "relu"));
    assertEquals("n[1] must be at least 1, got 0", size.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NetworkSpec.builder(0));
    assertThrows(IllegalStateException.class, () -> NetworkSpec.builder(2).cost("mse").build());
    assertThrows(IllegalStateException.class,
        () -> NetworkSpec.builder(2).layer(1, "identity").build());
    PluginException spec = assertThrows(PluginException.class,
        () -> NetworkSpec.builder(2).layer(3, "relu("));
    assertTrue(spec.getMessage().contains("'relu('"), spec.getMessage());
  }
}

package io.ffnn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PluginSpecTest {

  @Test
  void parsesNameAlone() {
    PluginSpec spec = PluginSpec.parse("relu");
    assertEquals("relu", spec.name());
    assertTrue(spec.parameters().isEmpty());
    assertEquals("relu", spec.toString());
  }

  @Test
  void parsesParametersInOrderWithWhitespaceAndCase() {
    PluginSpec spec = PluginSpec.parse("  Leaky_ReLU ( alpha = 0.2 , beta=-1e-3 ) ");
    assertEquals("leaky_relu", spec.name());
    assertEquals(Map.of("alpha", 0.2, "beta", -1e-3), spec.parameters());
    assertEquals("leaky_relu(alpha=0.2, beta=-0.001)", spec.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"relu", "relu()", "elu(alpha=1)", "huber(delta=1.5, k=.5, s=+2E3)"})
  void roundTripsThroughItsCanonicalText(String text) {
    PluginSpec spec = PluginSpec.parse(text);
    assertEquals(spec, PluginSpec.parse(spec.toString()));
    assertEquals(spec.toString(), PluginSpec.parse(spec.toString()).toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "leaky_relu(alpha=)|expected a number as the value of 'alpha' at position 17",
      "relu(|expected a parameter name or ')' at position 5",
      "(alpha=1)|expected a plugin name at position 0",
      "elu(alpha 1)|expected '=' after parameter 'alpha' at position 10",
      "elu(alpha=1 beta=2)|expected ',' or ')' at position 12",
      "elu(alpha=1e)|expected the exponent digits",
      "elu(alpha=1, alpha=2)|parameter 'alpha' given twice",
      "relu) x|expected the end of the spec at position 4",
      "elu(alpha=1e999)|out of range",
      "''|expected a plugin name at position 0"})
  void rejectsMalformedSpecsShowingTheSpecAndWhatWasExpected(String text, String expected) {
    PluginException e = assertThrows(PluginException.class, () -> PluginSpec.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void ofValidatesNamesAndValues() {
    assertThrows(IllegalArgumentException.class, () -> PluginSpec.of("Bad Name"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PluginSpec.of("elu", Map.of("alpha", Double.NaN)));
    assertTrue(e.getMessage().contains("alpha"), e.getMessage());
    assertEquals("elu(alpha=2.0)", PluginSpec.of("elu", Map.of("alpha", 2.0)).toString());
  }
}

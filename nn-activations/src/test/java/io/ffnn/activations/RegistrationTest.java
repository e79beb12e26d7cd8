package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.Activation;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.PluginSpec;
import io.ffnn.api.check.PluginChecks;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue as the registry sees it: every activation found by name and conformant. */
class RegistrationTest {

  private static final PluginRegistry REGISTRY = PluginRegistry.getDefault();

  @Test
  void everyBuiltInActivationIsDiscoveredByName() {
    assertEquals(List.of("celu", "elu", "gelu", "gelu_tanh", "hard_sigmoid", "hard_tanh",
        "identity", "leaky_relu", "log_softmax", "mish", "relu", "relu6", "selu", "sigmoid",
        "silu", "softmax", "softplus", "softsign", "sparsemax", "tanh"),
        REGISTRY.activations().stream().map(PluginInfo::name).collect(Collectors.toList()));
    assertTrue(REGISTRY.problems().isEmpty(), REGISTRY.problems().toString());
    assertEquals(Softmax.class, REGISTRY.activation("softmax").getClass());
  }

  static Stream<String> specs() {
    return Stream.concat(REGISTRY.activations().stream().map(PluginInfo::defaultSpec),
        Stream.of("leaky_relu(alpha=0.2)", "elu(alpha=0.5)", "celu(alpha=2.5)",
            "softplus(beta=3)"));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void passesTheConformanceKit(String spec) {
    PluginChecks.checkActivation(REGISTRY.activation(spec));
    PluginChecks.checkActivation(REGISTRY.activation(spec),
        PluginChecks.Options.defaults().withShape(8, 1).withSeed(7).withScale(4));
  }

  @ParameterizedTest
  @CsvSource({"leaky_relu(alpha=0.2)", "elu(alpha=0.5)", "celu(alpha=2.5)", "softplus(beta=3.0)",
      "relu"})
  void specsRoundTripToEqualActivations(String spec) {
    Activation a = REGISTRY.activation(spec);
    assertEquals(spec, a.spec());
    Activation again = REGISTRY.activation(PluginSpec.parse(a.spec()).toString());
    assertEquals(a, again);
    assertEquals(a.hashCode(), again.hashCode());
    assertTrue(!a.equals(REGISTRY.activation("leaky_relu(alpha=0.3)")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "leaky_relu(alpha=)|expected a number as the value of 'alpha'",
      "elu(beta=1)|'elu' has no parameter 'beta'; elu takes alpha (default 1.0)",
      "relu(|expected a parameter name or ')' at position 5",
      "elu(alpha=-1)|elu: alpha must be > 0, got -1.0",
      "softplus(beta=0)|softplus: beta must be > 0, got 0.0"})
  void malformedOrInvalidSpecsShowTheSpecAndWhatWasExpected(String spec, String expected) {
    PluginException e = org.junit.jupiter.api.Assertions.assertThrows(PluginException.class,
        () -> REGISTRY.activation(spec));
    assertTrue(e.getMessage().contains("'" + spec + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}

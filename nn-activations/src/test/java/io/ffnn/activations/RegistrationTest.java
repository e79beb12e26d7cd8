package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegistrationTest {

  @Test
  void everyBuiltInActivationIsDiscoveredByName() {
    PluginRegistry registry = PluginRegistry.getDefault();
    assertEquals(List.of("identity", "relu", "sigmoid", "softmax", "tanh"),
        registry.activations().stream().map(PluginInfo::name).collect(Collectors.toList()));
    assertTrue(registry.problems().isEmpty(), registry.problems().toString());
    assertEquals(Softmax.class, registry.activation("softmax").getClass());
  }
}

package io.ffnn.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegistrationTest {

  @Test
  void everyBuiltInCostIsDiscoveredByName() {
    PluginRegistry registry = PluginRegistry.getDefault();
    assertEquals(List.of("bce", "cce", "mse", "multilabel_bce"),
        registry.costs().stream().map(PluginInfo::name).collect(Collectors.toList()));
    assertTrue(registry.problems().isEmpty(), registry.problems().toString());
    assertEquals(CategoricalCrossEntropy.class, registry.cost("cce").getClass());
  }
}

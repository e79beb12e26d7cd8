package io.ffnn.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.Cost;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.check.PluginChecks;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue as the registry sees it: every cost found by name and conformant on its own. */
class RegistrationTest {

  private static final PluginRegistry REGISTRY = PluginRegistry.getDefault();

  @Test
  void everyBuiltInCostIsDiscoveredByName() {
    assertEquals(List.of("bce", "cce", "hinge", "huber", "kl_divergence", "log_cosh", "mae",
        "mse", "multilabel_bce", "nll", "poisson", "sparse_cce", "squared_hinge"),
        REGISTRY.costs().stream().map(PluginInfo::name).collect(Collectors.toList()));
    assertTrue(REGISTRY.problems().isEmpty(), REGISTRY.problems().toString());
    assertEquals(CategoricalCrossEntropy.class, REGISTRY.cost("cce").getClass());
  }

  static Stream<String> specs() {
    return Stream.concat(REGISTRY.costs().stream().map(PluginInfo::defaultSpec),
        Stream.of("huber(delta=0.3)"));
  }

  /**
   * Each cost on its own, at outputs and targets drawn from its declared domains. poisson's
   * log-rates stop at ±700: e^1000 is beyond the largest double.
   */
  @ParameterizedTest
  @MethodSource("specs")
  void passesTheConformanceKit(String spec) {
    Cost c = REGISTRY.cost(spec);
    PluginChecks.Options options = PluginChecks.Options.defaults()
        .withShape(c.name().equals("bce") ? 1 : 4, 5);
    if (c.name().equals("poisson")) {
      options = options.withEdgeValues(0, 1e-8, -1e-8, 30, -30, 700, -700);
    }
    PluginChecks.checkCost(c, options);
    PluginChecks.checkCost(c, options.withSeed(3));
  }
}

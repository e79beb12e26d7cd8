package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.testing.core.PluginJars;
import io.ffnn.testing.core.TestData;
import io.ffnn.api.Activation;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.check.PluginChecks;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that ffnn never saw: its source is compiled here against nn-api alone (and EJML, whose
 * matrix type the SPI uses), packed in its own jar with its own {@code META-INF/services}, and
 * found once that jar is on the class path.
 */
class ExternalPluginJarTest {

  @TempDir
  Path dir;

  @Test
  void aSeparatelyCompiledJarIsDiscoveredAndUsable() throws IOException {
    Path jar = PluginJars.squash(dir);

    // not visible without the jar
    PluginException missing = assertThrows(PluginException.class,
        () -> PluginRegistry.getDefault().activation("squash"));
    assertTrue(missing.getMessage().startsWith("unknown activation 'squash'"));

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        getClass().getClassLoader())) {
      PluginRegistry registry = PluginRegistry.discover(loader);
      Activation squash = registry.activation("squash");
      assertEquals("com.example.thirdparty.Squash", squash.getClass().getName());
      PluginInfo info = registry.activations().stream()
          .filter(i -> i.name().equals("squash")).findFirst().orElseThrow();
      assertTrue(info.location().endsWith("squash-plugin.jar"), info.location());
      // the built-ins are still there beside it
      assertEquals("softmax", registry.activation("softmax").name());

      PluginChecks.checkActivation(squash);
      Network net = Network.build(NetworkSpec.builder(3).layer(5, "squash").layer(2, "softmax")
          .cost("cce").seed(2).build(), registry);
      Random rng = new Random(3);
      GradientCheck.Result r = GradientCheck.run(net, TestData.gaussian(3, 6, rng),
          TestData.oneHot(2, 6, rng));
      assertTrue(r.passes(1e-6), r.toString());
    }
  }
}

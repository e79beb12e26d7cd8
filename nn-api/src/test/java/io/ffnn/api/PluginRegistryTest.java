package io.ffnn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

  @TempDir
  Path extra;

  @Test
  void findsAPluginRegisteredOnlyByThisTestModule() {
    PluginRegistry registry = PluginRegistry.getDefault();
    Activation square = registry.activation("square");
    assertInstanceOf(TestPlugins.Square.class, square);
    PluginInfo info = registry.activations().stream()
        .filter(i -> i.name().equals("square")).findFirst().orElseThrow();
    assertEquals(TestPlugins.Square.class.getName(), info.className());
    assertTrue(info.location().contains("test-classes"), info.location());
    assertEquals("half_mse", registry.cost("half_mse").name());
    assertSame(registry, PluginRegistry.getDefault());
  }

  @Test
  void unknownNameListsWhatIsAvailable() {
    PluginException e = assertThrows(PluginException.class,
        () -> PluginRegistry.getDefault().activation("sqaure(k=2)"));
    assertTrue(e.getMessage().startsWith("unknown activation 'sqaure' in spec 'sqaure(k=2)'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("available activations: scaled, square"), e.getMessage());
    PluginException c = assertThrows(PluginException.class,
        () -> PluginRegistry.getDefault().cost("mse"));
    assertTrue(c.getMessage().contains("available costs: half_mse"), c.getMessage());
  }

  @Test
  void parametersAreMergedOverDefaultsValidatedAndRoundTrip() {
    PluginRegistry registry = PluginRegistry.getDefault();
    PluginInfo info = registry.activations().stream()
        .filter(i -> i.name().equals("scaled")).findFirst().orElseThrow();
    assertEquals("scaled(k=1.0)", info.defaultSpec());
    assertEquals(Map.of("k", 1.0), info.defaultParameters());
    Activation scaled = registry.activation("scaled(k=2.5)");
    assertEquals(Map.of("k", 2.5), scaled.parameters());
    assertEquals("scaled(k=2.5)", scaled.spec());
    assertEquals(scaled.spec(), registry.activation(scaled.spec()).spec());
    assertEquals("scaled(k=1.0)", registry.activation("scaled").spec());

    PluginException unknown = assertThrows(PluginException.class,
        () -> registry.activation("scaled(q=1)"));
    assertTrue(unknown.getMessage().contains("has no parameter 'q'; scaled takes k (default 1.0)"),
        unknown.getMessage());
    PluginException none = assertThrows(PluginException.class,
        () -> registry.activation("square(k=1)"));
    assertTrue(none.getMessage().contains("square takes no parameters"), none.getMessage());
    PluginException rejected = assertThrows(PluginException.class,
        () -> registry.activation("scaled(k=-1)"));
    assertTrue(rejected.getMessage().contains("'scaled(k=-1)'"), rejected.getMessage());
    assertTrue(rejected.getMessage().contains("k must be > 0, got -1.0"), rejected.getMessage());
  }

  @Test
  void duplicateNameIsReportedWithBothClassesAndOthersStayUsable() throws IOException {
    PluginRegistry registry = discoverWith(
        TestPlugins.DuplicateA.class.getName(), TestPlugins.DuplicateB.class.getName());
    PluginException e = assertThrows(PluginException.class, () -> registry.activation("dup"));
    assertTrue(e.getMessage().contains(TestPlugins.DuplicateA.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(TestPlugins.DuplicateB.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("activation name 'dup' is registered by more than one"),
        e.getMessage());
    assertEquals(1, registry.problems().size(), registry.problems().toString());
    assertEquals(List.of("scaled", "square"), names(registry.activations()));
    assertInstanceOf(TestPlugins.Square.class, registry.activation("square"));
  }

  @Test
  void brokenProvidersAreReportedByClassNameAndDoNotHideTheOthers() throws IOException {
    PluginRegistry registry = discoverWith(
        "io.ffnn.api.NoSuchActivation", TestPlugins.Broken.class.getName());
    List<String> problems = registry.problems();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("io.ffnn.api.NoSuchActivation"), problems.get(0));
    assertTrue(problems.get(1).contains(TestPlugins.Broken.class.getName()), problems.get(1));
    assertTrue(problems.get(1).contains("broken on purpose"), problems.get(1));
    assertEquals(List.of("scaled", "square"), names(registry.activations()));
    PluginException e = assertThrows(PluginException.class, () -> registry.activation("broken"));
    assertTrue(e.getMessage().contains("NoSuchActivation"), e.getMessage());
  }

  @Test
  void explicitRegistryAppliesTheSameRules() {
    PluginRegistry registry = PluginRegistry.of(
        List.of(new TestPlugins.DuplicateA(), new TestPlugins.DuplicateB(),
            new TestPlugins.Square()),
        List.of(new TestPlugins.HalfMse()));
    assertThrows(PluginException.class, () -> registry.activation("dup"));
    assertEquals("square", registry.activation("square").name());
    assertEquals(List.of("half_mse"), names(registry.costs()));
    assertFalse(registry.problems().isEmpty());
  }

  private PluginRegistry discoverWith(String... activationClasses) throws IOException {
    Path services = extra.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(Activation.class.getName()),
        String.join("\n", activationClasses) + "\n");
    URLClassLoader loader = new URLClassLoader(new URL[] {extra.toUri().toURL()},
        getClass().getClassLoader());
    return PluginRegistry.discover(loader);
  }

  private static List<String> names(List<PluginInfo> infos) {
    return infos.stream().map(PluginInfo::name).collect(Collectors.toList());
  }
}

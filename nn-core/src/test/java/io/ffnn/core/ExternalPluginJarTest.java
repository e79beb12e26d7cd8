package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.Activation;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.check.PluginChecks;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that ffnn never saw: its source is compiled here against nn-api alone (and EJML, whose
 * matrix type the SPI uses), packed in its own jar with its own {@code META-INF/services}, and
 * found once that jar is on the class path.
 */
class ExternalPluginJarTest {

  private static final String SOURCE = String.join("\n",
      "package com.example.thirdparty;",
      "",
      "import io.ffnn.api.ElementwiseActivation;",
      "",
      "/** squash: g(z) = z / (1 + z^2)^(1/3), g'(z) = (1 + z^2/3) / (1 + z^2)^(4/3). */",
      "public final class Squash extends ElementwiseActivation {",
      "  public Squash() {}",
      "  @Override public String name() { return \"squash\"; }",
      "  @Override protected double value(double z) {",
      "    return z / Math.cbrt(1 + z * z);",
      "  }",
      "  @Override protected double derivative(double z, double a) {",
      "    double s = 1 + z * z;",
      "    return (1 + z * z / 3) / (s * Math.cbrt(s));",
      "  }",
      "}",
      "");

  @TempDir
  Path dir;

  @Test
  void aSeparatelyCompiledJarIsDiscoveredAndUsable() throws IOException {
    Path jar = buildPluginJar();

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

  /** Compiles {@link #SOURCE} against nn-api and EJML only and packs it with its registration. */
  private Path buildPluginJar() throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests need a JDK, not a JRE: no system Java compiler");
    Path src = dir.resolve("src/com/example/thirdparty/Squash.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    String classPath = Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator))
        .filter(entry -> entry.contains("nn-api") || entry.contains("ejml-core"))
        .collect(Collectors.joining(File.pathSeparator));
    assertTrue(classPath.contains("nn-api"), "nn-api not found on " + classPath);
    int status = javac.run(null, null, null, "-classpath", classPath, "-d", classes.toString(),
        src.toString());
    assertEquals(0, status, "the plugin did not compile against nn-api alone");

    Path jar = dir.resolve("squash-plugin.jar");
    try (OutputStream file = Files.newOutputStream(jar);
         JarOutputStream out = new JarOutputStream(file)) {
      List<Path> compiled;
      try (Stream<Path> walk = Files.walk(classes)) {
        compiled = walk.filter(Files::isRegularFile).collect(Collectors.toList());
      }
      for (Path c : compiled) {
        out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(c));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/io.ffnn.api.Activation"));
      out.write("com.example.thirdparty.Squash\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}

package io.ffnn.testing.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A third-party plugin jar built at test time: the activation {@code squash}, compiled against
 * nn-api and EJML alone and packed with its {@code META-INF/services} registration, so that it
 * is on no class path until a test puts it there. Shared with other modules' tests through
 * nn-core's test jar.
 */
public final class PluginJars {

  private PluginJars() {}

  /** The source of the third-party activation the jars hold. */
  public static final String SOURCE = String.join("\n",
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

  /**
   * Builds the {@code squash} plugin jar.
   *
   * @param dir a scratch directory
   * @return the jar, {@code dir/squash-plugin.jar}
   * @throws IOException if a file cannot be written
   */
  public static Path squash(Path dir) throws IOException {
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

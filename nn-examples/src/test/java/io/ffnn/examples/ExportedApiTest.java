package io.ffnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.activations.Relu;
import io.ffnn.api.Activation;
import io.ffnn.blas.OpenBlasBackend;
import io.ffnn.core.Network;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.training.Trainer;
import io.ffnn.costs.MeanSquaredError;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No third-party type but EJML's matrices, and nothing of ffnn's internal package, appears in the
 * public API of a library module: every public or protected constructor, method and field of
 * every public type, its superclass and interfaces, with their type arguments. Guava, Jackson,
 * Commons, progressbar, bytedeco and netlib are implementation details a user must never see (and
 * must not need on the compile path). Only the packages each module's descriptor exports are the
 * API.
 */
class ExportedApiTest {

  private static final List<String> FORBIDDEN = List.of("com.google.", "com.fasterxml.",
      "org.apache.commons.", "me.tongfei.", "org.bytedeco.", "dev.ludovic.", "picocli.",
      "org.knowm.", "io.ffnn.core.internal.", "io.ffnn.onnx.internal.");

  @Test
  void noThirdPartyTypeInAnyPublicSignature() throws Exception {
    TreeSet<String> found = new TreeSet<>();
    int types = 0;
    for (Class<?> anchor : List.of(Activation.class, Network.class, ModelFile.class,
        Trainer.class, Relu.class, MeanSquaredError.class, OpenBlasBackend.class,
        io.ffnn.onnx.OnnxExport.class)) {
      Set<String> exported = exportedPackages(anchor);
      for (String name : classNames(anchor)) {
        if (!exported.contains(name.substring(0, name.lastIndexOf('.')))) {
          continue;
        }
        Class<?> c = Class.forName(name, false, anchor.getClassLoader());
        if (!visible(c)) {
          continue;
        }
        types++;
        check(found, c.getName(), c.getGenericSuperclass());
        for (Type t : c.getGenericInterfaces()) {
          check(found, c.getName(), t);
        }
        for (Field f : c.getDeclaredFields()) {
          if (exposed(f.getModifiers())) {
            check(found, c.getName() + "." + f.getName(), f.getGenericType());
          }
        }
        List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
        members.addAll(List.<Constructor<?>>of(c.getDeclaredConstructors()));
        for (Executable e : members) {
          if (!exposed(e.getModifiers()) || e.isSynthetic()) {
            continue;
          }
          String where = c.getName() + "." + e.getName();
          for (Type t : e.getGenericParameterTypes()) {
            check(found, where, t);
          }
          for (Type t : e.getGenericExceptionTypes()) {
            check(found, where, t);
          }
          if (e instanceof Method) {
            check(found, where, ((Method) e).getGenericReturnType());
          }
        }
      }
    }
    assertEquals(true, types > 100, types + " public types scanned");
    assertEquals("", String.join("\n", found));
  }

  /**
   * Plugins are found on the module path through {@code provides} and on the class path through
   * {@code META-INF/services}: both lists must name the same classes, in every module.
   */
  @Test
  void everyModuleProvidesWhatItsServiceFilesList() throws Exception {
    int services = 0;
    for (Class<?> anchor : List.of(Network.class, Relu.class, MeanSquaredError.class,
        OpenBlasBackend.class)) {
      ModuleDescriptor descriptor = descriptor(anchor);
      for (ModuleDescriptor.Provides p : descriptor.provides()) {
        String file = "META-INF/services/" + p.service();
        List<String> listed = new ArrayList<>();
        try (InputStream in = resource(anchor, file)) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
              listed.add(line.trim());
            }
          }
        }
        assertEquals(new TreeSet<>(listed), new TreeSet<>(p.providers()),
            descriptor.name() + ": " + file);
        services++;
      }
    }
    assertEquals(4, services);
  }

  private static ModuleDescriptor descriptor(Class<?> anchor) throws IOException,
      URISyntaxException {
    try (InputStream in = resource(anchor, "module-info.class")) {
      return ModuleDescriptor.read(in);
    }
  }

  /** An entry of the jar or directory that holds {@code anchor}. */
  private static InputStream resource(Class<?> anchor, String name) throws IOException,
      URISyntaxException {
    Path where = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(where)) {
      return Files.newInputStream(where.resolve(name));
    }
    JarFile jar = new JarFile(where.toFile());
    InputStream in = jar.getInputStream(jar.getEntry(name));
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() throws IOException {
        super.close();
        jar.close();
      }
    };
  }

  /** The packages the module descriptor of {@code anchor}'s jar exports to everyone. */
  private static Set<String> exportedPackages(Class<?> anchor) throws IOException,
      URISyntaxException {
    ModuleDescriptor descriptor = descriptor(anchor);
    Set<String> packages = new TreeSet<>();
    for (ModuleDescriptor.Exports e : descriptor.exports()) {
      if (!e.isQualified()) {
        packages.add(e.source());
      }
    }
    assertEquals(true, descriptor.name().startsWith("io.ffnn."), descriptor.name());
    return packages;
  }

  /** A public type whose enclosing types are public too. */
  private static boolean visible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean exposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(TreeSet<String> found, String where, Type type) {
    if (type == null) {
      return;
    }
    if (type instanceof Class<?>) {
      Class<?> c = (Class<?>) type;
      while (c.isArray()) {
        c = c.getComponentType();
      }
      for (String prefix : FORBIDDEN) {
        if (c.getName().startsWith(prefix)) {
          found.add(where + " exposes " + c.getName());
        }
      }
    } else if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      check(found, where, p.getRawType());
      for (Type a : p.getActualTypeArguments()) {
        check(found, where, a);
      }
    } else if (type instanceof GenericArrayType) {
      check(found, where, ((GenericArrayType) type).getGenericComponentType());
    } else if (type instanceof WildcardType) {
      for (Type b : ((WildcardType) type).getUpperBounds()) {
        check(found, where, b);
      }
      for (Type b : ((WildcardType) type).getLowerBounds()) {
        check(found, where, b);
      }
    } else if (type instanceof TypeVariable<?>) {
      for (Type b : ((TypeVariable<?>) type).getBounds()) {
        if (b != Object.class) {
          check(found, where, b);
        }
      }
    }
  }

  /** The classes of the jar or directory that holds {@code anchor}. */
  private static List<String> classNames(Class<?> anchor) throws IOException, URISyntaxException {
    Path where = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(where)) {
      try (Stream<Path> files = Files.walk(where)) {
        files.filter(f -> f.toString().endsWith(".class"))
            .map(f -> where.relativize(f).toString())
            .forEach(names::add);
      }
    } else {
      try (JarFile jar = new JarFile(where.toFile())) {
        jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
            .forEach(names::add);
      }
    }
    List<String> classes = new ArrayList<>();
    for (String n : names) {
      if (!n.endsWith("module-info.class") && !n.endsWith("package-info.class")) {
        classes.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')
            .replace('\\', '.'));
      }
    }
    return classes;
  }
}

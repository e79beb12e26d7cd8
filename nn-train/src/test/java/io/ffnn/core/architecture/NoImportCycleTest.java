package io.ffnn.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of nn-core, nn-io and nn-train depend on each other without a cycle: the root
 * package (networks and their recurrences) under the backends, data and model files, optimizers
 * and training, and the internal packages under all of them. Read from the main sources, comments
 * removed: every reference to a class of another {@code io.ffnn.core} package, imported or
 * written out in full, is an edge. (The modules' own order, nn-core under nn-io under nn-train,
 * the compiler enforces.)
 */
class NoImportCycleTest {

  /** The sources of the modules whose packages share the {@code io.ffnn.core} prefix. */
  private static final List<Path> SOURCES = List.of(
      Path.of("../nn-core/src/main/java/io/ffnn/core"),
      Path.of("../nn-io/src/main/java/io/ffnn/core"), Path.of("src/main/java/io/ffnn/core"));
  private static final Pattern REFERENCE =
      Pattern.compile("\\bio\\.ffnn\\.core((?:\\.[a-z]\\w*)*)\\.[A-Z]");
  private static final Pattern COMMENTS =
      Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);

  /** Package → the packages under {@code io.ffnn.core} its classes refer to, in all modules. */
  static Map<String, Set<String>> dependencies(List<Path> roots) {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Path root : roots) {
      assertTrue(Files.isDirectory(root), root + " is not a directory");
      read(root, graph);
    }
    return graph;
  }

  private static void read(Path root, Map<String, Set<String>> graph) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String from = "io.ffnn.core" + packageOf(root.relativize(file.getParent()));
        Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
        String code = COMMENTS.matcher(Files.readString(file)).replaceAll(" ");
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
          String target = "io.ffnn.core" + m.group(1);
          if (!target.equals(from)) {
            to.add(target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String packageOf(Path relative) {
    String p = relative.toString().replace('/', '.').replace('\\', '.');
    return p.isEmpty() ? "" : "." + p;
  }

  /** The cycles' packages: every strongly connected set of more than one package. */
  static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    List<Set<String>> found = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String a : graph.keySet()) {
      if (done.contains(a)) {
        continue;
      }
      Set<String> component = new TreeSet<>();
      for (String b : graph.keySet()) {
        if (reaches(graph, a, b) && reaches(graph, b, a)) {
          component.add(b);
        }
      }
      done.addAll(component);
      if (component.size() > 1) {
        found.add(component);
      }
    }
    return found;
  }

  private static boolean reaches(Map<String, Set<String>> graph, String from, String to) {
    Set<String> seen = new TreeSet<>();
    List<String> todo = new ArrayList<>(List.of(from));
    while (!todo.isEmpty()) {
      String p = todo.remove(todo.size() - 1);
      if (p.equals(to)) {
        return true;
      }
      if (seen.add(p)) {
        todo.addAll(graph.getOrDefault(p, Set.of()));
      }
    }
    return false;
  }

  @Test
  void thePackagesOfNetworkDataAndTrainingFormNoCycle() {
    Map<String, Set<String>> graph = dependencies(SOURCES);
    assertTrue(graph.size() >= 9, "read " + graph.keySet());
    assertEquals(List.of(), cycles(graph), "package cycles; the dependencies are " + graph);
  }

  @Test
  void theCheckFindsACycle() {
    // the check itself: a → b → c → a is found, d hanging off it is not part of it
    Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c",
        Set.of("a", "d"), "d", Set.of());
    assertEquals(List.of(Set.of("a", "b", "c")), cycles(new TreeMap<>(graph)));
  }

  @Test
  void theInternalPackagesDependOnNoOtherPackage() {
    Map<String, Set<String>> graph = dependencies(SOURCES);
    assertEquals(Set.of(), graph.get("io.ffnn.core.internal"));
    assertEquals(Set.of(), graph.get("io.ffnn.core.internal.files"));
  }
}

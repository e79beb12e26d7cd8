package io.ffnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README and the docs run only what the repository holds: every script a command of theirs
 * names exists, and the reference programs print the line `ffnn bench` prints, with their own
 * name in front.
 */
class ReferenceScriptsTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void everyScriptTheReadmeRunsIsInTheRepository() throws IOException {
    StringBuilder pages = new StringBuilder(Files.readString(ROOT.resolve("README.md")));
    try (java.util.stream.Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      for (Path page : docs.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        pages.append(Files.readString(page));
      }
    }
    String readme = pages.toString();
    Matcher m = Pattern.compile("(?:python3|bash|sh) ([A-Za-z0-9_./-]+\\.(?:py|sh))")
        .matcher(readme);
    List<String> missing = new ArrayList<>();
    int found = 0;
    while (m.find()) {
      found++;
      if (!Files.isRegularFile(ROOT.resolve(m.group(1)))) {
        missing.add(m.group(1));
      }
    }
    assertTrue(found >= 3, found + " script commands");
    assertEquals(List.of(), missing);
  }

  @Test
  void theReferenceProgramsPrintTheBenchLine() throws IOException {
    // ffnn bench: "ffnn float64 epoch %d: %.3f s, %.0f ex/s, loss %.4f", float32 with --dtype
    String bench = Files.readString(ROOT.resolve(
        "nn-examples/src/main/java/io/ffnn/examples/cli/BenchCommand.java"));
    assertTrue(bench.contains("\"ffnn %s epoch %d: %.3f s, %.0f ex/s, loss %.4f\", dtype"));
    for (String name : new String[] {"numpy", "torch"}) {
      String script = Files.readString(ROOT.resolve("nn-bench/python/mlp_" + name + ".py"));
      Matcher line = Pattern.compile("print\\(f\"" + name + " \\{[^}]+\\} epoch \\{epoch\\}: "
          + "\\{seconds:\\.3f\\} s, \\{m / seconds:\\.0f\\} ex/s, \"\\s*f\"loss \\{cost / m:\\.4f\\}\"")
          .matcher(script);
      assertTrue(line.find(), name + ": the epoch line differs from ffnn bench's");
      // the documented install line is in the script itself
      assertTrue(script.contains("apt-get install -y python3-"), name);
      assertTrue(script.contains("python3 -m pip install"), name);
    }
  }
}

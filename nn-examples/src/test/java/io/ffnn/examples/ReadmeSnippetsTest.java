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
 * The library page's "Use ffnn in your project" section (docs/library.md) is followed verbatim:
 * its POM snippets are in {@code examples/downstream}'s POMs and its module declarations are that
 * project's (DocsCodeBlocksTest holds the command for the tool with a plugin jar to one that
 * {@code .ci/run} runs).
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of("..");

  private static String section() throws IOException {
    String readme = Files.readString(ROOT.resolve("docs/library.md"));
    int start = readme.indexOf("## Use ffnn in your project");
    assertTrue(start >= 0, "docs/library.md has the section");
    int end = readme.indexOf("\n## ", start + 3);
    return readme.substring(start, end);
  }

  private static List<String> blocks(String text, String language) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String squeeze(String s) {
    return s.replaceAll("\\s+", "");
  }

  private static String read(String... paths) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String p : paths) {
      sb.append(Files.readString(ROOT.resolve(p)));
    }
    return sb.toString();
  }

  @Test
  void theSnippetsAreTheDownstreamProjects() throws IOException {
    String section = section();
    String poms = squeeze(read("examples/downstream/pom.xml",
        "examples/downstream/plugin/pom.xml", "examples/downstream/app/pom.xml"));
    List<String> xml = blocks(section, "xml");
    assertEquals(3, xml.size());
    for (String snippet : xml) {
      assertTrue(poms.contains(squeeze(snippet)), "not in examples/downstream's POMs:\n"
          + snippet);
    }
    String modules = squeeze(read("examples/downstream/plugin/src/main/java/module-info.java",
        "examples/downstream/app/src/main/java/module-info.java"));
    List<String> java = blocks(section, "java");
    assertEquals(2, java.size());
    for (String snippet : java) {
      assertTrue(modules.contains(squeeze(snippet)), "not a module of examples/downstream:\n"
          + snippet);
    }
  }
}

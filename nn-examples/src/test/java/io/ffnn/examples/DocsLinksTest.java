package io.ffnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is short and the documentation is one walkable set of pages: every relative link of
 * the README, the CHANGELOG and docs/ leads to a file of the repository, and to a heading of it
 * when it names one; every page of docs/ is linked from the README.
 */
class DocsLinksTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"),
        ROOT.resolve("CHANGELOG.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
  static String anchor(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  static Set<String> anchors(Path page) throws IOException {
    Set<String> out = new TreeSet<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced && line.startsWith("#")) {
        out.add(anchor(line.replaceFirst("^#+", "")));
      }
    }
    return out;
  }

  @Test
  void theReadmeIsShort() throws IOException {
    long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
    assertTrue(lines <= 250, "README.md has " + lines + " lines");
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      // links outside code: fenced and indented blocks and inline code spans hold brackets of
      // their own
      String text = Files.readString(page).replaceAll("(?s)```.*?```", "")
          .replaceAll("(?m)^    .*$", "").replaceAll("`[^`\n]*`", "");
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("(?i)(https?|mailto):.*")) {
          continue;
        }
        checked++;
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
          continue;
        }
        if (target.contains("#")) {
          String name = target.substring(target.indexOf('#') + 1);
          if (!resolved.toString().endsWith(".md") || !anchors(resolved).contains(name)) {
            broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
          }
        }
      }
    }
    assertTrue(checked >= 20, checked + " links");
    assertEquals(List.of(), broken);
  }

  @Test
  void everyPageOfTheDocsIsLinkedFromTheReadme() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> unlinked = new ArrayList<>();
    for (Path page : pages()) {
      String name = ROOT.relativize(page).toString().replace('\\', '/');
      if (name.startsWith("docs/") && !readme.contains("](" + name + ")")) {
        unlinked.add(name);
      }
    }
    assertEquals(List.of(), unlinked);
  }

  @Test
  void anchorsAreGitHubs() {
    assertEquals("built-in-plugins", anchor(" Built-in plugins"));
    assertEquals("use-ffnn-in-your-project", anchor("Use ffnn in your project"));
    assertEquals("write-your-own-cost-or-a-plugin-with-parameters",
        anchor("Write your own cost, or a plugin with parameters"));
  }
}

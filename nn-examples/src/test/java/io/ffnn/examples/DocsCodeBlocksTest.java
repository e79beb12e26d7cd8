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
 * No code in the documentation that the build does not check: every fenced block of the README
 * and docs/ is marked, on the line before it, as
 *
 * <ul>
 *   <li>{@code <!-- compiled: PATH -->}: its text (whitespace aside) is in PATH, a source the
 *       build compiles (a module's or an examples/ project's {@code src/}, or a pom it builds);
 *   <li>{@code <!-- file: PATH -->} or {@code <!-- run -->}: a step of a walkthrough that
 *       {@code .ci/run} follows with {@code .ci/Walkthrough.java};
 *   <li>{@code <!-- ci -->}: shell lines that {@code .ci/run} runs itself, each within one of its
 *       lines (the README's test command);
 *   <li>{@code <!-- output -->}: what a command prints, or a file's contents as shown.
 * </ul>
 *
 * <p>An indented code block (four spaces after a blank line) has no place for a marker, so it is
 * refused too: code goes in fences.
 */
class DocsCodeBlocksTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern MARKER =
      Pattern.compile("^<!-- (compiled: (\\S+)|file: \\S+|run|ci|output) -->$");
  private static final Pattern COMPILED = Pattern.compile(
      "^((nn-[a-z]+|ffnn)/src/(main|test)/java/|examples/[A-Za-z0-9/_-]+/src/(main|test)/"
      + "java/).+\\.java$|^examples/[A-Za-z0-9/_-]*pom\\.xml$");

  private static String squeeze(String s) {
    return s.replaceAll("\\s+", "");
  }

  @Test
  void everyBlockIsCompiledRunOrOutput() throws IOException {
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path page : DocsLinksTest.pages()) {
      String name = ROOT.relativize(page).toString().replace('\\', '/');
      checked += check(name, Files.readAllLines(page), ci, problems);
    }
    assertTrue(checked >= 20, checked + " blocks");
    assertEquals(List.of(), problems);
  }

  /**
   * Checks a page's code blocks against the rules above, adding what is wrong to problems.
   *
   * @return the number of fenced blocks
   */
  static int check(String name, List<String> lines, String ci, List<String> problems)
      throws IOException {
    boolean walked = ci.contains("java .ci/Walkthrough.java " + name);
    List<String> ciLines = ci.lines().map(String::strip).toList();
    int checked = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("    ") && !lines.get(i).isBlank() && i > 0
          && lines.get(i - 1).isBlank()) {
        problems.add(name + ":" + (i + 1) + ": an indented code block (fence and mark it)");
        continue;
      }
      if (!lines.get(i).startsWith("```")) {
        continue;
      }
      int open = i;
      StringBuilder block = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
        block.append(lines.get(i)).append('\n');
      }
      checked++;
      String where = name + ":" + (open + 1);
      Matcher m = MARKER.matcher(open > 0 ? lines.get(open - 1).strip() : "");
      if (!m.matches()) {
        problems.add(where + ": a block neither compiled, run by .ci/run, nor marked as "
            + "output");
      } else if (m.group(2) != null) {
        String path = m.group(2);
        if (!COMPILED.matcher(path).matches()) {
          problems.add(where + ": " + path + " is not a source the build compiles");
        } else if (!Files.isRegularFile(ROOT.resolve(path))) {
          problems.add(where + ": " + path + " does not exist");
        } else if (!squeeze(Files.readString(ROOT.resolve(path)))
            .contains(squeeze(block.toString()))) {
          problems.add(where + ": the block is not in " + path + " as it stands");
        }
      } else if (m.group(1).equals("ci")) {
        block.toString().lines().map(String::strip).filter(l -> !l.isEmpty())
            .filter(l -> ciLines.stream().noneMatch(c -> c.contains(l)))
            .forEach(l -> problems.add(where + ": .ci/run does not run " + l));
      } else if ((m.group(1).startsWith("file") || m.group(1).equals("run")) && !walked) {
        problems.add(where + ": a walkthrough step, but .ci/run does not follow " + name
            + " (java .ci/Walkthrough.java " + name + ")");
      }
    }
    return checked;
  }

  /** The checker itself: each kind of block it must refuse, and the ones it must accept. */
  @Test
  void theCheckerRefusesWhatItShould() throws IOException {
    String ci = "mvn -B verify\njava .ci/Walkthrough.java docs/walked.md .\n";
    String compiled = "nn-examples/src/main/java/io/ffnn/examples/XorExample.java";
    String quoted = Files.readAllLines(ROOT.resolve(compiled)).get(0);
    List<String> page = List.of(
        "<!-- compiled: " + compiled + " -->", "```java", quoted, "```", "",
        "<!-- compiled: " + compiled + " -->", "```java", "int notThere = 1;", "```", "",
        "<!-- compiled: docs/tool.md -->", "```java", "x", "```", "",
        "<!-- ci -->", "```sh", "mvn -B verify", "```", "",
        "<!-- ci -->", "```sh", "mvn -B deploy", "```", "",
        "<!-- run -->", "```sh", "ls", "```", "",
        "<!-- output -->", "```text", "anything", "```", "",
        "```sh", "unmarked", "```", "",
        "    indented", "");
    List<String> problems = new ArrayList<>();
    assertEquals(8, check("docs/page.md", page, ci, problems));
    assertEquals(List.of(
        "docs/page.md:7: the block is not in " + compiled + " as it stands",
        "docs/page.md:12: docs/tool.md is not a source the build compiles",
        "docs/page.md:22: .ci/run does not run mvn -B deploy",
        "docs/page.md:27: a walkthrough step, but .ci/run does not follow docs/page.md "
            + "(java .ci/Walkthrough.java docs/page.md)",
        "docs/page.md:36: a block neither compiled, run by .ci/run, nor marked as output",
        "docs/page.md:40: an indented code block (fence and mark it)"), problems);
    List<String> walkedProblems = new ArrayList<>();
    check("docs/walked.md", page, ci, walkedProblems);
    assertTrue(walkedProblems.stream().noneMatch(p -> p.contains("walkthrough step")),
        walkedProblems.toString());
  }

  @Test
  void theMarkersAreThoseTheWalkthroughReads() throws IOException {
    // .ci/Walkthrough.java reads file, run and output markers the same way
    String walkthrough = Files.readString(ROOT.resolve(".ci/Walkthrough.java"));
    assertTrue(walkthrough.contains("\"^<!-- (file: (\\\\S+)|run|output) -->$\""), walkthrough
        .lines().filter(l -> l.contains("MARKER =")).findFirst().orElse("no MARKER"));
  }
}

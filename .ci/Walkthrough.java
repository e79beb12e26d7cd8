import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a documentation page as a reader would, in an empty directory: a fenced block preceded
 * by {@code <!-- file: PATH -->} is written to PATH, one preceded by {@code <!-- run -->} is run
 * with {@code bash -euo pipefail} there, and one preceded by {@code <!-- output -->} that comes
 * next after a run block must match what that block printed: each of its lines, in order, is a
 * line of that output (colour codes aside), {@code …} standing for any text. An output block
 * after anything else is an illustration (a failure's message, a file as shown) and is not
 * checked. Exits with status 1, naming the page and line, at the first block that fails.
 *
 * <p>{@code java .ci/Walkthrough.java docs/PAGE.md [DIRECTORY]}
 */
public final class Walkthrough {

  private static final Pattern MARKER = Pattern.compile("^<!-- (file: (\\S+)|run|output) -->$");

  record Block(int line, String kind, String path, String text) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: java .ci/Walkthrough.java PAGE.md [DIRECTORY]");
      System.exit(2);
    }
    Path page = Path.of(args[0]);
    Path dir = args.length == 2 ? Files.createDirectories(Path.of(args[1]))
        : Files.createTempDirectory("walkthrough-");
    List<Block> blocks = blocks(page);
    System.out.println("walkthrough of " + page + " in " + dir + ": " + blocks.size()
        + " blocks");
    String lastOutput = null;
    for (Block b : blocks) {
      String where = page + ", line " + b.line();
      String output = lastOutput;
      lastOutput = null;
      switch (b.kind()) {
        case "file" -> {
          Path target = dir.resolve(b.path()).normalize();
          if (Path.of(b.path()).isAbsolute() || !target.startsWith(dir)) {
            fail(where, "the file " + b.path() + " is outside the walkthrough's directory");
          }
          Files.createDirectories(target.getParent());
          Files.writeString(target, b.text());
          System.out.println("== " + where + ": wrote " + b.path());
        }
        case "run" -> {
          System.out.println("== " + where + ": running\n" + b.text().strip());
          lastOutput = run(dir, b.text(), where);
        }
        default -> {
          if (output == null) {
            // not the output of the run block just before it: an illustration (a failure's
            // message, a file as shown), which the page's prose introduces as such
            System.out.println("== " + where + ": shown, not the output of a run block");
          } else {
            match(b.text(), output, where);
            System.out.println("== " + where + ": the output matches");
          }
        }
      }
    }
    System.out.println("walkthrough of " + page + " passed");
  }

  /** The marked fenced blocks of a page, in order. */
  static List<Block> blocks(Path page) throws IOException {
    List<String> lines = Files.readAllLines(page);
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = MARKER.matcher(lines.get(i).strip());
      if (!m.matches()) {
        continue;
      }
      int open = i + 1;
      if (open >= lines.size() || !lines.get(open).startsWith("```")) {
        fail(page + ", line " + (i + 1), "a marker not followed at once by a fenced block");
      }
      StringBuilder text = new StringBuilder();
      int k = open + 1;
      while (k < lines.size() && !lines.get(k).startsWith("```")) {
        text.append(lines.get(k)).append('\n');
        k++;
      }
      if (k == lines.size()) {
        fail(page + ", line " + (open + 1), "a fenced block that does not end");
      }
      String kind = m.group(1).startsWith("file") ? "file" : m.group(1);
      out.add(new Block(open + 1, kind, m.group(2), text.toString()));
      i = k;
    }
    return out;
  }

  /** Runs a block with bash in the directory; its output goes to ours and comes back. */
  static String run(Path dir, String script, String where) throws Exception {
    Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        System.out.write(buffer, 0, n);
        kept.write(buffer, 0, n);
      }
    }
    System.out.flush();
    int status = p.waitFor();
    if (status != 0) {
      fail(where, "the block ended with status " + status);
    }
    return kept.toString(StandardCharsets.UTF_8);
  }

  /** Each expected line, in order, is a line of the output; {@code …} matches any text. */
  static void match(String expected, String output, String where) {
    // without the terminal's colour codes (Maven writes some even with -B -q)
    String[] actual = output.replaceAll("\u001B\\[[0-9;]*m", "").split("\n");
    int at = 0;
    for (String line : expected.split("\n")) {
      StringBuilder regex = new StringBuilder();
      for (String part : line.split("…", -1)) {
        if (regex.length() > 0) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(part));
      }
      Pattern p = Pattern.compile(regex.toString());
      while (at < actual.length && !p.matcher(actual[at]).matches()) {
        at++;
      }
      if (at == actual.length) {
        fail(where, "no line of the output (after the ones matched before it) matches\n  "
            + line);
      }
      at++;
    }
  }

  static void fail(String where, String message) {
    System.err.println("walkthrough failed at " + where + ": " + message);
    System.exit(1);
  }
}

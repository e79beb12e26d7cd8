package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.model.Model;
import io.ffnn.core.internal.files.ModelArchive;
import io.ffnn.core.model.ModelFile;
import io.ffnn.examples.cli.CliTest.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool's side of the reliability rules, one family at a time, each with its exact status and
 * its one {@code error:} line naming the file or the option: memory budgets instead of
 * OutOfMemoryError, non-regular files, non-finite weights, strict CSV. (Lost work, write errors,
 * class names and option values have their own tests: RescueSaveTest, WriteErrorsTest,
 * ClassNamesTest, ExitStatusTest.)
 */
class FailureFamiliesTest {

  @TempDir
  Path dir;

  private static final long QUARTER_HEAP = Runtime.getRuntime().maxMemory() / 4;

  private static void assertOneError(Run r, int status, String error) {
    assertEquals(status, r.status(), r.err());
    assertEquals("error: " + error + "\n", r.err());
  }

  /** The tool in a JVM of 256 MiB: its status, standard output and standard error. */
  private static Run smallHeap(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), Cli.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("ffnn-out", ".txt");
    Path err = Files.createTempFile("ffnn-err", ".txt");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the tool did not end");
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }

  @Test
  void aRunBeyondTheTrainingBudgetIsAUsageErrorGivingTheFigureBeforeTraining()
      throws Exception {
    // weights within the quarter of the heap a network may take (50 and 31 MB of 268), whose
    // training (gradients, Adam's two double arrays, the workspace) is beyond two thirds of it:
    // once an OutOfMemoryError in Adam.allocate
    for (String[] c : new String[][] {{"2500", "float64", "50.1 MB", "100.2 MB"},
        {"2800", "float32", "31.4 MB", "125.7 MB"}}) {
      String layers = c[0] + "," + c[0];
      Run r = smallHeap("train", "--data", "xor", "--layers", layers, "--precision", c[1],
          "--epochs", "2");
      assertEquals(2, r.status(), r.err());
      assertTrue(r.err().startsWith("error: --layers " + layers + " on --data xor: training "
          + "needs about "), r.err());
      assertTrue(r.err().contains(" (weights " + c[2] + ", optimizer " + c[3] + ", "), r.err());
      assertTrue(r.err().contains(" MB a run may take (two thirds of the maximum heap, "), r.err());
      assertTrue(r.err().endsWith(" (see ffnn train --help)\n"), r.err());
      assertEquals(1, r.err().split("\n").length, r.err());
      // refused before the first epoch
      assertTrue(r.out().startsWith("layer ") && !r.out().contains("epoch"), r.out());
    }
    // within the budget, the same command trains
    Run fits = smallHeap("train", "--data", "xor", "--layers", "1000,1000", "--epochs", "2");
    assertEquals(0, fits.status(), fits.err());
    assertTrue(fits.out().contains("trained 2 epochs"), fits.out());
  }

  @Test
  void inputsSizedBeyondTheMemoryBudgetAreRefusedBeforeAllocation() throws IOException {
    // layers whose weights exceed a quarter of the heap: a usage error naming --layers
    int width = (int) Math.min(46_000, Math.sqrt(QUARTER_HEAP / 8.0) + 100);
    long params = (2L * width + width) + ((long) width * width + width) + (width + 1);
    Run layers = CliTest.run("train", "--data", "xor", "--layers", width + "," + width);
    assertOneError(layers, 2, "--layers " + width + "," + width + ": layer sizes [2, " + width
        + ", " + width + ", 1] need " + params + " parameters, " + 8 * params + " bytes of "
        + "weights; a network may take at most a quarter of the maximum heap, " + QUARTER_HEAP
        + " bytes (see ffnn train --help)");

    // a label column of distinct names: one class per row, a one-hot Y beyond the budget
    int rows = (int) Math.sqrt(QUARTER_HEAP / 8.0) + 10;
    StringBuilder sb = new StringBuilder("x,y\n");
    for (int i = 0; i < rows; i++) {
      sb.append(i % 7).append(",label").append(i).append('\n');
    }
    Path labels = Files.writeString(dir.resolve("labels.csv"), sb);
    Run classes = CliTest.run("train", "--data", "csv:" + labels, "--label-column", "y");
    assertOneError(classes, 1, labels + ": the label column 'y' (2) makes " + rows
        + " classes for " + rows + " rows: a one-hot Y of " + 8L * rows * rows + " bytes, more "
        + "than the " + QUARTER_HEAP + " bytes (a quarter of the maximum heap) that data may "
        + "take");

    // a model file of many highly compressible JSON entries, each under the per-entry limit
    Path bomb = dir.resolve("bomb.ffnn");
    byte[] spaces = new byte[ModelArchive.MAX_JSON_BYTES - 16];
    java.util.Arrays.fill(spaces, (byte) ' ');
    try (OutputStream file = Files.newOutputStream(bomb);
         ZipOutputStream zip = new ZipOutputStream(file)) {
      for (int k = 0; k < 6; k++) {
        zip.putNextEntry(new ZipEntry("e" + k + ".json"));
        zip.write(spaces);
        zip.closeEntry();
      }
    }
    assertTrue(Files.size(bomb) < 200_000, Files.size(bomb) + " bytes");
    Run model = CliTest.run("eval", "--model", bomb.toString(), "--data", "xor");
    assertOneError(model, 1, bomb + ": entry e4.json declares " + spaces.length + " bytes, "
        + "more than the " + (ModelArchive.MAX_JSON_TOTAL - 4L * spaces.length) + " left to "
        + "read (" + ModelArchive.MAX_JSON_BYTES + " for one JSON entry, "
        + ModelArchive.MAX_JSON_TOTAL + " for all)");
  }

  @Test
  void directoriesPipesAndDevicesAreRefusedByName() throws Exception {
    assertOneError(CliTest.run("eval", "--model", dir.toString(), "--data", "xor"), 1,
        dir + ": not a regular file (a directory, a pipe or a device); a model file is read "
            + "from a file");
    if (Files.exists(Path.of("/dev/zero"))) {
      assertOneError(CliTest.run("train", "--data", "csv:/dev/zero", "--label-column", "y"), 1,
          "/dev/zero: not a regular file (a directory, a pipe or a device); data are read "
              + "from files");
    }
    Path fifo = dir.resolve("pipe.csv");
    boolean made;
    try {
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
      made = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      made = false;
    }
    if (made) {
      // nothing writes to the pipe: reading it would block for ever
      assertOneError(CliTest.run("predict", "--model", dir.resolve("m.ffnn").toString(),
          "--input", "csv:" + fifo), 1, "no such file: " + dir.resolve("m.ffnn"));
      Path model = dir.resolve("m.ffnn");
      ModelFile.save(new Model(Network.build(NetworkSpec.builder(2).layer(1, "sigmoid")
          .cost("bce").build()), null), model);
      assertOneError(CliTest.run("predict", "--model", model.toString(), "--input",
          "csv:" + fifo), 1, fifo + ": not a regular file (a directory, a pipe or a device); "
              + "data are read from files");
      assertOneError(CliTest.run("eval", "--model", fifo.toString(), "--data", "xor"), 1,
          fifo + ": not a regular file (a directory, a pipe or a device); a model file is "
              + "read from a file");
    }
  }

  @Test
  void aModelWithANonFiniteWeightIsRefusedNamingTheParameter() throws IOException {
    Network net = Network.build(NetworkSpec.builder(2).layer(3, "tanh").layer(1, "sigmoid")
        .cost("bce").seed(2).build());
    Map<String, byte[]> entries = new LinkedHashMap<>(ModelFile.entries(new Model(net, null)));
    byte[] weights = entries.get("weights.bin").clone();
    // W[1] is 3×2 and b[1] 3×1, so b[1][2,0] is the 9th double
    ByteBuffer.wrap(weights).putDouble(8 * 8, Double.NaN);
    entries.put("weights.bin", weights);
    Path file = dir.resolve("nan.ffnn");
    ModelArchive.write(file, entries);
    String error = file + ": entry weights.bin holds a non-finite weight, b[1][2,0] = NaN; a "
        + "model with non-finite weights cannot predict";
    assertOneError(CliTest.run("eval", "--model", file.toString(), "--data", "xor"), 1, error);
    Path input = Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n");
    assertOneError(CliTest.run("predict", "--model", file.toString(), "--input",
        "csv:" + input), 1, error);
  }

  @Test
  void csvFilesAreReadStrictly() throws IOException {
    Path bom = dir.resolve("bom.csv");
    Files.write(bom, ("\uFEFFa,b,y\n1,2,0\n3,4,1\n0,1,0\n").getBytes(StandardCharsets.UTF_8));
    Run ok = CliTest.run("train", "--data", "csv:" + bom, "--label-column", "a",
        "--epochs", "1");
    assertEquals(0, ok.status(), "the byte-order mark is not part of column 'a': " + ok.err());
    // a text among numbers: neither a number nor missing; nine numbers in ten make the column
    // numeric, not categorical
    String numbers = "a,b,y\n1,1,0\n2,2,1\n3,3,0\n4,4,1\n5,5,0\n6,6,1\n7,7,0\n8,8,1\n9,9,0\n";
    String[][] cases = {
        {numbers + "1,1d,0\n", "line 11, column 'b' (2): '1d' is neither a number nor a missing "
            + "value, but 9 of the column's 10 values are numbers; mark it as missing, or declare "
            + "the column categorical"},
        {numbers + "2,Infinity,1\n", "line 11, column 'b' (2): 'Infinity' is neither a number nor "
            + "a missing value, but 9 of the column's 10 values are numbers; mark it as missing, "
            + "or declare the column categorical"},
        {"a,b,y\n1,2,0\n2,1e999,1\n", "line 3, column 'b' (2): '1e999' is not a finite number"},
        {"a,b,y\n1,2,0\n2,3,NA\n", "line 3, column 'y' (3): the label is missing ('NA'); every "
            + "row needs one"},
        {"a,a,y\n1,2,0\n2,3,1\n", "columns 1 and 2 are both named 'a'; a column named twice "
            + "cannot be chosen by name"},
        {"a,b,y\n1,2,0\n2,3\n", "line 3: the row has 2 columns, expected 3"}};
    for (int k = 0; k < cases.length; k++) {
      Path f = Files.writeString(dir.resolve("strict" + k + ".csv"), cases[k][0]);
      String sep = cases[k][1].startsWith("line") ? ", " : ": ";
      assertOneError(CliTest.run("train", "--data", "csv:" + f, "--label-column", "y"), 1,
          f + sep + cases[k][1]);
    }
  }
}

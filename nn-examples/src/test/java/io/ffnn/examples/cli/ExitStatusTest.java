package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors found while a command runs exit with 2, like picocli's own, naming the options. */
class ExitStatusTest {

  @TempDir
  Path dir;

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(status), err.toString(StandardCharsets.UTF_8),
        out.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void csvColumnOptionsThatAreMissingOrExcludeEachOtherAreUsageErrors() throws IOException {
    Path csv = Files.writeString(dir.resolve("d.csv"), "a,b,y\n1,2,0\n3,4,1\n2,2,0\n");
    String[] none = run("train", "--data", "csv:" + csv, "--epochs", "1");
    assertEquals("2", none[0], none[1]);
    assertEquals("error: csv data needs --label-column (classification) or --target-columns "
        + "(regression) (see ffnn train --help)\n", none[1]);
    String[] both = run("train", "--data", "csv:" + csv, "--label-column", "y",
        "--target-columns", "y", "--epochs", "1");
    assertEquals("2", both[0], both[1]);
    assertEquals("error: --label-column and --target-columns exclude each other: a CSV file is "
        + "read either for classification (a label column) or for regression (target columns) "
        + "(see ffnn train --help)\n", both[1]);
    // a bad value inside the file is no usage error: status 1, naming file, line and column
    Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,y\n1,2,0x1p3\n3,4,1\n");
    String[] file = run("train", "--data", "csv:" + bad, "--target-columns", "y", "--epochs",
        "1");
    assertEquals("1", file[0], file[1]);
    assertEquals("error: " + bad + ", line 2, column 'y' (3): '0x1p3' is not a number (decimal "
        + "or scientific notation, e.g. -1.5 or 2e-3)\n", file[1]);
  }

  @Test
  void badOptionValuesAndUnwritableTargetsAreUsageErrorsFoundBeforeAnyWork() throws IOException {
    Path file = Files.writeString(dir.resolve("plot-is-a-file"), "x");
    String missing = dir.resolve("no-such-dir").resolve("m.ffnn").toString();
    String[][] cases = {
        {"--lr", "-1"}, {"--lr", "NaN"}, {"--lr", "0"}, {"--save", ""}, {"--save", missing},
        {"--save", dir.toString()}, {"--plot", file.toString()}, {"--batch", "0"},
        {"--schedule", "warm"}};
    String[] expected = {
        "--lr must be a positive finite number, got -1.0",
        "--lr must be a positive finite number, got NaN",
        "--lr must be a positive finite number, got 0.0",
        "--save needs a file name",
        "--save " + missing + ": the directory " + dir.resolve("no-such-dir")
            + " does not exist",
        "--save " + dir + " is a directory; name a file",
        "--plot " + file + " is a file, not a directory",
        "--batch and --epochs must be at least 1",
        "--schedule: unknown schedule 'warm' in spec 'warm'; available: constant, cosine, "
            + "exponential, plateau, step"};
    for (int k = 0; k < cases.length; k++) {
      String[] r = run("train", "--data", "xor", "--epochs", "3", cases[k][0], cases[k][1]);
      assertEquals("2", r[0], String.join(" ", cases[k]) + ": " + r[1]);
      assertEquals("error: " + expected[k] + " (see ffnn train --help)\n", r[1]);
    }
    String[] tolerance = run("gradcheck", "--tolerance", "NaN");
    assertEquals("2", tolerance[0], tolerance[1]);
    assertEquals("error: --tolerance must be a positive finite number and --batch at least 1, got "
        + "NaN and 4 (see ffnn gradcheck --help)\n", tolerance[1]);
    String[] bench = run("bench", "--epochs", "0");
    assertEquals("2", bench[0], bench[1]);
    assertEquals("error: --epochs, --batch, --examples and --threads must be at least 1, got 0, "
        + "128, 60000 and 1 (see ffnn bench --help)\n", bench[1]);
  }

  @Test
  void aTestSetThatDoesNotFitIsFoundBeforeTraining() throws IOException {
    Path train = Files.writeString(dir.resolve("train.csv"), "a,b,y\n1,2,0\n3,4,1\n2,2,0\n");
    // by name: the training features must all be there; other columns are ignored
    Path noB = Files.writeString(dir.resolve("no-b.csv"), "a,c,y\n1,3,0\n3,5,1\n");
    String[] r = run("train", "--data", "csv:" + train, "--test-data", "csv:" + noB,
        "--label-column", "y", "--epochs", "500");
    assertEquals("1", r[0], r[1]);
    assertEquals("error: " + noB + ": no column 'b'; the file has columns [a, c, y]\n", r[1]);
    assertEquals(false, r[2].contains("epoch"), "nothing was trained:\n" + r[2]);
    // a label the training data never had
    Path two = Files.writeString(dir.resolve("two.csv"), "b,a,y\n2,1,0\n4,3,2\n");
    r = run("train", "--data", "csv:" + train, "--test-data", "csv:" + two,
        "--label-column", "y", "--epochs", "500");
    assertEquals("1", r[0], r[1]);
    assertEquals("error: " + two + ", line 3, column 'y' (3): label '2' is not one of the 2 "
        + "classes [0, 1]\n", r[1]);
    assertEquals(false, r[2].contains("epoch"), "nothing was trained:\n" + r[2]);
    // without a header, columns are matched by position and the width must agree
    Path bare = Files.writeString(dir.resolve("bare.csv"), "0,1,2\n1,3,4\n0,2,2\n");
    Path wide = Files.writeString(dir.resolve("wide.csv"), "0,1,2,3\n1,3,4,5\n");
    r = run("train", "--data", "csv:" + bare, "--test-data", "csv:" + wide, "--no-header",
        "--label-column", "0", "--epochs", "500");
    assertEquals("1", r[0], r[1]);
    assertEquals("error: " + wide + ": the file has 3 feature columns but the encoding reads 2; "
        + "without a header, columns are taken by position\n", r[1]);
    assertEquals(false, r[2].contains("epoch"), "nothing was trained:\n" + r[2]);
  }
}

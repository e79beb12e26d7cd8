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
    return new String[] {String.valueOf(status), err.toString(StandardCharsets.UTF_8)};
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
    Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,y\n1,0x1p3,0\n3,4,1\n");
    String[] file = run("train", "--data", "csv:" + bad, "--label-column", "y", "--epochs", "1");
    assertEquals("1", file[0], file[1]);
    assertEquals("error: " + bad + ", line 2, column 'b' (2): '0x1p3' is not a number (decimal "
        + "or scientific notation, e.g. -1.5 or 2e-3)\n", file[1]);
  }
}

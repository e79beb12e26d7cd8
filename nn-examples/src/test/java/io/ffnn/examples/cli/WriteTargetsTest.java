package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.examples.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool writes regular files only, and never one of the command's own inputs: a device node, a
 * symbolic link or an input named as an output is a usage error before any work (status 2), and a
 * link planted where a plot goes is refused when the plot is written; the file behind stays as it
 * was.
 */
class WriteTargetsTest {

  @TempDir Path dir;
  private Path model;

  @BeforeEach
  void aModel() {
    model = dir.resolve("m.ffnn");
    Run r = CliTest.run("train", "--data", "blobs", "--epochs", "2", "--save", model.toString());
    assertEquals(0, r.status(), r.err());
  }

  private static void assertUsageError(Run r, String... fragments) {
    assertEquals(2, r.status(), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), r.err());
    }
    assertTrue(r.out().isEmpty(), "no work done: " + r.out());
  }

  @Test
  void aDeviceNodeIsNeverReplaced() throws Exception {
    Path device = dir.resolve("devnull");
    boolean made;
    try {
      made = new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    Assumptions.assumeTrue(made, "this user may not make device nodes");
    assertUsageError(CliTest.run("train", "--data", "xor", "--save", device.toString()),
        "--save " + device.toAbsolutePath() + ": is a pipe, socket or device");
    assertUsageError(CliTest.run("export", "--model", model.toString(), "--onnx",
        device.toString()), "--onnx");
    assertTrue(Files.exists(device, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(device, LinkOption.NOFOLLOW_LINKS), "still a device");
  }

  @Test
  void aSymbolicLinkIsNeitherFollowedNorReplaced() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
    Path link = Files.createSymbolicLink(dir.resolve("saved.ffnn"), victim);
    assertUsageError(CliTest.run("train", "--data", "xor", "--save", link.toString()),
        "is a symbolic link, not a regular file");
    assertEquals("precious", Files.readString(victim));
    // a link planted where a plot will be written: refused at the write, the victim intact
    Path plots = Files.createDirectory(dir.resolve("plots"));
    Files.createSymbolicLink(plots.resolve("loss.png"), victim);
    Run r = CliTest.run("train", "--data", "xor", "--epochs", "2", "--plot", plots.toString());
    assertNotEquals(0, r.status(), r.out());
    assertTrue(r.err().contains("loss.png: is a symbolic link"), r.err());
    assertEquals("precious", Files.readString(victim));
  }

  @Test
  void aCommandNeverWritesOverItsOwnInput() throws IOException {
    byte[] before = Files.readAllBytes(model);
    assertUsageError(CliTest.run("export", "--model", model.toString(), "--onnx",
        model.toString()), "--onnx " + model + " is the file --model reads");
    assertArrayEquals(before, Files.readAllBytes(model));
    // the same file under another name counts too
    Path alias = Files.createLink(dir.resolve("alias.ffnn"), model);
    assertUsageError(CliTest.run("export", "--model", model.toString(), "--onnx",
        alias.toString()), "is the file --model reads");
    Path onnx = dir.resolve("m.onnx");
    assertEquals(0, CliTest.run("export", "--model", model.toString(), "--onnx",
        onnx.toString()).status());
    assertUsageError(CliTest.run("import", "--onnx", onnx.toString(), "--save", onnx.toString()),
        "is the file --onnx reads");
    Path csv = Files.writeString(dir.resolve("data.csv"), "x,y\n1,2\n3,4\n");
    assertUsageError(CliTest.run("train", "--data", "csv:" + csv, "--target-columns", "y",
        "--save", csv.toString()), "is the file --data reads");
    assertUsageError(CliTest.run("predict", "--model", model.toString(), "--input", "csv:" + csv,
        "--output", model.toString()), "is the file --model reads");
    assertArrayEquals(before, Files.readAllBytes(model));
  }
}

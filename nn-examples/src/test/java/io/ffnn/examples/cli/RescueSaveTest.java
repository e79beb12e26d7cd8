package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save that fails after training (a full disk, a directory removed meanwhile) never discards
 * the model silently: it goes to a rescue file the error names, or the error says it is lost.
 */
class RescueSaveTest {

  @TempDir
  Path dir;

  private final Model model = new Model(Network.build(NetworkSpec.builder(2).layer(3, "tanh")
      .layer(1, "sigmoid").cost("bce").seed(3).build()), null);

  /** Fails for one file, saves the others with the real format. */
  private static Outputs.Saver failingFor(Path bad) {
    return (m, file) -> {
      if (file.equals(bad)) {
        throw new IOException("No space left on device");
      }
      ModelFile.save(m, file);
    };
  }

  @Test
  void aSuccessfulSaveReportsNothing() throws IOException {
    Path target = dir.resolve("m.ffnn");
    assertNull(Outputs.saveOrRescue(model, target, dir, ModelFile::save));
    assertTrue(Files.isRegularFile(target));
  }

  @Test
  void aFailedSaveGoesToARescueFileTheErrorNames() throws IOException {
    Path target = Files.createDirectory(dir.resolve("full-disk")).resolve("my model.ffnn");
    Path rescueDir = Files.createDirectory(dir.resolve("tmp"));
    IOException e = Outputs.saveOrRescue(model, target, rescueDir, failingFor(target));
    List<Path> rescued;
    try (Stream<Path> s = Files.list(rescueDir)) {
      rescued = s.toList();
    }
    assertEquals(1, rescued.size(), rescued.toString());
    Path rescue = rescued.get(0);
    assertTrue(rescue.getFileName().toString().matches("ffnn-rescued-my_model-[0-9]+\\.ffnn"),
        rescue.toString());
    assertEquals("cannot save the model to " + target + ": No space left on device; the trained "
        + "model was saved to " + rescue + " instead", e.getMessage());
    // the rescue is a complete model file
    assertEquals(model.network().spec().toString(),
        ModelFile.load(rescue).network().spec().toString());
  }

  @Test
  void whenTheRescueFailsTooTheErrorSaysTheModelIsLostAndLeavesNoFile() throws IOException {
    Path target = dir.resolve("m.ffnn");
    Path rescueDir = Files.createDirectory(dir.resolve("tmp"));
    IOException e = Outputs.saveOrRescue(model, target, rescueDir, (m, file) -> {
      throw new IOException("Read-only file system");
    });
    assertEquals("cannot save the model to " + target + ": Read-only file system; nor to a "
        + "rescue file in " + rescueDir + ": Read-only file system; the trained model is lost",
        e.getMessage());
    try (Stream<Path> s = Files.list(rescueDir)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void theToolRescuesTheModelWhenItsDirectoryVanishesDuringTraining() throws IOException {
    // the directory exists when train checks its options and is removed once training starts
    // (when the tool prints its "training ..." line), so the save after training fails for real
    Path gone = Files.createDirectory(dir.resolve("gone"));
    Path target = gone.resolve("m.ffnn");
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public synchronized void write(byte[] b, int off, int len) {
        super.write(b, off, len);
        if (toString(StandardCharsets.UTF_8).contains("training ") && Files.exists(gone)) {
          try {
            Files.delete(gone);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String tmp = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", dir.toString());
    int status;
    try {
      status = Cli.run(new String[] {"train", "--data", "xor", "--epochs", "5", "--save",
          target.toString(), "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setProperty("java.io.tmpdir", tmp);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, stderr);
    assertFalse(Files.exists(gone));
    List<Path> rescued;
    try (Stream<Path> s = Files.list(dir)) {
      rescued = s.filter(p -> p.getFileName().toString().startsWith("ffnn-rescued-m-")).toList();
    }
    assertEquals(1, rescued.size(), stderr);
    assertTrue(stderr.matches("error: cannot save the model to "
        + Pattern.quote(target.toString()) + ": the directory "
        + Pattern.quote(gone.toString()) + " no longer exists"
        + "; the trained model was saved to " + Pattern.quote(rescued.get(0).toString())
        + " instead\n"), stderr);
    assertEquals("2 -> 64 relu -> 64 relu -> 1 sigmoid, cost bce, AUTO, seed 1",
        ModelFile.load(rescued.get(0)).network().spec().toString());
    // the report after the save was still written: the JSON line ends the output
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertTrue(stdout.strip().endsWith("}"), stdout);
  }
}

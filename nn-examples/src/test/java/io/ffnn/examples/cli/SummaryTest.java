package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.examples.cli.CliTest.Run;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What train shows before its first epoch, and the sign of life of a long read. */
class SummaryTest {

  @TempDir
  Path dir;

  @Test
  void theSummaryListsEachLayersUnitsActivationAndParameters() {
    Network net = Network.build(NetworkSpec.builder(784).layer(256, "relu").dropout(0.2)
        .layer(128, "leaky_relu(alpha=0.1)").layer(10, "softmax").cost("cce").build());
    assertEquals(""
        + "layer     units  activation                     parameters\n"
        + "0           784  (inputs)\n"
        + "1           256  relu, dropout 0.2                 200,960\n"
        + "2           128  leaky_relu(alpha=0.1)              32,896\n"
        + "3            10  softmax                             1,290\n"
        + "total parameters 235,146; cost cce\n", TrainCommand.summary(net)
            .replace(System.lineSeparator(), "\n"));
    Run r = CliTest.run("train", "--data", "xor", "--epochs", "1", "--layers", "3");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("layer     units  activation"), r.out());
    assertTrue(r.out().contains("total parameters 13; cost bce\ntraining "), r.out());
  }

  @Test
  void aLargeFileIsAnnouncedBeforeItIsRead() throws IOException {
    Path model = dir.resolve("m.ffnn");
    ModelFile.save(new Model(Network.build(NetworkSpec.builder(2).layer(1, "identity")
        .cost("mse").build()), null), model);
    Path big = dir.resolve("big.csv");
    String note = "x".repeat(1000);
    long rows = DataSpecs.LARGE / 1000 + 10;
    try (Writer w = Files.newBufferedWriter(big)) {
      w.write("a,b,note\n");
      for (long i = 0; i < rows; i++) {
        w.write("1,2," + note + "\n");
      }
    }
    Run r = CliTest.run("predict", "--model", model.toString(), "--input", "csv:" + big,
        "--skip-columns", "note");
    assertEquals(0, r.status(), r.err());
    assertEquals("reading " + big + " (" + (Files.size(big) >> 20) + " MB)...\n", r.err());
    // the header, then a line per row
    assertEquals(rows + 1, r.out().lines().count());
    assertEquals("output_1", r.out().lines().findFirst().orElseThrow());
  }
}

package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.training.EpochRecord;
import io.ffnn.core.training.History;
import io.ffnn.examples.cli.CliTest.Run;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plots render at any length of run: histories of 10, 200 and 1,000 epochs, a regression run's
 * predictions against the truth, and a confusion matrix. Each is a PNG of the expected size (its
 * look was checked by eye when the plots changed; these assertions keep them from breaking).
 */
class PlotsTest {

  @TempDir
  Path dir;

  /** A run whose loss falls over three decades, with accuracy rising to 0.98. */
  private static History history(int epochs, long seed) {
    Random rng = new Random(seed);
    List<EpochRecord> records = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      double loss = 2.0 * Math.exp(-7.0 * e / epochs) * (1 + 0.05 * rng.nextGaussian()) + 1e-3;
      double accuracy = 0.98 - 0.6 * Math.exp(-5.0 * e / epochs);
      records.add(new EpochRecord(e, Map.of("loss", loss, "accuracy", accuracy,
          "val_loss", 1.1 * loss, "val_accuracy", accuracy - 0.01), 0.01, 0.1, 1000));
    }
    return History.of(records);
  }

  private static BufferedImage png(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertEquals((byte) 0x89, bytes[0], file.toString());
    assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    assertTrue(bytes.length > 10_000, file + " is only " + bytes.length + " bytes");
    return ImageIO.read(file.toFile());
  }

  @Test
  void historiesOfAnyLengthRender() throws IOException {
    for (int epochs : new int[] {10, 200, 1000}) {
      Path out = dir.resolve("h" + epochs);
      List<Path> files = Plots.history(history(epochs, epochs), out);
      assertEquals(List.of(out.resolve("loss.png"), out.resolve("accuracy.png")), files);
      for (Path f : files) {
        BufferedImage image = png(f);
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
      }
    }
  }

  @Test
  void predictionsAgainstTruthAndTheConfusionMatrixRender() throws IOException {
    Random rng = new Random(4);
    DMatrixRMaj Y = new DMatrixRMaj(1, 300);
    DMatrixRMaj Yhat = new DMatrixRMaj(1, 300);
    for (int i = 0; i < 300; i++) {
      Y.set(0, i, 3e5 + 5e4 * rng.nextGaussian());
      Yhat.set(0, i, Y.get(0, i) + 1e4 * rng.nextGaussian());
    }
    BufferedImage scatter = png(Plots.predictedVersusTrue(Yhat, Y, List.of("price"),
        dir.resolve("predicted-vs-true.png")));
    assertEquals(700, scatter.getWidth());
    long[][] confusion = {{50, 2, 0}, {3, 40, 7}, {0, 5, 45}};
    BufferedImage heat = png(Plots.confusionMatrix(confusion, List.of("cat", "dog", "emu"),
        dir.resolve("confusion-matrix.png")));
    assertEquals(500, heat.getHeight());
  }

  @Test
  void trainAndEvalWriteTheirPlots() throws IOException {
    Path plots = dir.resolve("sine");
    Path model = dir.resolve("sine.ffnn");
    Run r = CliTest.run("train", "--data", "sine", "--epochs", "60", "--validation", "0.2",
        "--plot", plots.toString(), "--save", model.toString());
    assertEquals(0, r.status(), r.err());
    for (String name : new String[] {"loss.png", "r2.png", "predicted-vs-true.png"}) {
      png(plots.resolve(name));
    }
    Path blobs = dir.resolve("blobs.ffnn");
    Run t = CliTest.run("train", "--data", "blobs", "--epochs", "5", "--save", blobs.toString());
    assertEquals(0, t.status(), t.err());
    Path evalPlots = dir.resolve("eval");
    Run e = CliTest.run("eval", "--model", blobs.toString(), "--data", "blobs", "--plot",
        evalPlots.toString());
    assertEquals(0, e.status(), e.err());
    assertTrue(e.out().contains("wrote " + evalPlots.resolve("confusion-matrix.png")), e.out());
    png(evalPlots.resolve("confusion-matrix.png"));
    Run s = CliTest.run("eval", "--model", model.toString(), "--data", "sine", "--plot",
        evalPlots.toString());
    assertEquals(0, s.status(), s.err());
    png(evalPlots.resolve("predicted-vs-true.png"));
  }

  /** {@code -Dffnn.plots.keep=DIR} copies every plot there, to look at. */
  @AfterEach
  void keepForTheEye() throws IOException {
    String keep = System.getProperty("ffnn.plots.keep");
    if (keep == null) {
      return;
    }
    Files.createDirectories(Path.of(keep));
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".png")).toList()) {
        Files.copy(f, Path.of(keep).resolve(dir.relativize(f).toString().replace('/', '-')),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}

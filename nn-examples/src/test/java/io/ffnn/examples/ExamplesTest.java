package io.ffnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplesTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void xorReachesFullTrainingAccuracy() {
    assertEquals(1.0, XorExample.run(out), 0.0);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("epoch  3000  J = "), text);
    assertTrue(text.contains("XOR training accuracy: 100.0%"), text);
  }

  @Test
  void spiralsReach95PercentTrainingAccuracy() {
    double accuracy = SpiralExample.run(out);
    assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("Spirals training accuracy"));
  }

  @Test
  void theFullTrainerRestoresItsBestEpochAndReportsWithoutControlCharacters() {
    io.ffnn.core.training.History history = TrainingExample.run(out);
    // with patience 15 the run lasts all 60 epochs only if its best epoch is among the last 15;
    // that epoch has the lowest val_loss, and early stopping puts its weights back
    List<Double> valLoss = history.get("val_loss");
    int argmin = valLoss.indexOf(java.util.Collections.min(valLoss));
    assertEquals(argmin + 1, history.bestEpoch());
    assertEquals(history.stoppedEarly(), history.epochs().size() < 60);
    int sinceBest = history.epochs().size() - history.bestEpoch();
    assertTrue(history.stoppedEarly() ? sinceBest == 15 : sinceBest <= 15, sinceBest + "");
    assertEquals(history.bestEpoch() != history.epochs().size(), history.restoredBestWeights());
    assertTrue(history.get("val_accuracy").get(history.bestEpoch() - 1) >= 0.95,
        history.get("val_accuracy").toString());
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("confusion matrix"), text);
    for (char c : text.toCharArray()) {
      assertTrue(c == '\n' || c >= 0x20, "control character " + (int) c);
    }
  }

  @Test
  void multiLabelSineAndMnistExamples(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    assertTrue(MultiLabelExample.run(out).hammingLoss() < 0.05);
    assertTrue(SineExample.run(out).mse() < 0.02);
    java.nio.file.Path idx = IdxFixture.write(dir.resolve("idx"));
    java.nio.file.Path model = dir.resolve("models").resolve("digits.ffnn");
    java.nio.file.Files.createDirectories(model.getParent());
    assertTrue(MnistExample.run(idx, 3, model, out).accuracy() > 0.8);
    assertTrue(java.nio.file.Files.exists(model));
    // nothing written into the data directory
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(idx)) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".ffnn")));
    }
  }
}

package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.examples.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model the loader would refuse is not trained to be saved: 2,000 class names of 2,100
 * characters make a description larger than a model file is read with, and train says so before
 * its first epoch, writing nothing.
 */
class SaveBudgetTest {

  @TempDir Path dir;

  @Test
  void trainRefusesBeforeTrainingAModelItCouldNotLoadBack() throws IOException {
    StringBuilder csv = new StringBuilder("x,y,kind\n");
    for (int i = 0; i < 2_000; i++) {
      String label = "class" + i + "_";
      csv.append(i % 7).append(',').append(i % 5).append(',')
          .append(label).append("x".repeat(2_100 - label.length())).append('\n');
    }
    Path data = Files.writeString(dir.resolve("long-labels.csv"), csv);
    Path model = dir.resolve("model.ffnn");
    Run r = CliTest.run("train", "--data", "csv:" + data, "--label-column", "kind",
        "--layers", "4", "--epochs", "3", "--save", model.toString());
    assertEquals(1, r.status(), r.err());
    assertTrue(r.err().startsWith("error: the model's description (model.json) would be "),
        r.err());
    assertTrue(r.err().contains("it names 2 features, 1 targets and 2000 classes"), r.err());
    assertFalse(r.out().contains("epoch 1/"), r.out());
    assertFalse(Files.exists(model));
  }
}

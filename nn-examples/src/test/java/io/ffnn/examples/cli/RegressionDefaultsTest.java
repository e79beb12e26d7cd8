package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.examples.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression works with the tool's defaults whatever the targets' units: on house prices near
 * 3e5 the network learns standard-scaled targets, and predictions and metrics come back in
 * dollars.
 */
class RegressionDefaultsTest {

  @TempDir
  Path dir;

  /** Houses: floor area, bedrooms, age; the price near 3e5 with noise. */
  private Path houses(String name, int rows, long seed, boolean withPrice) throws IOException {
    Random rng = new Random(seed);
    StringBuilder sb = new StringBuilder(withPrice ? "area,bedrooms,age,price\n"
        : "area,bedrooms,age\n");
    for (int i = 0; i < rows; i++) {
      double area = 1500 + 400 * rng.nextGaussian();
      int bedrooms = 1 + rng.nextInt(5);
      double age = 50 * rng.nextDouble();
      double price = 40_000 + 150 * area + 12_000 * bedrooms - 1_500 * age
          + 8_000 * rng.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%.1f,%d,%.1f", area, bedrooms, age));
      sb.append(withPrice ? String.format(Locale.ROOT, ",%.0f%n", price) : "\n");
    }
    return Files.writeString(dir.resolve(name), sb);
  }

  @Test
  void theDefaultsReachAnR2AboveNinetyFivePercentAndPredictInDollars() throws IOException {
    Path train = houses("houses.csv", 600, 1, true);
    Path test = houses("held-out.csv", 200, 2, true);
    Path model = dir.resolve("houses.ffnn");
    Run r = CliTest.run("train", "--data", "csv:" + train, "--target-columns", "price",
        "--scale", "standard", "--test-data", "csv:" + test, "--save", model.toString(),
        "--json");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains(", targets standard-scaled;"), r.out());
    JsonNode json = new ObjectMapper().readTree(r.lastLine());
    double r2 = json.get("test_r2").asDouble();
    assertTrue(r2 >= 0.95, "held-out R² " + r2 + "\n" + r.lastLine());
    // the metrics are in dollars: an MAE of a few thousand, not a fraction of a unit
    assertTrue(json.get("test_mae").asDouble() > 1_000 && json.get("test_mae").asDouble() < 30_000,
        r.lastLine());

    Model saved = ModelFile.load(model);
    assertNotNull(saved.targetScaler());
    assertEquals(1, saved.targetScaler().features());
    Path input = houses("new.csv", 3, 3, false);
    Run p = CliTest.run("predict", "--model", model.toString(), "--input", "csv:" + input);
    assertEquals(0, p.status(), p.err());
    List<String> predicted = p.out().strip().lines().toList();
    assertEquals("price", predicted.get(0), "the header names the target");
    for (String line : predicted.subList(1, predicted.size())) {
      double price = Double.parseDouble(line);
      assertTrue(price > 100_000 && price < 600_000, "a price in dollars: " + line);
    }
    String[] lines = Files.readAllLines(input).toArray(String[]::new);
    assertEquals(4, lines.length);

    // without target scaling the same defaults spend the run chasing the mean: all 200 epochs,
    // and still far from the scaled run
    Run raw = CliTest.run("train", "--data", "csv:" + train, "--target-columns", "price",
        "--scale", "standard", "--test-data", "csv:" + test, "--no-scale-targets", "--json");
    assertEquals(0, raw.status(), raw.err());
    JsonNode unscaled = new ObjectMapper().readTree(raw.lastLine());
    assertTrue(unscaled.get("test_r2").asDouble() < 0.9, raw.lastLine());
    assertEquals(200, unscaled.get("epochs").asInt(), raw.lastLine());
  }

  @Test
  void classificationAndBoundedOutputsAreNotScaled() throws IOException {
    Path model = dir.resolve("moons.ffnn");
    Run r = CliTest.run("train", "--data", "moons", "--epochs", "2", "--save",
        model.toString());
    assertEquals(0, r.status(), r.err());
    assertNull(ModelFile.load(model).targetScaler());
    // sigmoid outputs for targets in [0, 1]: scaled targets would leave the output's range
    Path bounded = dir.resolve("sine.ffnn");
    Run s = CliTest.run("train", "--data", "sine", "--epochs", "2", "--output", "sigmoid",
        "--save", bounded.toString());
    assertEquals(0, s.status(), s.err());
    assertNull(ModelFile.load(bounded).targetScaler());
    Run t = CliTest.run("train", "--data", "sine", "--epochs", "2", "--save",
        bounded.toString());
    assertEquals(0, t.status(), t.err());
    assertNotNull(ModelFile.load(bounded).targetScaler());
  }
}

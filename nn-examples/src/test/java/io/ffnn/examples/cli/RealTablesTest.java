package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.examples.cli.CliTest.Run;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tool on public tables as they are published (test resources {@code tables/}, with their
 * sources and licences): with nothing but the data options, {@code train} reaches on a fixed
 * held-out split what scikit-learn's recommended pipeline reaches ({@code sklearn.json}, made by
 * {@code nn-bench/python/sklearn_tables.py}); a model of a table with string columns and missing
 * values predicts from files whose columns are reordered, with extra columns and new categories;
 * {@code predict} writes CSV that a CSV parser reads back.
 */
class RealTablesTest {

  @TempDir
  Path dir;

  private static Path table(String name, String part) throws URISyntaxException {
    return Path.of(RealTablesTest.class.getResource("/io/ffnn/examples/tables/" + name + "/"
        + part + ".csv").toURI());
  }

  private static JsonNode sklearn() throws IOException {
    return new ObjectMapper().readTree(RealTablesTest.class.getResourceAsStream(
        "/io/ffnn/examples/tables/sklearn.json"));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * Acceptance: each table's median test score over five seeds is within 0.02 accuracy (0.05
   * R²) of scikit-learn's median over its five, on the same split.
   */
  @ParameterizedTest
  @ValueSource(strings = {"penguins", "house-votes-84", "wine", "breast-cancer", "diabetes"})
  void withOnlyTheDataOptionsTrainReachesScikitLearnsPipeline(String name) throws Exception {
    JsonNode reference = sklearn().get(name);
    boolean classification = reference.get("metric").asText().equals("accuracy");
    double[] scores = new double[5];
    for (int seed = 1; seed <= 5; seed++) {
      Run r = CliTest.run("train", "--data", "csv:" + table(name, "train"), "--test-data",
          "csv:" + table(name, "test"), classification ? "--label-column" : "--target-columns",
          reference.get("label").asText(), "--seed", String.valueOf(seed), "--json");
      assertEquals(0, r.status(), r.err());
      scores[seed - 1] = new ObjectMapper().readTree(r.lastLine())
          .get(classification ? "test_accuracy" : "test_r2").asDouble();
    }
    double ours = median(scores);
    double theirs = reference.get("median").asDouble();
    double margin = classification ? 0.02 : 0.05;
    assertTrue(ours >= theirs - margin, name + ": ffnn's median " + ours + " of "
        + Arrays.toString(scores) + ", scikit-learn's " + theirs);
  }

  /** Penguins' test rows with the columns reordered, an id, a new island and a new sex. */
  private Path reordered(List<CSVRecord> rows, boolean withLabel) throws IOException {
    StringBuilder sb = new StringBuilder("id,year,sex,body_mass_g,island,flipper_length_mm,"
        + "bill_depth_mm,bill_length_mm" + (withLabel ? ",species" : "") + "\n");
    int i = 0;
    for (CSVRecord r : rows) {
      String island = i == 0 ? "Anvers" : r.get("island");
      String sex = i == 1 ? "unknown" : r.get("sex");
      sb.append(i++).append(',').append(r.get("year")).append(',').append(sex).append(',')
          .append(r.get("body_mass_g")).append(',').append(island).append(',')
          .append(r.get("flipper_length_mm")).append(',').append(r.get("bill_depth_mm"))
          .append(',').append(r.get("bill_length_mm"))
          .append(withLabel ? "," + r.get("species") : "").append('\n');
    }
    return Files.writeString(dir.resolve(withLabel ? "scored.csv" : "rows.csv"), sb);
  }

  private static List<CSVRecord> records(Path csv) throws IOException {
    try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().get()
        .parse(Files.newBufferedReader(csv))) {
      return p.getRecords();
    }
  }

  @Test
  void aModelOfAStringTableWithMissingValuesReadsItsColumnsByNameAndNewCategories()
      throws Exception {
    Path model = dir.resolve("penguins.ffnn");
    Run t = CliTest.run("train", "--data", "csv:" + table("penguins", "train"), "--test-data",
        "csv:" + table("penguins", "test"), "--label-column", "species", "--save",
        model.toString(), "--json");
    assertEquals(0, t.status(), t.err());
    assertTrue(t.out().contains("inputs: 7 columns -> 10 inputs: 5 numeric, island "
        + "(3 categories), sex (2 categories)\n"), t.out());
    assertTrue(t.out().contains("\n0            10  (inputs)\n"), "the encoded width");
    double testAccuracy = new ObjectMapper().readTree(t.lastLine()).get("test_accuracy")
        .asDouble();

    // the model file round-trips: loaded and saved again, it is the same model
    Model loaded = ModelFile.load(model);
    Path again = dir.resolve("again.ffnn");
    ModelFile.save(loaded, again);
    Model twice = ModelFile.load(again);
    assertEquals(loaded.encoding(), twice.encoding());
    assertEquals(loaded.names(), twice.names());
    Map<String, Object> row = Map.of("island", "Dream", "bill_length_mm", 46.5,
        "bill_depth_mm", 17.9, "flipper_length_mm", 192, "body_mass_g", "NA", "sex", "female",
        "year", 2007);
    assertArrayEquals(loaded.predictRow(row), twice.predictRow(row), 0.0);
    assertEquals("Chinstrap", loaded.names().classes().get(argmax(loaded.predictRow(row))));

    // the training metrics train reports (its inputs scaled in place) are what eval finds
    Run onTraining = CliTest.run("eval", "--model", model.toString(), "--data", "csv:"
        + table("penguins", "train"), "--json");
    assertEquals(0, onTraining.status(), onTraining.err());
    JsonNode trained = new ObjectMapper().readTree(t.lastLine());
    JsonNode evaluated = new ObjectMapper().readTree(onTraining.lastLine());
    assertEquals(trained.get("train_loss").asDouble(), evaluated.get("loss").asDouble(), 1e-12);
    assertEquals(trained.get("train_accuracy").asDouble(),
        evaluated.get("accuracy").asDouble(), 0.0);

    // exported to ONNX with the encoding in the graph: ONNX Runtime, given the raw columns
    // (strings, NaN for a missing number), predicts what the model predicts
    Path onnx = dir.resolve("penguins.onnx");
    Run x = CliTest.run("export", "--model", model.toString(), "--onnx", onnx.toString());
    assertEquals(0, x.status(), x.err());
    assertTrue(x.out().contains("an input [N, 1] per column, 'island' (string), "
        + "'bill_length_mm' (number)"), x.out());
    ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
    try (ai.onnxruntime.OrtSession session = env.createSession(onnx.toString(),
        new ai.onnxruntime.OrtSession.SessionOptions())) {
      Map<String, ai.onnxruntime.OnnxTensor> feed = new java.util.HashMap<>();
      Map<String, Object> nan = new java.util.HashMap<>(row);
      nan.put("body_mass_g", Double.NaN);
      for (Map.Entry<String, Object> e : nan.entrySet()) {
        feed.put(e.getKey(), e.getValue() instanceof String text
            ? ai.onnxruntime.OnnxTensor.createTensor(env, new String[][] {{text}})
            : ai.onnxruntime.OnnxTensor.createTensor(env,
                new double[][] {{((Number) e.getValue()).doubleValue()}}));
      }
      try (ai.onnxruntime.OrtSession.Result result = session.run(feed)) {
        double[] ort = ((double[][]) result.get(0).getValue())[0];
        assertArrayEquals(loaded.predictRow(row), ort, 1e-12);
      } finally {
        feed.values().forEach(ai.onnxruntime.OnnxTensor::close);
      }
    }

    List<CSVRecord> test = records(table("penguins", "test"));
    // scored with the columns in another order, an id, an island and a sex never seen
    Run e = CliTest.run("eval", "--model", model.toString(), "--data", "csv:"
        + reordered(test, true), "--json");
    assertEquals(0, e.status(), e.err());
    double reorderedAccuracy = new ObjectMapper().readTree(e.lastLine()).get("accuracy")
        .asDouble();
    assertTrue(Math.abs(reorderedAccuracy - testAccuracy) <= 2.0 / test.size(),
        reorderedAccuracy + " against " + testAccuracy);
    // predicted: a header, one record per row, the probabilities of each row summing to 1
    Run p = CliTest.run("predict", "--model", model.toString(), "--input", "csv:"
        + reordered(test, false));
    assertEquals(0, p.status(), p.err());
    try (CSVParser parsed = CSVFormat.DEFAULT.builder().setHeader().get()
        .parse(new StringReader(p.out()))) {
      assertEquals(List.of("label", "Adelie", "Chinstrap", "Gentoo"), parsed.getHeaderNames());
      List<CSVRecord> predicted = parsed.getRecords();
      assertEquals(test.size(), predicted.size());
      int agree = 0;
      for (int i = 0; i < predicted.size(); i++) {
        CSVRecord r = predicted.get(i);
        double sum = Double.parseDouble(r.get("Adelie")) + Double.parseDouble(r.get("Chinstrap"))
            + Double.parseDouble(r.get("Gentoo"));
        assertEquals(1, sum, 1e-4, r.toString());
        agree += r.get("label").equals(test.get(i).get("species")) ? 1 : 0;
      }
      assertTrue(agree >= test.size() - 4, agree + " of " + test.size() + " right");
    }
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      best = p[k] > p[best] ? k : best;
    }
    return best;
  }

  @Test
  void predictWritesCsvThatAParserReadsBackWhateverTheClassNames() throws IOException {
    String[] names = {"a, b", "say \"hi\"", "two\nlines", "bell\u0007"};
    Random rng = new Random(3);
    StringBuilder sb = new StringBuilder("x1,x2,kind\n");
    for (int i = 0; i < 160; i++) {
      int c = i % 4;
      String quoted = "\"" + names[c].replace("\"", "\"\"") + "\"";
      sb.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s%n",
          3 * (c % 2) + 0.3 * rng.nextGaussian(), 3 * (c / 2) + 0.3 * rng.nextGaussian(),
          quoted));
    }
    Path train = Files.writeString(dir.resolve("odd.csv"), sb);
    Path model = dir.resolve("odd.ffnn");
    Run t = CliTest.run("train", "--data", "csv:" + train, "--label-column", "kind", "--epochs",
        "60", "--lr", "0.01", "--save", model.toString());
    assertEquals(0, t.status(), t.err());
    Path input = Files.writeString(dir.resolve("in.csv"), "x1,x2\n0,0\n3,0\n0,3\n3,3\n");
    Run p = CliTest.run("predict", "--model", model.toString(), "--input", "csv:" + input);
    assertEquals(0, p.status(), p.err());
    // the sorted class names; the bell, a control character, is not passed through
    List<String> expected = List.of("a, b", "bell\uFFFD", "say \"hi\"", "two\nlines");
    try (CSVParser parsed = CSVFormat.DEFAULT.builder().setHeader().get()
        .parse(new StringReader(p.out()))) {
      List<String> header = parsed.getHeaderNames();
      assertEquals("label", header.get(0));
      assertEquals(expected, header.subList(1, 5));
      List<String> labels = new ArrayList<>();
      for (CSVRecord r : parsed.getRecords()) {
        assertEquals(5, r.size(), r.toString());
        labels.add(r.get("label"));
      }
      assertEquals(List.of("a, b", "say \"hi\"", "two\nlines", "bell\uFFFD"), labels);
    }
    assertTrue(p.out().chars().noneMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\r'));
    // --output writes the same text to a file, and says so on standard error
    Path out = dir.resolve("predictions.csv");
    Run f = CliTest.run("predict", "--model", model.toString(), "--input", "csv:" + input,
        "--output", out.toString());
    assertEquals(0, f.status(), f.err());
    assertEquals("", f.out());
    assertEquals("wrote 4 predictions to " + out + "\n", f.err());
    assertEquals(p.out(), Files.readString(out));
  }

  /** Two overlapping classes, 95 % "common" and 5 % "rare", in a CSV file. */
  private Path imbalanced(String name, int rows, long seed) throws IOException {
    Random rng = new Random(seed);
    StringBuilder sb = new StringBuilder("u,v,kind\n");
    for (int i = 0; i < rows; i++) {
      boolean rare = rng.nextInt(100) < 5;
      double centre = rare ? 1.2 : 0;
      sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s%n",
          centre + rng.nextGaussian(), centre + rng.nextGaussian(), rare ? "rare" : "common"));
    }
    return Files.writeString(dir.resolve(name), sb);
  }

  /** The recall of class {@code rare} in {@code eval}'s report. */
  private double rareRecall(Path model, Path test) {
    Run e = CliTest.run("eval", "--model", model.toString(), "--data", "csv:" + test);
    assertEquals(0, e.status(), e.err());
    String line = e.out().lines().filter(l -> l.startsWith("rare ")).findFirst().orElseThrow();
    return Double.parseDouble(line.trim().split("\\s+")[2]);
  }

  @Test
  void balancedClassWeightsRaiseTheRareClassesRecall() throws IOException {
    Path train = imbalanced("train.csv", 3000, 1);
    Path test = imbalanced("test.csv", 3000, 2);
    double[] recall = new double[3];
    String[][] weights = {{}, {"--class-weight", "balanced"}, {"--class-weight", "rare=19"}};
    for (int k = 0; k < 3; k++) {
      Path model = dir.resolve("m" + k + ".ffnn");
      List<String> args = new ArrayList<>(List.of("train", "--data", "csv:" + train,
          "--label-column", "kind", "--epochs", "20", "--save", model.toString()));
      args.addAll(List.of(weights[k]));
      Run r = CliTest.run(args.toArray(String[]::new));
      assertEquals(0, r.status(), r.err());
      recall[k] = rareRecall(model, test);
    }
    assertTrue(recall[0] < 0.3, "unweighted: " + recall[0]);
    assertTrue(recall[1] > recall[0] + 0.3, "balanced: " + Arrays.toString(recall));
    assertTrue(recall[2] > recall[0] + 0.3, "given: " + Arrays.toString(recall));
    // weights the tool cannot apply are usage errors, found before training
    Run noClass = CliTest.run("train", "--data", "csv:" + train, "--label-column", "kind",
        "--class-weight", "ant=2");
    assertEquals(2, noClass.status());
    assertEquals("error: --class-weight takes balanced or CLASS=WEIGHT,...; 'ant=2' names no "
        + "class of [common, rare] (see ffnn train --help)\n", noClass.err());
    Run regression = CliTest.run("train", "--data", "sine", "--class-weight", "balanced");
    assertEquals(2, regression.status());
    assertTrue(regression.err().startsWith("error: --class-weight is for classification"),
        regression.err());
  }

  @Test
  void withoutEpochsTrainingStopsOnAHeldBackPartAndMultiLabelDataGetSigmoids() {
    Run r = CliTest.run("train", "--data", "moons");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("; up to 200 epochs, stopping after 10 without a better "
        + "val_loss (10 % held back)\n"), r.out());
    assertTrue(r.out().contains("early stopping: best epoch"), r.out());
    // fewer than 100 examples: the training loss is watched
    Run xor = CliTest.run("train", "--data", "xor");
    assertTrue(xor.out().contains("stopping after 10 without a better loss\n"), xor.out());
    Run multi = CliTest.run("train", "--data", "multilabel", "--epochs", "2");
    assertEquals(0, multi.status(), multi.err());
    assertTrue(multi.out().contains("-> 3 sigmoid, cost multilabel_bce,"), multi.out());
    assertTrue(!multi.out().contains("targets standard-scaled"), multi.out());
  }
}

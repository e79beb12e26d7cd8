package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.core.model.DataNames;
import io.ffnn.core.internal.files.ModelArchive;
import io.ffnn.core.model.ModelFormatException;
import io.ffnn.core.model.ModelFile;
import io.ffnn.examples.cli.CliTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files carry the data's meaning: a model trained by {@code train} on named columns and
 * labels finds its features by name, maps labels by name (refusing unknown ones, accepting test
 * sets that lack some), and {@code predict} prints class names. A format-1 file, which records no
 * names, is still read by position.
 */
class ClassNamesTest {

  @TempDir
  Path dir;

  private Path model;

  /** Three well separated clusters named cat, dog and emu, in columns height, weight. */
  private static String animals(long seed, String... classes) {
    Map<String, double[]> centre = Map.of("cat", new double[] {0, 0}, "dog",
        new double[] {4, 4}, "emu", new double[] {0, 4}, "ant", new double[] {4, 0});
    Random rng = new Random(seed);
    StringBuilder sb = new StringBuilder("height,weight,kind\n");
    for (int i = 0; i < 20; i++) {
      for (String c : classes) {
        double[] at = centre.get(c);
        sb.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s%n",
            at[0] + 0.3 * rng.nextGaussian(), at[1] + 0.3 * rng.nextGaussian(), c));
      }
    }
    return sb.toString();
  }

  @BeforeEach
  void trainAModel() throws IOException {
    Path train = Files.writeString(dir.resolve("train.csv"), animals(1, "cat", "dog", "emu"));
    model = dir.resolve("animals.ffnn");
    Run r = CliTest.run("train", "--data", "csv:" + train, "--label-column", "kind",
        "--layers", "8", "--epochs", "40", "--lr", "0.05", "--save", model.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(new DataNames(List.of("height", "weight"), List.of("kind"),
        List.of("cat", "dog", "emu")), ModelFile.load(model).names());
  }

  @Test
  void aLabelTheModelNeverSawIsRefusedByNameAndLine() throws IOException {
    Path test = Files.writeString(dir.resolve("ant.csv"), animals(2, "ant", "dog", "emu"));
    Run r = CliTest.run("eval", "--model", model.toString(), "--data", "csv:" + test);
    assertEquals(1, r.status(), r.err());
    assertEquals("error: " + test + ", line 2, column 'kind' (3): label 'ant' is not one of the "
        + "3 classes [cat, dog, emu]\n", r.err());
  }

  @Test
  void aTestSetThatLacksAClassIsScoredByNameWithTheRecordedLabelColumn() throws IOException {
    // no 'cat', and the columns in another order with one the model does not use
    String rows = animals(3, "emu", "dog");
    StringBuilder shuffled = new StringBuilder("kind,note,weight,height\n");
    rows.lines().skip(1).forEach(line -> {
      String[] v = line.split(",");
      shuffled.append(v[2]).append(",x,").append(v[1]).append(',').append(v[0]).append('\n');
    });
    Path test = Files.writeString(dir.resolve("no-cat.csv"), shuffled);
    Run r = CliTest.run("eval", "--model", model.toString(), "--data", "csv:" + test, "--json");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("40 examples of 2 features, 3 classes"), r.out());
    assertTrue(r.out().contains("\ncat       0.0000    0.0000    0.0000\n"), r.out());
    assertTrue(r.out().contains("\nemu       1.0000    1.0000    1.0000\n"), r.out());
    var json = new ObjectMapper().readTree(r.lastLine());
    assertEquals(1.0, json.get("accuracy").asDouble(), 0.0);
    // the absent class, never predicted, does not count against macro F1
    assertEquals(1.0, json.get("macro_f1").asDouble(), 0.0);
  }

  @Test
  void predictFindsTheFeaturesByNameAndPrintsClassNames() throws IOException {
    Path input = Files.writeString(dir.resolve("input.csv"),
        "id,weight,kind,height\n7,0.1,?,-0.2\n8,4.1,?,3.9\n9,3.8,?,0.1\n");
    Run r = CliTest.run("predict", "--model", model.toString(), "--input", "csv:" + input);
    assertEquals(0, r.status(), r.err());
    String[] lines = r.out().strip().split("\n");
    assertEquals(4, lines.length, r.out());
    assertEquals("label,cat,dog,emu", lines[0]);
    assertTrue(lines[1].startsWith("cat,"), r.out());
    assertTrue(lines[2].startsWith("dog,"), r.out());
    assertTrue(lines[3].startsWith("emu,"), r.out());
    assertEquals(4, lines[1].split(",").length, lines[1]);
    Path missing = Files.writeString(dir.resolve("no-weight.csv"), "height\n1\n");
    Run m = CliTest.run("predict", "--model", model.toString(), "--input", "csv:" + missing);
    assertEquals(1, m.status(), m.err());
    assertEquals("error: " + missing + ": no column 'weight'; the file has columns [height]\n",
        m.err());
  }

  @Test
  void aFormatOneFileHasNoNamesAndIsReadByPosition() throws IOException {
    // the same model written as format 1 wrote it: no 'data', no column encoding
    Map<String, byte[]> entries = new LinkedHashMap<>(ModelArchive.read(model,
        (problem, cause) -> new ModelFormatException(model, problem, cause)));
    entries.remove("checksums.json");
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(entries.get("model.json"));
    json.put("format", 1);
    json.remove("data");
    json.remove("columns");
    entries.put("model.json", json.toString().getBytes(StandardCharsets.UTF_8));
    Path old = dir.resolve("format-1.ffnn");
    ModelArchive.write(old, entries);
    assertEquals(DataNames.NONE, ModelFile.load(old).names());

    Path test = Files.writeString(dir.resolve("test.csv"), animals(4, "cat", "dog", "emu"));
    Run r = CliTest.run("eval", "--model", old.toString(), "--data", "csv:" + test);
    assertEquals(2, r.status(), "no recorded label column: a usage error\n" + r.err());
    r = CliTest.run("eval", "--model", old.toString(), "--data", "csv:" + test,
        "--label-column", "kind", "--json");
    assertEquals(0, r.status(), r.err());
    assertEquals(1.0, new ObjectMapper().readTree(r.lastLine()).get("accuracy").asDouble(), 0.0);
    Path two = Files.writeString(dir.resolve("two.csv"), animals(5, "dog", "emu"));
    r = CliTest.run("eval", "--model", old.toString(), "--data", "csv:" + two,
        "--label-column", "kind");
    assertEquals(1, r.status(), r.err());
    assertEquals("error: the data have 2 classes [dog, emu] but the model predicts 3; its file "
        + "records no class names (format 1, or data without names), so labels cannot be "
        + "matched by name\n", r.err());
    Path input = Files.writeString(dir.resolve("input.csv"), "height,weight\n4,4\n");
    r = CliTest.run("predict", "--model", old.toString(), "--input", "csv:" + input);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("label,0,1,2\n1,"), "a class index without names: "
        + r.out());
  }

  @Test
  void twoClassLabelsFitAOneOutputModel() throws IOException {
    Path moons = dir.resolve("moons.ffnn");
    Run r = CliTest.run("train", "--data", "moons", "--epochs", "30", "--save", moons.toString());
    assertEquals(0, r.status(), r.err());
    Path test = Files.writeString(dir.resolve("moons.csv"), "x1,x2,y\n-1,0.2,0\n2,-0.2,1\n"
        + "0,1,0\n1,-0.4,1\n");
    r = CliTest.run("eval", "--model", moons.toString(), "--data", "csv:" + test,
        "--label-column", "y", "--json");
    assertEquals(0, r.status(), r.err());
    // the one-hot labels became the 0/1 row of the sigmoid output: a 2×2 confusion matrix
    assertTrue(r.out().contains("4 examples of 2 features, 2 classes"), r.out());
    double accuracy = new ObjectMapper().readTree(r.lastLine()).get("accuracy").asDouble();
    assertTrue(accuracy >= 0.75, r.out());
  }
}

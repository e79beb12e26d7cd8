package io.ffnn.core.training;

import io.ffnn.core.model.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.internal.files.ModelArchive;
import io.ffnn.testing.io.Archives;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.data.ColumnEncoding;
import io.ffnn.core.data.Csv;
import io.ffnn.core.data.CsvFormat;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A model trained on a table (string columns, missing values) keeps its encoding: in the model
 * file (format 4), in {@link Model#predictRow} and {@link Model#predictRows}, which read rows by
 * column name, and across threads.
 */
class TableModelTest {

  @TempDir
  Path dir;

  /** Pets: weight (numeric, some missing), colour (text, some missing), legs; kind the label. */
  private Dataset pets(long seed, int rows) throws IOException {
    Random rng = new Random(seed);
    String[] kinds = {"cat", "dog", "bird"};
    String[] colours = {"black", "brown", "white"};
    StringBuilder sb = new StringBuilder("weight,colour,legs,kind\n");
    for (int i = 0; i < rows; i++) {
      int k = rng.nextInt(3);
      double weight = new double[] {4, 20, 0.5}[k] * (1 + 0.2 * rng.nextGaussian());
      sb.append(rng.nextInt(10) == 0 ? "NA" : String.format(java.util.Locale.ROOT, "%.2f",
          weight)).append(',');
      sb.append(rng.nextInt(10) == 0 ? "" : colours[(k + rng.nextInt(2)) % 3]).append(',');
      sb.append(k == 2 ? 2 : 4).append(',').append(kinds[k]).append('\n');
    }
    Path f = Files.writeString(dir.resolve("pets-" + seed + ".csv"), sb);
    return Csv.read(f, CsvFormat.labelColumn("kind"));
  }

  private Model trained(Precision precision) throws IOException {
    Dataset train = pets(1, 300);
    ColumnEncoding e = train.encoding().orElseThrow();
    Scaler scaler = e.fitScaler(Scaler.Kind.STANDARD, train.X());
    Network net = Network.build(NetworkSpec.builder(train.features()).layer(8, "tanh")
        .layer(3, "softmax").cost("cce").seed(2).precision(precision).build());
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.05)).epochs(30).seed(3)
        .build()).build()
        .fit(net, scaler.transform(train.X()), train.Y());
    return new Model(net, scaler, null, DataNames.of(train), e);
  }

  private static Map<String, Object> row(Object weight, Object colour, Object legs) {
    Map<String, Object> row = new HashMap<>();
    row.put("weight", weight);
    row.put("colour", colour);
    row.put("legs", legs);
    return row;
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void theEncodingRoundTripsInFormatFourAndRowsPredictAsTheFileDoes(Precision precision)
      throws IOException {
    Model model = trained(precision);
    Path file = dir.resolve("pets.ffnn");
    ModelFile.save(model, file);
    String json = new String(Archives.read(file).get("model.json"), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"format\" : 4"), json);
    Model loaded = ModelFile.load(file);
    assertEquals(model.encoding(), loaded.encoding());
    assertEquals(model.names(), loaded.names());
    assertEquals(List.of("weight", "colour=black", "colour=brown", "colour=white", "legs"),
        loaded.names().features());

    // a later file with its columns reordered, an extra one and an unseen colour, read with
    // the encoding, predicts what the same rows given by name predict
    Path later = Files.writeString(dir.resolve("later.csv"), "id,legs,colour,weight\n"
        + "1,4,brown,21.0\n2,2,,NA\n3,4,tabby,3.9\n");
    DMatrixRMaj fromFile = loaded.predict(Csv.read(later, CsvFormat.featuresOnly()
        .withEncoding(loaded.encoding())).X());
    DMatrixRMaj fromRows = loaded.predictRows(List.of(row(21.0, "brown", 4),
        row(null, "NA", "2"), row("3.9", "tabby", 4)));
    assertArrayEquals(fromFile.data, fromRows.data, 0.0);
    assertArrayEquals(model.predictRows(List.of(row(21.0, "brown", 4))).data,
        loaded.predictRow(row(21.0, "brown", 4)), 0.0);
    // dog, bird, cat of the classes [bird, cat, dog]
    assertEquals(List.of("bird", "cat", "dog"), loaded.names().classes());
    assertEquals(List.of(2, 0, 1), List.of(argmax(fromRows, 0), argmax(fromRows, 1),
        argmax(fromRows, 2)));
  }

  private static int argmax(DMatrixRMaj Y, int i) {
    int best = 0;
    for (int p = 1; p < Y.numRows; p++) {
      best = Y.get(p, i) > Y.get(best, i) ? p : best;
    }
    return best;
  }

  @Test
  void rowsThatCannotBeReadAreRefusedNamingRowAndColumn() throws IOException {
    Model model = trained(Precision.FLOAT64);
    assertEquals("row 1: the row has no column 'legs'; the model reads [weight, colour, legs]",
        assertThrows(IllegalArgumentException.class, () -> model.predictRows(List.of(
            row(1, "black", 4), Map.of("weight", 1, "colour", "black")))).getMessage());
    assertEquals("column 'weight' is numeric: 'heavy' is neither a number nor a missing value",
        assertThrows(IllegalArgumentException.class,
            () -> model.predictRow(row("heavy", "black", 4))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> model.predictRows(List.of()));
  }

  @Test
  void aModelWithoutAnEncodingReadsItsNamedFeaturesAsNumbers() {
    Network net = Network.build(NetworkSpec.builder(2).layer(1, "identity").cost("mse").build());
    net.setParameter(net.layout().weights(1), new DMatrixRMaj(1, 2, true, 2, -1));
    Model named = new Model(net, null, new DataNames(List.of("a", "b"), List.of("y"),
        List.of()));
    assertArrayEquals(new double[] {2 * 3 - 5}, named.predictRow(Map.of("b", 5, "a", "3",
        "c", "x")), 0.0);
    assertEquals("column 'a': NA is not a finite number (the model was trained without missing "
        + "values)", assertThrows(IllegalArgumentException.class,
            () -> named.predictRow(Map.of("a", "NA", "b", 1))).getMessage());
    // numbers as text follow the CSV rule: no Java literals such as 0x1p3
    assertThrows(IllegalArgumentException.class,
        () -> named.predictRow(Map.of("a", "0x1p3", "b", 1)));
    Model bare = new Model(net, null);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> bare.predictRow(Map.of("a", 1, "b", 2))).getMessage()
        .startsWith("the model records no feature names"));
  }

  @Test
  void anEncodingThatDoesNotFitTheNetworkIsRefused() throws IOException {
    Model model = trained(Precision.FLOAT64);
    Network small = Network.build(NetworkSpec.builder(3).layer(3, "softmax").cost("cce")
        .build());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Model(small, null, null,
        DataNames.NONE, model.encoding())).getMessage()
        .startsWith("the encoding makes 5 inputs"));
    // in a file: 'columns' that do not make n[0] inputs, or an unknown kind, are named
    Path file = dir.resolve("m.ffnn");
    ModelFile.save(model, file);
    Map<String, byte[]> entries = new LinkedHashMap<>(Archives.read(file));
    entries.remove("checksums.json");
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(entries.get("model.json"));
    ((ObjectNode) json.get("columns").get("columns").get(2)).put("kind", "ordinal");
    entries.put("model.json", json.toString().getBytes(StandardCharsets.UTF_8));
    Path bad = dir.resolve("bad.ffnn");
    ModelArchive.write(bad, entries);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(bad));
    assertTrue(e.getMessage().contains("'columns.columns'[2] must be of kind numeric (with a "
        + "number 'fill') or categorical (with a string 'fill')"), e.getMessage());
    json = (ObjectNode) new ObjectMapper().readTree(Archives.read(file).get("model.json"));
    ((ObjectNode) json.get("columns").get("columns").get(1)).putArray("categories")
        .add("brown").add("white");
    entries.put("model.json", json.toString().getBytes(StandardCharsets.UTF_8));
    ModelArchive.write(bad, entries);
    e = assertThrows(ModelFormatException.class, () -> ModelFile.load(bad));
    assertTrue(e.getMessage().contains("'columns' encode 4 inputs"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void oneModelServesManyThreadsAtOnce(Precision precision) throws Exception {
    Model model = trained(precision);
    List<Map<String, Object>> rows = new ArrayList<>();
    Random rng = new Random(5);
    for (int i = 0; i < 64; i++) {
      rows.add(row(30 * rng.nextDouble(), new String[] {"black", "brown", "white", "NA"}[i % 4],
          rng.nextBoolean() ? 2 : 4));
    }
    double[][] alone = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      alone[i] = model.predictRow(rows.get(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final int offset = t;
        runs.add(pool.submit(() -> {
          for (int round = 0; round < 200; round++) {
            int i = (offset * 7 + round) % rows.size();
            if (!java.util.Arrays.equals(alone[i], model.predictRow(rows.get(i)))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> run : runs) {
        assertTrue(run.get(), "a prediction made alongside others differs");
      }
    } finally {
      pool.shutdown();
    }
  }
}

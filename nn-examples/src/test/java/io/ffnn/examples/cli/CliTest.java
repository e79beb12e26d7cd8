package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import java.io.ByteArrayOutputStream;
import io.ffnn.core.Precision;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The tool's commands, run in-process, with their output and exit codes. */
class CliTest {

  @TempDir
  Path dir;

  /** What a run printed and returned. */
  record Run(int status, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void demoReaches97PercentAndWritesThePlots() throws IOException {
    Path plots = dir.resolve("plots");
    Run r = run("demo", "--plot", plots.toString());
    assertEquals(0, r.status, r.err);
    String last = r.lastLine();
    double accuracy = Double.parseDouble(last.replaceAll(".*accuracy ([0-9.]+)%.*", "$1"));
    assertTrue(accuracy >= 97, last);
    for (String png : new String[] {"loss.png", "accuracy.png", "decision-regions.png"}) {
      byte[] bytes = Files.readAllBytes(plots.resolve(png));
      assertTrue(bytes.length > 10_000, png + " is only " + bytes.length + " bytes");
      assertEquals((byte) 0x89, bytes[0]);
      assertEquals('P', bytes[1]);
      assertEquals('N', bytes[2]);
    }
  }

  @Test
  void listShowsTheBuiltInsAndTheExamplesOwnPlugins() {
    Run r = run("list");
    assertEquals(0, r.status, r.err);
    for (PluginInfo p : PluginRegistry.getDefault().activations()) {
      assertTrue(r.out.contains(p.defaultSpec()), p.name());
    }
    assertTrue(r.out.contains("leaky_relu(alpha=0.01)"), r.out);
    assertTrue(r.out.contains("bent_identity"), r.out);
    assertTrue(r.out.contains("quantile(tau=0.5)"), r.out);
    assertTrue(r.out.contains("io.ffnn.examples.Quantile"), r.out);
    assertTrue(r.out.contains("huber(delta=1.0)"), r.out);
    // the module of each built-in, whichever jar or directory holds it
    assertTrue(r.out.lines().anyMatch(l -> l.matches("  relu +io\\.ffnn\\.activations\\.Relu +"
        + "nn-activations \\(.+\\)")), r.out);
    assertTrue(r.out.lines().anyMatch(l -> l.matches("  cce +io\\.ffnn\\.costs\\."
        + "CategoricalCrossEntropy +nn-costs \\(.+\\)")), r.out);
    assertEquals("nn-costs (nn-examples.jar)", ListCommand.source(new PluginInfo("cost",
        "mse", java.util.Map.of(), "io.ffnn.costs.MeanSquaredError",
        "file:/opt/ffnn/nn-examples.jar")));
    assertEquals("/home/me/plugins.jar", ListCommand.source(new PluginInfo("activation",
        "cube", java.util.Map.of(), "com.example.Cube", "file:/home/me/plugins.jar")));
  }

  private Path idxDirectory() throws IOException {
    return io.ffnn.examples.IdxFixture.write(dir.resolve("idx"));
  }

  @Test
  void trainOnAnIdxDirectoryEndsWithJson() throws IOException {
    Path model = dir.resolve("idx.ffnn");
    Run r = run("train", "--data", "idx:" + idxDirectory(), "--layers", "256,128", "--epochs",
        "2", "--json", "--save", model.toString());
    assertEquals(0, r.status, r.err);
    JsonNode json = new ObjectMapper().readTree(r.lastLine());
    for (String key : new String[] {"epochs", "seconds", "train_loss", "train_accuracy",
        "test_loss", "test_accuracy"}) {
      assertTrue(json.has(key), key + " missing in " + r.lastLine());
    }
    assertEquals(2, json.get("epochs").asInt());
    assertTrue(Files.exists(model));

    Run eval = run("eval", "--model", model.toString(), "--data", "idx:" + dir.resolve("idx"),
        "--json");
    assertEquals(0, eval.status, eval.err);
    assertTrue(eval.out.contains("confusion matrix"), eval.out);
    assertEquals(json.get("test_accuracy").asDouble(),
        new ObjectMapper().readTree(eval.lastLine()).get("accuracy").asDouble(), 1e-12);
  }

  @Test
  void regressionTrainingReportsMseAndR2AndPredictPrintsOneLinePerRow() throws IOException {
    Path model = dir.resolve("sine.ffnn");
    Run r = run("train", "--data", "sine", "--layers", "32,32", "--activation", "tanh",
        "--epochs", "150", "--optimizer", "adam(lr=0.01)", "--json", "--save", model.toString(),
        "--validation", "0.2", "--early-stopping", "20", "--scale", "standard");
    assertEquals(0, r.status, r.err);
    JsonNode json = new ObjectMapper().readTree(r.lastLine());
    assertTrue(json.get("train_r2").asDouble() > 0.9, r.lastLine());
    assertFalse(json.has("train_accuracy"));
    Path input = dir.resolve("x.csv");
    Files.writeString(input, "x\n0\n1.5707963\n-1.5707963\n");
    Run p = run("predict", "--model", model.toString(), "--input", "csv:" + input);
    assertEquals(0, p.status, p.err);
    String[] lines = p.out.strip().split("\n");
    // a header naming the output (generated data name none), then a line per row
    assertEquals(4, lines.length, p.out);
    assertEquals("output_1", lines[0]);
    assertEquals(1.0, Double.parseDouble(lines[2]), 0.2);
    assertEquals(-1.0, Double.parseDouble(lines[3]), 0.2);
  }

  @Test
  void trainWritesPlotsForTwoDimensionalData() throws IOException {
    Path plots = dir.resolve("moons");
    Run r = run("train", "--data", "moons", "--epochs", "20", "--plot", plots.toString());
    assertEquals(0, r.status, r.err);
    assertTrue(Files.size(plots.resolve("decision-regions.png")) > 10_000);
    assertTrue(Files.size(plots.resolve("accuracy.png")) > 5_000);
  }

  static Stream<String> activations() {
    return PluginRegistry.getDefault().activations().stream().map(PluginInfo::defaultSpec)
        .filter(s -> !s.equals("broken_tanh"));
  }

  @ParameterizedTest
  @MethodSource("activations")
  void gradcheckPassesForEveryBuiltInActivationAsHidden(String activation) {
    Run r = run("gradcheck", "--sizes", "4,5,3", "--activation", activation);
    assertEquals(0, r.status, r.out + r.err);
    assertTrue(r.lastLine().startsWith("passed"), r.out);
  }

  @ParameterizedTest
  @CsvSource({"bce, sigmoid, 1", "cce, softmax, 3", "sparse_cce, softmax, 3",
      "multilabel_bce, sigmoid, 3", "nll, log_softmax, 3", "kl_divergence, softmax, 3",
      "mse, identity, 2", "mae, identity, 2", "huber, identity, 2", "log_cosh, identity, 2",
      "poisson, identity, 2", "hinge, identity, 2", "squared_hinge, tanh, 2",
      "quantile(tau=0.3), identity, 2"})
  void gradcheckPassesForEveryCostWithItsNaturalOutput(String cost, String output, int n) {
    for (String generic : new String[] {"--tolerance=1e-6", "--generic"}) {
      Run r = run("gradcheck", "--sizes", "4,5," + n, "--output", output, "--cost", cost,
          generic);
      assertEquals(0, r.status, r.out + r.err);
    }
  }

  @Test
  void gradcheckFailsForABrokenPlugin() {
    Run r = run("gradcheck", "--sizes", "4,5,3", "--activation", "broken_tanh");
    assertEquals(1, r.status, r.out);
    assertTrue(r.out.contains("layer 1 (broken_tanh): max relative error"), r.out);
    assertTrue(r.lastLine().startsWith("FAILED"), r.out);
  }

  @Test
  void everyErrorIsOneLineOnStderrWithTheRightStatus() throws IOException {
    Path badCsv = dir.resolve("bad.csv");
    Files.writeString(badCsv, "x,y,label\n1,2,a\n2,3,b\n3,4,a\n4,5,b\n5,6,a\n6,7,b\n"
        + "7,8,a\n8,9,b\n9,1,a\n3,oops,b\n");
    Path notAModel = dir.resolve("not-a-model.ffnn");
    Files.writeString(notAModel, "hello");
    Object[][] cases = {
        {new String[] {"train", "--data", "xor", "--epochz", "3"}, 2,
            "error: Unknown options: '--epochz', '3'"},
        {new String[] {"train"}, 2, "error: Missing required option: '--data=SPEC'"},
        {new String[] {"train", "--data", "xor", "--epochs", "many"}, 2, "error: Invalid value"},
        {new String[] {"train", "--data", "xor", "--layers", "8,x"}, 2,
            "error: --layers takes positive sizes"},
        {new String[] {"nonsense"}, 2, "error: Unmatched argument"},
        {new String[] {"train", "--data", "xor", "--activation", "relux"}, 2,
            "error: --activation: unknown activation 'relux'; available activations:"},
        {new String[] {"train", "--data", "spiralz"}, 2, "error: unknown data spec 'spiralz'"},
        {new String[] {"train", "--data", "xor", "--output", "relu", "--cost", "bce"}, 2,
            "error: cost 'bce' cannot follow output activation 'relu'"},
        {new String[] {"train", "--data", "csv:" + dir.resolve("missing.csv"),
            "--label-column", "label"}, 1, "error: csv: cannot read"},
        {new String[] {"train", "--data", "csv:" + badCsv, "--label-column", "label"}, 1,
            "error: " + badCsv + ", line 11, column 'y' (2): 'oops' is neither a number nor a "
                + "missing value"},
        {new String[] {"eval", "--model", notAModel.toString(), "--data", "xor"}, 1,
            "error: " + notAModel + ": not a readable model archive"},
        {new String[] {"eval", "--model", dir.resolve("nope.ffnn").toString(), "--data", "xor"},
            1, "error: no such file: "},
        {new String[] {"train", "--data", "sine", "--optimizer", "sgd(lr=1e6)", "--epochs",
            "50"}, 1, "error: training diverged at epoch"}};
    for (Object[] c : cases) {
      Run r = run((String[]) c[0]);
      String what = String.join(" ", (String[]) c[0]);
      assertEquals(c[1], r.status, what + "\n" + r.err);
      assertTrue(r.err.startsWith((String) c[2]), what + ": " + r.err);
      assertEquals(1, r.err.strip().split("\n").length, what + ": " + r.err);
      assertFalse(r.err.contains("\tat "), "a stack trace without --verbose: " + r.err);
    }
    Run verbose = run("train", "--data", "spiralz", "--verbose");
    assertEquals(2, verbose.status);
    assertTrue(verbose.err.contains("\tat "), verbose.err);
  }

  @Test
  void benchPrintsTheBaselinesLineFormatOnEveryBackend() {
    for (String backend : new String[] {"openblas", "javablas", "ejml"}) {
      Run r = run("bench", "--epochs", "2", "--examples", "512", "--backend", backend);
      assertEquals(0, r.status, r.err);
      String[] lines = r.out.strip().split("\n");
      assertTrue(lines[0].startsWith("# 784 -> 256 relu -> 128 relu -> 10 softmax"), lines[0]);
      assertTrue(lines[0].contains("backend " + backend), lines[0]);
      assertTrue(lines[1].equals("# 1 training thread(s)"), lines[1]);
      assertTrue(lines[3].matches("ffnn float64 epoch 2: [0-9.]+ s, [0-9]+ ex/s, loss [0-9.]+"),
          lines[3]);
    }
    Run latency = run("bench", "--latency");
    assertEquals(0, latency.status, latency.err);
    assertTrue(latency.lastLine().matches("ffnn float64 latency: median [0-9.]+ us per example "
        + "\\(5 runs of 2000 calls\\)"), latency.lastLine());
    Run unknown = run("bench", "--backend", "cuda");
    assertEquals(2, unknown.status);
    assertTrue(unknown.err.startsWith(
        "error: --backend: unknown backend 'cuda'; available: openblas, javablas, ejml"),
        unknown.err);
  }

  @Test
  void benchAndTrainInFloat32() throws IOException {
    for (String backend : new String[] {"openblas", "javablas", "ejml"}) {
      Run r = run("bench", "--epochs", "2", "--examples", "512", "--backend", backend,
          "--precision", "float32", "--threads", "2");
      assertEquals(0, r.status, r.err);
      String[] lines = r.out.strip().split("\n");
      assertTrue(lines[0].contains(", float32, backend " + backend), lines[0]);
      assertTrue(lines[3].matches("ffnn float32 epoch 2: [0-9.]+ s, [0-9]+ ex/s, loss [0-9.]+"),
          lines[3]);
    }
    Run latency = run("bench", "--latency", "--dtype", "float32");
    assertEquals(0, latency.status, latency.err);
    assertTrue(latency.lastLine().matches("ffnn float32 latency: median [0-9.]+ us per example "
        + "\\(5 runs of 2000 calls\\)"), latency.lastLine());
    Run bad = run("bench", "--dtype", "float16");
    assertEquals(2, bad.status);
    assertEquals("error: --dtype: unknown precision 'float16'; use float64 or float32 (see ffnn "
        + "bench --help)", bad.err.strip());

    Path model = dir.resolve("m32.ffnn");
    Run train = run("train", "--data", "blobs", "--epochs", "20", "--precision", "float32",
        "--save", model.toString());
    assertEquals(0, train.status, train.err);
    assertTrue(train.out.contains(", float32 with adam"), train.out);
    Model saved = ModelFile.load(model);
    assertEquals(Precision.FLOAT32, saved.network().precision());
    Run eval32 = run("eval", "--model", model.toString(), "--data", "blobs", "--json");
    Run eval64 = run("eval", "--model", model.toString(), "--data", "blobs", "--json",
        "--precision", "float64");
    assertEquals(0, eval32.status, eval32.err);
    assertEquals(0, eval64.status, eval64.err);
    // the same weights in either precision: the same accuracy on 300 well separated points
    JsonNode a = new ObjectMapper().readTree(eval32.lastLine());
    JsonNode b = new ObjectMapper().readTree(eval64.lastLine());
    assertEquals(a.get("accuracy").asDouble(), b.get("accuracy").asDouble(), 0.0);
    assertEquals(a.get("loss").asDouble(), b.get("loss").asDouble(), 1e-5);
    Run badTrain = run("train", "--data", "xor", "--precision", "half");
    assertEquals(2, badTrain.status);
    assertEquals("error: --precision: unknown precision 'half'; use float64 or float32 (see ffnn "
        + "train --help)", badTrain.err.strip());
  }

  @Test
  void exportWritesAnOnnxModelOrNamesWhatItCannotExport() throws IOException {
    Path model = dir.resolve("m.ffnn");
    assertEquals(0, run("train", "--data", "blobs", "--epochs", "2", "--save", model.toString())
        .status);
    Path onnx = dir.resolve("m.onnx");
    Run r = run("export", "--model", model.toString(), "--onnx", onnx.toString());
    assertEquals(0, r.status, r.err);
    assertEquals("exported " + model + " to " + onnx + " (float64 tensors, input 'input' [N, 2], "
        + "output 'output' [N, 3])", r.lastLine());
    assertTrue(Files.size(onnx) > 64 * 64 * 8, "the weights are in the file");
    Path back = dir.resolve("back.ffnn");
    Run imported = run("import", "--onnx", onnx.toString(), "--save", back.toString());
    assertEquals(0, imported.status, imported.err);
    assertEquals("imported " + onnx + ": 2 -> 64 relu -> 64 relu -> 3 softmax, cost cce, AUTO, "
        + "seed 1; saved to " + back, imported.lastLine());
    double[] a = new double[ModelFile.load(model).network().parameterCount()];
    double[] b = new double[a.length];
    ModelFile.load(model).network().getParameters(a);
    ModelFile.load(back).network().getParameters(b);
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0.0);
    Run badOutput = run("import", "--onnx", onnx.toString(), "--save", back.toString(),
        "--output", "tanh");
    assertEquals(2, badOutput.status);
    assertTrue(badOutput.err.startsWith("error: --output tanh: softmax or sigmoid"),
        badOutput.err);
    Run already = run("import", "--onnx", onnx.toString(), "--save", back.toString(),
        "--output", "softmax");
    assertEquals(1, already.status);
    assertEquals("error: " + onnx + ": the outputs are to be read as softmax logits, but the "
        + "graph already ends in softmax", already.err.strip());
    Run notOnnx = run("import", "--onnx", model.toString(), "--save", back.toString());
    assertEquals(1, notOnnx.status);
    assertTrue(notOnnx.err.startsWith("error: " + model + ": "), notOnnx.err);

    // a plugin from outside ffnn with its export contribution (BentIdentityOnnx), run in ONNX
    // Runtime: the same outputs as ffnn's
    Path bent = dir.resolve("bent.ffnn");
    assertEquals(0, run("train", "--data", "blobs", "--epochs", "2", "--activation",
        "bent_identity", "--layers", "5", "--save", bent.toString()).status);
    Path bentOnnx = dir.resolve("bent.onnx");
    assertEquals(0, run("export", "--model", bent.toString(), "--onnx", bentOnnx.toString())
        .status);
    Model bentModel = ModelFile.load(bent);
    org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(2, 3, true,
        -2.5, 0.0, 3.0, 1.0, -1.0, 7.5);
    org.ejml.data.DMatrixRMaj expected = bentModel.predict(x);
    ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
    try (ai.onnxruntime.OrtSession session = env.createSession(bentOnnx.toString(),
            new ai.onnxruntime.OrtSession.SessionOptions());
        ai.onnxruntime.OnnxTensor t = ai.onnxruntime.OnnxTensor.createTensor(env,
            new double[][] {{-2.5, 1.0}, {0.0, -1.0}, {3.0, 7.5}});
        ai.onnxruntime.OrtSession.Result result = session.run(java.util.Map.of("input", t))) {
      double[][] y = (double[][]) result.get(0).getValue();
      for (int i = 0; i < 3; i++) {
        for (int p = 0; p < 3; p++) {
          assertEquals(expected.get(p, i), y[i][p], 1e-12);
        }
      }
    } catch (ai.onnxruntime.OrtException e) {
      throw new AssertionError(e);
    }
    // and reads back through the contribution's patterns: the same network, bit for bit
    Path bentBack = dir.resolve("bent-back.ffnn");
    Run bentImported = run("import", "--onnx", bentOnnx.toString(), "--save",
        bentBack.toString());
    assertEquals(0, bentImported.status, bentImported.err);
    assertEquals("imported " + bentOnnx + ": 2 -> 5 bent_identity -> 3 softmax, cost cce, AUTO, "
        + "seed 1; saved to " + bentBack, bentImported.lastLine());
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected.data,
        ModelFile.load(bentBack).predict(x).data, 0.0);

    Path sparse = dir.resolve("s.ffnn");
    assertEquals(0, run("train", "--data", "blobs", "--epochs", "2", "--output", "sparsemax",
        "--cost", "mse", "--save", sparse.toString()).status);
    Run refused = run("export", "--model", sparse.toString(), "--onnx",
        dir.resolve("s.onnx").toString());
    assertEquals(1, refused.status);
    assertEquals("error: layer 3: activation 'sparsemax' (io.ffnn.activations.Sparsemax) has no "
        + "ONNX form: ONNX has no operator for it",
        refused.err.strip());
    assertTrue(Files.notExists(dir.resolve("s.onnx")));
  }

  @Test
  void listReportsTheBackends() {
    Run r = run("list");
    assertTrue(r.out.contains("backends (the first is the default):\n  openblas: OpenBLAS"),
        r.out);
  }

  @Test
  void helpAndVersion() {
    Run help = run("--help");
    assertEquals(0, help.status);
    for (String command : new String[] {"demo", "list", "train", "eval", "predict", "gradcheck",
        "example", "bench"}) {
      assertTrue(help.out.contains(command), help.out);
    }
    Run version = run("--version");
    assertTrue(version.out.startsWith("ffnn "), version.out);
  }

}

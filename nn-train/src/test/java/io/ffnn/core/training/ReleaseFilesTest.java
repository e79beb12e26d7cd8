package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.testing.io.Archives;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.api.PluginRegistry;
import io.ffnn.testing.train.Pinned;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.DataNames;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.optimizers.Optimizers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by earlier code, kept as test resources: from the release before the training
 * layer's redesign a model file (format 1, with a scaler and dropout) and a checkpoint of the run
 * that trained it, taken after epoch 8 of 9; and the first model files of format 2, with the
 * data's names, one of them a regression model with its target scaler, and a float32 model of
 * format 3. They load unchanged, the checkpoint resumes to the very weights that release saved, and
 * what they hold is written back the same.
 */
class ReleaseFilesTest {

  /** The trained weights of both files' run, as that release computed them. */
  private static final String WEIGHTS =
      "0af498cb829ec9239a9086f0aa698e460cffbb412911131cefb4878b140b4ec2";

  private static final Dataset DATA = Generated.spirals(3, 30, 0.2, 5);

  @TempDir
  Path dir;

  private Path resource(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.deleteIfExists(file);
    try (InputStream in = ReleaseFilesTest.class.getResourceAsStream("/io/ffnn/core/release/"
        + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  /** Written back, the model is the file's: the same weights, the same description. */
  private static void assertWritesBackTheSame(Path file, Model model) throws IOException {
    Map<String, byte[]> released = Archives.read(file);
    Map<String, byte[]> written = ModelFile.entries(model);
    assertArrayEquals(released.get("weights.bin"), written.get("weights.bin"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode was = (ObjectNode) json.readTree(released.get("model.json"));
    ObjectNode now = (ObjectNode) json.readTree(written.get("model.json"));
    was.remove("ffnn"); // the version that wrote it
    now.remove("ffnn");
    assertEquals(was, now);
  }

  @Test
  void aModelFileOfTheReleaseLoadsUnchangedAndSavesBackTheSame() throws IOException {
    Model model = ModelFile.load(resource("model-format-1.ffnn"), PluginRegistry.getDefault());
    assertEquals(WEIGHTS, Pinned.weights(model.network()));
    assertEquals("2 -> 16 leaky_relu(alpha=0.2) (dropout 0.25) -> 8 tanh -> 3 softmax, cost cce,"
        + " AUTO, seed 17", model.network().spec().toString());
    Scaler expected = Scaler.fit(Scaler.Kind.STANDARD, DATA.X());
    assertArrayEquals(expected.shift(), model.scaler().shift(), 0.0);
    assertArrayEquals(expected.scale(), model.scaler().scale(), 0.0);
    assertEquals(DataNames.NONE, model.names());
    // written back, the weights are the release's byte for byte, and model.json says what the
    // release's said, in format 2: the same fields, plus 'data' with no names and no target
    // scaler
    Map<String, byte[]> released = Archives.read(resource("model-format-1.ffnn"));
    Map<String, byte[]> written = ModelFile.entries(model);
    assertEquals(released.keySet(), written.keySet());
    assertArrayEquals(released.get("weights.bin"), written.get("weights.bin"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode was = (ObjectNode) json.readTree(released.get("model.json"));
    ObjectNode now = (ObjectNode) json.readTree(written.get("model.json"));
    assertEquals(1, was.get("format").asInt());
    assertEquals(2, now.get("format").asInt());
    assertEquals("{\"features\":[],\"targets\":[],\"classes\":[]}", now.get("data").toString());
    assertTrue(now.get("targetScaler").isNull());
    for (String field : new String[] {"format", "ffnn", "data", "targetScaler"}) {
      was.remove(field);
      now.remove(field);
    }
    assertEquals(was, now);
    Path again = dir.resolve("again.ffnn");
    ModelFile.save(model, again);
    Model reloaded = ModelFile.load(again, PluginRegistry.getDefault());
    assertEquals(WEIGHTS, Pinned.weights(reloaded.network()));
    assertArrayEquals(model.scaler().scale(), reloaded.scaler().scale(), 0.0);
  }

  @Test
  void aModelFileOfFormatTwoLoadsWithItsNamesAndSavesBackTheSame() throws IOException {
    // trained by the tool on three named clusters (height, weight → kind): cat near (0, 0),
    // dog near (4, 4), emu near (0, 4)
    Path file = resource("model-format-2.ffnn");
    Model model = ModelFile.load(file, PluginRegistry.getDefault());
    assertEquals(new DataNames(List.of("height", "weight"), List.of("kind"),
        List.of("cat", "dog", "emu")), model.names());
    assertEquals("2 -> 6 elu(alpha=0.5) -> 3 softmax, cost cce, AUTO, seed 4",
        model.network().spec().toString());
    DMatrixRMaj X = new DMatrixRMaj(new double[][] {{0, 4, 0}, {0, 4, 4}});
    int[] predicted = Dataset.labels(model.predict(X));
    assertArrayEquals(new int[] {0, 1, 2}, predicted);
    assertWritesBackTheSame(file, model);
  }

  @Test
  void aRegressionModelOfFormatTwoPredictsInTheTargetsUnits() throws IOException {
    // trained by the tool on house prices near 3e5 (area, bedrooms → price), on scaled targets
    Path file = resource("regression-format-2.ffnn");
    Model model = ModelFile.load(file, PluginRegistry.getDefault());
    assertEquals(new DataNames(List.of("area", "bedrooms"), List.of("price"), List.of()),
        model.names());
    assertEquals(Scaler.Kind.STANDARD, model.targetScaler().kind());
    DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1100, 1500, 1900}, {1, 3, 5}});
    DMatrixRMaj prices = model.predict(X);
    // 40,000 + 150 · area + 12,000 · bedrooms, to within what 60 epochs learn
    double[] truth = {40_000 + 150 * 1100 + 12_000, 40_000 + 150 * 1500 + 36_000,
        40_000 + 150 * 1900 + 60_000};
    for (int i = 0; i < 3; i++) {
      assertEquals(truth[i], prices.get(0, i), 0.1 * truth[i], "house " + i);
    }
    assertWritesBackTheSame(file, model);
  }

  @Test
  void aFloat32ModelFileOfFormatThreeLoadsWithItsFloatsAndSavesBackTheSame() throws IOException {
    // trained by the tool in float32 on the named clusters, with a standard scaler, before
    // column encodings (format 4) existed
    Path file = resource("float32-format-3.ffnn");
    Model model = ModelFile.load(file, PluginRegistry.getDefault());
    assertEquals(io.ffnn.core.Precision.FLOAT32, model.network().precision());
    assertEquals(new DataNames(List.of("height", "weight"), List.of("kind"),
        List.of("cat", "dog", "emu")), model.names());
    assertEquals(null, model.encoding());
    assertEquals(Scaler.Kind.STANDARD, model.scaler().kind());
    // the SHA-256 of weights.bin's floats widened to big-endian doubles, computed from the file
    // alone when it was added
    assertEquals("3c8c8a2ea674de337c045dd180a675f5e10ba8615aa2aa7f6e14a707b876d353",
        Pinned.weights(model.network()));
    DMatrixRMaj X = new DMatrixRMaj(new double[][] {{0, 4, 0}, {0, 4, 4}});
    assertArrayEquals(new int[] {0, 1, 2}, Dataset.labels(model.predict(X)));
    assertWritesBackTheSame(file, model);
  }

  @Test
  void aCheckpointOfTheReleaseResumesToTheWeightsThatReleaseSaved() throws IOException {
    Checkpoint checkpoint = Checkpoint.load(resource("checkpoint-epoch-8-of-9.ckpt"),
        PluginRegistry.getDefault());
    assertEquals(8, checkpoint.epoch());
    History history = Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.fromSpec("adam(lr=0.01, l2=1e-4)"))
        .epochs(9).batchSize(16).seed(8).build()).validationFraction(0.2)
        .earlyStopping(EarlyStopping.minimize("val_loss").patience(50)).build()
        .resume(checkpoint, DATA.X(), DATA.Y());
    assertEquals(WEIGHTS, Pinned.weights(checkpoint.network()));
    assertEquals("c1556100caa0d6b0f95e7c31c8519de4a7bab266022e80874b32bd74c495dbb8",
        Pinned.history(history));
  }
}

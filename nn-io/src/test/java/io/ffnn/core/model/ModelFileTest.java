package io.ffnn.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.internal.files.ModelArchive;
import io.ffnn.testing.io.Archives;
import io.ffnn.api.Activation;
import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.Workspace;
import io.ffnn.core.data.Scaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelFileTest {

  @TempDir
  Path dir;

  static Stream<String> hiddenActivations() {
    return Stream.concat(PluginRegistry.getDefault().activations().stream()
        .map(PluginInfo::defaultSpec), Stream.of("leaky_relu(alpha=0.2)", "elu(alpha=0.5)"));
  }

  private static DMatrixRMaj inputs(int rows, int cols, long seed) {
    Random rng = new Random(seed);
    DMatrixRMaj X = new DMatrixRMaj(rows, cols);
    for (int k = 0; k < X.data.length; k++) {
      X.data[k] = 3 * rng.nextGaussian() + 1;
    }
    return X;
  }

  @ParameterizedTest
  @MethodSource("hiddenActivations")
  void roundTripGivesBitIdenticalPredictions(String activation) throws IOException {
    Network net = Network.build(NetworkSpec.builder(3).layer(5, activation).dropout(0.25)
        .layer(4, "tanh").layer(3, "softmax").cost("cce").seed(9).build());
    DMatrixRMaj train = inputs(3, 20, 1);
    Model model = new Model(net, Scaler.fit(Scaler.Kind.STANDARD, train));
    Path file = dir.resolve("model.ffnn");
    ModelFile.save(model, file);
    Model loaded = ModelFile.load(file);
    DMatrixRMaj X = inputs(3, 7, 2);
    assertArrayEquals(model.predict(X).data, loaded.predict(X).data, 0.0);
    assertEquals(net.activation(1).spec(), loaded.network().activation(1).spec());
    assertEquals(0.25, loaded.network().spec().dropout(1), 0.0);
    assertEquals(model.scaler(), loaded.scaler());
    for (int l = 1; l <= 3; l++) {
      assertArrayEquals(net.W(l).data, loaded.network().W(l).data, 0.0);
    }
  }

  @Test
  void aFloat32ModelRoundTripsBitForBitAndLoadsInEitherPrecision() throws IOException {
    Network net = Network.build(NetworkSpec.builder(3).layer(6, "gelu").layer(3, "softmax")
        .cost("cce").seed(9).precision(Precision.FLOAT32).build());
    // double values that are not floats: the file holds them rounded, as the network uses them
    for (int l = 1; l <= 2; l++) {
      DMatrixRMaj W = net.W(l);
      for (int k = 0; k < W.data.length; k++) {
        W.data[k] += 1e-12 * (k + 1);
      }
      net.setParameter(net.layout().weights(l), W);
      DMatrixRMaj b = net.b(l);
      b.set(0, 0, 0.1);
      net.setParameter(net.layout().biases(l), b);
    }
    Model model = new Model(net, Scaler.fit(Scaler.Kind.STANDARD, inputs(3, 20, 1)));
    Path file = dir.resolve("model32.ffnn");
    ModelFile.save(model, file);
    Map<String, byte[]> entries = Archives.read(file);
    String json = new String(entries.get("model.json"), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(json.contains("\"format\" : 3"), json);
    assertTrue(json.contains("\"precision\" : \"float32\""), json);
    assertTrue(json.contains("\"floats\" : " + net.parameterCount()), json);
    assertEquals(4 * net.parameterCount(), entries.get("weights.bin").length);

    Model loaded = ModelFile.load(file);
    assertEquals(Precision.FLOAT32, loaded.network().precision());
    DMatrixRMaj X = inputs(3, 7, 2);
    // the same float weights: the same predictions, bit for bit
    assertArrayEquals(model.predict(X).data, loaded.predict(X).data, 0.0);
    double[] saved = new double[net.parameterCount()];
    loaded.network().getParameters(saved);
    double[] trained = new double[net.parameterCount()];
    net.getParameters(trained);
    for (int k = 0; k < saved.length; k++) {
      assertEquals((float) trained[k], saved[k], 0.0, "parameter " + k);
    }
    // saved again: the same bytes
    Path again = dir.resolve("again.ffnn");
    ModelFile.save(loaded, again);
    assertArrayEquals(entries.get("weights.bin"), Archives.read(again).get("weights.bin"));
    assertArrayEquals(entries.get("model.json"), Archives.read(again).get("model.json"));

    // in float64: the float weights exactly, computed in double
    Model wide = ModelFile.load(file, PluginRegistry.getDefault(), Precision.FLOAT64);
    assertEquals(Precision.FLOAT64, wide.network().precision());
    double[] widened = new double[net.parameterCount()];
    wide.network().getParameters(widened);
    assertArrayEquals(saved, widened, 0.0);
    DMatrixRMaj p64 = wide.predict(X);
    DMatrixRMaj p32 = loaded.predict(X);
    for (int k = 0; k < p64.data.length; k++) {
      assertEquals(p64.data[k], p32.data[k], 1e-5);
    }
    // and back: a float64 file loaded as float32 rounds its weights
    Path file64 = dir.resolve("model64.ffnn");
    ModelFile.save(wide, file64);
    assertTrue(new String(Archives.read(file64).get("model.json"),
        java.nio.charset.StandardCharsets.UTF_8).contains("\"format\" : 2"));
    Model narrow = ModelFile.load(file64, PluginRegistry.getDefault(), Precision.FLOAT32);
    assertArrayEquals(p32.data, narrow.predict(X).data, 0.0);
  }

  @Test
  void aFloat32DescriptionMustDeclareFloats() throws IOException {
    Network net = Network.build(NetworkSpec.builder(2).layer(1, "sigmoid").cost("bce")
        .precision(Precision.FLOAT32).build());
    Map<String, byte[]> entries = ModelFile.entries(new Model(net, null));
    String json = new String(entries.get("model.json"), java.nio.charset.StandardCharsets.UTF_8);
    Path file = dir.resolve("bad.ffnn");
    Map<String, byte[]> bad = new LinkedHashMap<>(entries);
    bad.put("model.json", json.replace("\"floats\"", "\"doubles\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ModelArchive.write(file, bad);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
    assertTrue(e.getMessage().contains("'weights' must declare 3 big-endian floats for layer "
        + "sizes [2, 1] of a float32 model"), e.getMessage());
    bad.put("model.json", json.replace("\"float32\"", "\"float16\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ModelArchive.write(file, bad);
    e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
    assertTrue(e.getMessage().contains("'precision' must be \"float64\" or \"float32\", got "
        + "\"float16\""), e.getMessage());
  }

  /** A custom activation that only a hand-made registry knows. */
  static final class Cube extends ElementwiseActivation {
    @Override
    public String name() {
      return "cube";
    }

    @Override
    protected double value(double z) {
      return z * z * z;
    }

    @Override
    protected double derivative(double z, double a) {
      return 3 * z * z;
    }
  }

  @Test
  void aModelWithACustomPluginLoadedWithoutItNamesThePlugin() throws IOException {
    PluginRegistry defaults = PluginRegistry.getDefault();
    List<Activation> activations = new ArrayList<>();
    defaults.activations().forEach(i -> activations.add(defaults.activation(i.name())));
    activations.add(new Cube());
    PluginRegistry withCube = PluginRegistry.of(activations,
        List.of(defaults.cost("mse")));
    Network net = Network.build(NetworkSpec.builder(2).layer(3, "cube").layer(1, "identity")
        .cost("mse").build(), withCube);
    Path file = dir.resolve("cube.ffnn");
    ModelFile.save(new Model(net, null), file);
    assertEquals("cube", ModelFile.load(file, withCube).network().activation(1).name());
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelFile.load(file));
    assertTrue(e.getMessage().contains("the model needs a plugin that is not installed"),
        e.getMessage());
    assertTrue(e.getMessage().contains("unknown activation 'cube'"), e.getMessage());
    assertTrue(e.getMessage().contains("available activations: celu, elu"), e.getMessage());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }

  @Test
  void newerFormatsCorruptEntriesAndBadShapesAreNamed() throws IOException {
    Network net = Network.build(NetworkSpec.builder(2).layer(3, "tanh").layer(1, "sigmoid")
        .cost("bce").build());
    Map<String, byte[]> entries = ModelFile.entries(new Model(net, null));
    String json = new String(entries.get(ModelFile.MODEL), java.nio.charset.StandardCharsets.UTF_8);

    Path newer = dir.resolve("newer.ffnn");
    ModelArchive.write(newer, with(entries, ModelFile.MODEL,
        json.replace("\"format\" : 2", "\"format\" : " + (ModelFile.FORMAT + 1))));
    ModelFormatException future = assertThrows(ModelFormatException.class,
        () -> ModelFile.load(newer));
    assertTrue(future.getMessage().contains("model file format " + (ModelFile.FORMAT + 1)
        + " is newer than this ffnn"),
        future.getMessage());

    Path shapes = dir.resolve("shapes.ffnn");
    ModelArchive.write(shapes, with(entries, ModelFile.MODEL,
        json.replace("\"sizes\" : [ 2, 3, 1 ]", "\"sizes\" : [ 2, 4, 1 ]")));
    ModelFormatException sizes = assertThrows(ModelFormatException.class,
        () -> ModelFile.load(shapes));
    assertTrue(sizes.getMessage().contains("'weights' must declare 17 big-endian doubles"),
        sizes.getMessage());

    // a weights entry changed after its checksum was taken
    Path corrupt = dir.resolve("corrupt.ffnn");
    ModelFile.save(new Model(net, null), corrupt);
    byte[] bytes = Files.readAllBytes(corrupt);
    byte[] weights = entries.get(ModelFile.WEIGHTS);
    int at = indexOf(bytes, weights);
    bytes[at + 3] ^= 0x10;
    Files.write(corrupt, bytes);
    ModelFormatException sum = assertThrows(ModelFormatException.class,
        () -> ModelFile.load(corrupt));
    assertTrue(sum.getMessage().contains("weights.bin does not match its SHA-256 checksum")
        || sum.getMessage().contains("not a readable model archive"), sum.getMessage());

    Path text = dir.resolve("text.ffnn");
    Files.writeString(text, "not a zip");
    ModelFormatException zip = assertThrows(ModelFormatException.class,
        () -> ModelFile.load(text));
    assertTrue(zip.getMessage().contains("not a readable model archive"), zip.getMessage());
    assertFalse(ModelFile.ffnnVersion().contains("${"), ModelFile.ffnnVersion());
  }

  @Test
  void theDataNamesSurviveASaveAndNamesThatDoNotFitAreRefused() throws IOException {
    Network net = Network.build(NetworkSpec.builder(2).layer(3, "tanh").layer(3, "softmax")
        .cost("cce").build());
    DataNames names = new DataNames(List.of("height", "weight"), List.of("species"),
        List.of("cat", "dog", "emu"));
    Path file = dir.resolve("named.ffnn");
    ModelFile.save(new Model(net, null, names), file);
    assertEquals(names, ModelFile.load(file).names());

    // the model refuses names that do not fit its network, whether built or loaded
    assertEquals("2 class names but the network has n[L] = 3 outputs", assertThrows(
        IllegalArgumentException.class, () -> new Model(net, null, new DataNames(List.of(),
            List.of(), List.of("a", "b")))).getMessage());
    assertEquals("3 feature names but the network takes n[0] = 2", assertThrows(
        IllegalArgumentException.class, () -> new Model(net, null, new DataNames(
            List.of("a", "b", "c"), List.of(), List.of()))).getMessage());
    assertEquals("2 target names but the network has one label", assertThrows(
        IllegalArgumentException.class, () -> new Model(net, null, new DataNames(List.of(),
            List.of("a", "b"), List.of("x", "y", "z")))).getMessage());
    String json = new String(ModelFile.entries(new Model(net, null, names)).get(ModelFile.MODEL),
        java.nio.charset.StandardCharsets.UTF_8);
    Path bad = dir.resolve("bad-names.ffnn");
    ModelArchive.write(bad, with(ModelFile.entries(new Model(net, null)), ModelFile.MODEL,
        json.replace("\"emu\"", "\"emu\", \"fox\"")));
    assertEquals(bad + ": 'data' does not fit the network: 4 class names but the network has "
        + "n[L] = 3 outputs", assertThrows(ModelFormatException.class,
            () -> ModelFile.load(bad)).getMessage());
  }

  private static Map<String, byte[]> with(Map<String, byte[]> entries, String name,
      String content) {
    Map<String, byte[]> copy = new LinkedHashMap<>(entries);
    copy.put(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return copy;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("weights not found stored in the archive");
  }

  /** Names of {@code count} × {@code length} characters, each distinct. */
  private static List<String> longNames(int count, int length) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "name" + i + "_";
      names.add(id + "x".repeat(length - id.length()));
    }
    return names;
  }

  @Test
  void aModelThatWouldNotLoadIsNotSaved() throws IOException {
    // 10,000 feature names of 450 characters: a description of 4.5 MB, over what a load reads
    Network wide = Network.build(NetworkSpec.builder(10_000).layer(2, "softmax").cost("cce")
        .seed(1).build());
    Model features = new Model(wide, null, null,
        new DataNames(longNames(10_000, 450), List.of(), List.of("a", "b")));
    Path file = dir.resolve("names.ffnn");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFile.save(features, file));
    assertTrue(e.getMessage().startsWith("the model's description (model.json) would be "),
        e.getMessage());
    assertTrue(e.getMessage().contains("bytes a model file is read with; it names 10000 "
        + "features, 0 targets and 2 classes"), e.getMessage());
    assertFalse(Files.exists(file));
    // 2,000 class names of 2,100 characters likewise
    Network many = Network.build(NetworkSpec.builder(2).layer(2_000, "softmax").cost("cce")
        .seed(1).build());
    Model classes = new Model(many, null, null,
        new DataNames(List.of("x", "y"), List.of(), longNames(2_000, 2_100)));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ModelFile.save(classes, file)).getMessage().contains("2000 classes"));
    // the same networks with short names save, and load back
    ModelFile.save(new Model(wide, null, null,
        new DataNames(longNames(10_000, 40), List.of(), List.of("a", "b"))), file);
    assertEquals(10_000, ModelFile.load(file).names().features().size());
  }
}

package io.ffnn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.DataNames;
import io.ffnn.core.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every export run in ONNX Runtime against ffnn's own predictions. The error of an output is
 * taken relative to the outputs' scale, the largest output of the batch (a softmax output of 1e-9
 * is compared at the scale of its neighbours' 0.9; an identity output near 0 at the scale of the
 * others): within 1e-6 where the runtime computes in float (a float32 model, and gelu in a
 * float64 one, which ONNX Runtime computes in float), 1e-12 in double (a float64 model).
 */
class OnnxExportTest {

  static final double FLOAT_TOLERANCE = 1e-6;
  static final double DOUBLE_TOLERANCE = 1e-12;

  @TempDir
  Path dir;

  static Stream<Arguments> exportable() {
    return PluginRegistry.getDefault().activations().stream().map(PluginInfo::name)
        .filter(name -> !name.equals("sparsemax"))
        .flatMap(name -> Stream.of(Arguments.of(name, Precision.FLOAT32),
            Arguments.of(name, Precision.FLOAT64)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("exportable")
  void everyBuiltInActivationAsAHiddenLayerRunsInOnnxRuntimeAsInFfnn(String activation,
      Precision precision) throws Exception {
    NetworkSpec spec = NetworkSpec.builder(5).layer(7, activation).layer(3, "softmax")
        .cost("cce").seed(3).precision(precision).build();
    check(new Model(Network.build(spec), null), precision);
  }

  /** Every built-in cost with its natural output activation, as the core's tests pair them. */
  @ParameterizedTest(name = "{1} for {0}")
  @CsvSource({"bce, sigmoid, 1", "cce, softmax, 4", "sparse_cce, softmax, 4",
      "multilabel_bce, sigmoid, 4", "nll, log_softmax, 4", "kl_divergence, softmax, 4",
      "mse, identity, 3", "mae, identity, 3", "huber, identity, 3", "log_cosh, identity, 3",
      "poisson, identity, 2", "hinge, identity, 3", "squared_hinge, tanh, 3"})
  void everyOutputActivationOfACostRunsInOnnxRuntime(String cost, String output, int n)
      throws Exception {
    for (Precision precision : Precision.values()) {
      NetworkSpec spec = NetworkSpec.builder(4).layer(6, "tanh").layer(n, output).cost(cost)
          .seed(5).precision(precision).build();
      check(new Model(Network.build(spec), null), precision);
    }
  }

  @Test
  void scalersParametersAndNamesTravel() throws Exception {
    for (Precision precision : Precision.values()) {
      NetworkSpec spec = NetworkSpec.builder(3).layer(8, "leaky_relu(alpha=0.2)")
          .layer(8, "elu(alpha=0.7)").layer(8, "softplus(beta=2)").layer(8, "celu(alpha=1.3)")
          .layer(2, "identity").cost("mse").seed(8).precision(precision).build();
      DMatrixRMaj train = inputs(3, 30, 4);
      DMatrixRMaj targets = inputs(2, 30, 5);
      Model model = new Model(Network.build(spec), Scaler.fit(Scaler.Kind.STANDARD, train),
          Scaler.fit(Scaler.Kind.STANDARD, targets),
          new DataNames(List.of("a", "b", "c"), List.of("y\"1", "y2"), List.of()));
      Path file = dir.resolve("model-" + precision.id() + ".onnx");
      OnnxExport.write(model, file);
      byte[] bytes = Files.readAllBytes(file);
      compare(model, bytes, precision);
      try (OrtEnvironment env = OrtEnvironment.getEnvironment();
          OrtSession session = env.createSession(bytes, new OrtSession.SessionOptions())) {
        Map<String, String> metadata = session.getMetadata().getCustomMetadata();
        assertEquals("[\"a\",\"b\",\"c\"]", metadata.get("ffnn.features"));
        assertEquals("[\"y\\\"1\",\"y2\"]", metadata.get("ffnn.targets"));
        assertEquals("[]", metadata.get("ffnn.classes"));
        assertEquals(spec.toString(), metadata.get("ffnn.network"));
        assertEquals("ffnn", session.getMetadata().getProducerName());
      }
    }
  }

  /**
   * An export declares the lowest opset its operators need, and the IR version of the ONNX
   * release that brought it: a relu, tanh and softmax network (with a scaler) needs opset 7, so
   * that older runtimes load it; CELU's operator needs 12 (in float; a float64 graph writes its
   * definition, whose Where needs 9).
   */
  @Test
  void exportsDeclareTheLowestOpsetTheirOperatorsNeed() throws Exception {
    for (Precision precision : Precision.values()) {
      NetworkSpec spec = NetworkSpec.builder(3).layer(4, "relu").layer(4, "tanh")
          .layer(2, "softmax").cost("cce").precision(precision).build();
      DMatrixRMaj data = inputs(3, 20, 5);
      Model model = new Model(Network.build(spec), Scaler.fit(Scaler.Kind.STANDARD, data));
      byte[] onnx = OnnxExport.toBytes(model);
      io.ffnn.onnx.internal.proto.OnnxProto.ModelProto proto =
          io.ffnn.onnx.internal.proto.OnnxProto.ModelProto.parseFrom(onnx);
      assertEquals(1, proto.getOpsetImportCount());
      assertEquals(7, proto.getOpsetImport(0).getVersion(), precision.toString());
      assertEquals(4, proto.getIrVersion());
      compare(model, onnx, precision);

      NetworkSpec celu = NetworkSpec.builder(3).layer(4, "celu").layer(2, "softmax")
          .cost("cce").precision(precision).build();
      proto = io.ffnn.onnx.internal.proto.OnnxProto.ModelProto.parseFrom(
          OnnxExport.toBytes(new Model(Network.build(celu), null)));
      boolean single = precision == Precision.FLOAT32;
      assertEquals(single ? 12 : 9, proto.getOpsetImport(0).getVersion());
      assertEquals(single ? 7 : 4, proto.getIrVersion());
    }
  }

  @Test
  void anActivationWithoutAnOnnxFormIsRefusedByName() {
    NetworkSpec spec = NetworkSpec.builder(4).layer(5, "tanh").layer(3, "sparsemax")
        .cost("mse").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OnnxExport.write(new Model(Network.build(spec), null), dir.resolve("s.onnx")));
    assertEquals("layer 2: activation 'sparsemax' (io.ffnn.activations.Sparsemax) has no ONNX "
        + "form: ONNX has no operator for it",
        e.getMessage());
    assertTrue(Files.notExists(dir.resolve("s.onnx")));
  }

  @Test
  void writingReplacesAFileAsModelSavesDo() throws Exception {
    Model model = new Model(Network.build(NetworkSpec.builder(2).layer(2, "softmax").cost("cce")
        .build()), null);
    Path file = dir.resolve("m.onnx");
    Files.writeString(file, "old");
    boolean posix = Files.getFileStore(file).supportsFileAttributeView("posix");
    if (posix) {
      Files.setPosixFilePermissions(file,
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    }
    // what a write killed midway leaves, and a file that only looks like it
    long dead = 4_000_000;
    while (ProcessHandle.of(dead).isPresent()) {
      dead++;
    }
    Path stale = dir.resolve(".m.onnx.ffnn-" + dead + "-17.tmp");
    Files.write(stale, new byte[] {0x08, 0x09});
    Path other = dir.resolve(".m.onnx.ffnn-" + dead + "-18.tmp");
    Files.writeString(other, "not ours");
    OnnxExport.write(model, file);
    assertArrayEquals(OnnxExport.toBytes(model), Files.readAllBytes(file));
    if (posix) {
      assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(file)));
    }
    assertTrue(Files.notExists(stale));
    assertTrue(Files.exists(other));
  }

  /** A plugin from outside ffnn: only the test knows it. */
  static final class Cube extends io.ffnn.api.ElementwiseActivation {
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
  void aPluginWithoutAnExportContributionIsRefusedByName() {
    PluginRegistry defaults = PluginRegistry.getDefault();
    PluginRegistry registry = PluginRegistry.of(List.of(new Cube(),
        defaults.activation("softmax")), List.of(defaults.cost("cce")));
    NetworkSpec spec = NetworkSpec.builder(2).layer(3, "cube").layer(2, "softmax").cost("cce")
        .build();
    Model model = new Model(Network.build(spec, registry), null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OnnxExport.toBytes(model));
    assertEquals("layer 1: activation 'cube' (io.ffnn.onnx.OnnxExportTest$Cube) has no ONNX "
        + "export: register an io.ffnn.onnx.OnnxActivationForm for it with the plugin",
        e.getMessage());
  }

  private void check(Model model, Precision precision) throws Exception {
    compare(model, OnnxExport.toBytes(model), precision);
  }

  /** ffnn's predictions against ONNX Runtime's on 16 examples, some far from zero. */
  private static void compare(Model model, byte[] onnx, Precision precision)
      throws OrtException {
    int n0 = model.network().size(0);
    int m = 16;
    DMatrixRMaj X = inputs(n0, m, 11);
    if (precision == Precision.FLOAT32) {
      // inputs that are floats, so that both sides start from the same values
      for (int k = 0; k < X.data.length; k++) {
        X.data[k] = (float) X.data[k];
      }
    }
    DMatrixRMaj expected = model.predict(X);
    double[][] actual = run(onnx, X, precision);
    boolean inFloat = precision == Precision.FLOAT32
        || model.network().spec().toString().contains(" gelu ");
    double tolerance = inFloat ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;
    String what = model.network().spec().toString();
    double scale = 0;
    for (int k = 0; k < expected.getNumElements(); k++) {
      scale = Math.max(scale, Math.abs(expected.data[k]));
    }
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < expected.numRows; p++) {
        double e = expected.get(p, i);
        assertEquals(e, actual[i][p], tolerance * Math.max(scale, 1e-30),
            what + ": example " + i + ", output " + p);
      }
    }
  }

  /** ONNX Runtime on the examples (the columns of X) as rows. */
  private static double[][] run(byte[] onnx, DMatrixRMaj X, Precision precision)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
      int m = X.numCols;
      int n = X.numRows;
      OnnxTensor input;
      if (precision == Precision.FLOAT32) {
        float[][] rows = new float[m][n];
        for (int i = 0; i < m; i++) {
          for (int p = 0; p < n; p++) {
            rows[i][p] = (float) X.get(p, i);
          }
        }
        input = OnnxTensor.createTensor(env, rows);
      } else {
        double[][] rows = new double[m][n];
        for (int i = 0; i < m; i++) {
          for (int p = 0; p < n; p++) {
            rows[i][p] = X.get(p, i);
          }
        }
        input = OnnxTensor.createTensor(env, rows);
      }
      try (input; OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
        Object value = result.get(OnnxExport.OUTPUT).orElseThrow().getValue();
        if (value instanceof float[][]) {
          float[][] f = (float[][]) value;
          double[][] out = new double[f.length][];
          for (int i = 0; i < f.length; i++) {
            out[i] = new double[f[i].length];
            for (int p = 0; p < f[i].length; p++) {
              out[i][p] = f[i][p];
            }
          }
          return out;
        }
        return (double[][]) value;
      }
    }
  }

  private static DMatrixRMaj inputs(int rows, int cols, long seed) {
    Random rng = new Random(seed);
    DMatrixRMaj X = new DMatrixRMaj(rows, cols);
    for (int k = 0; k < X.data.length; k++) {
      X.data[k] = 2 * rng.nextGaussian() + (k % 5 == 0 ? 4 : 0);
    }
    return X;
  }
}

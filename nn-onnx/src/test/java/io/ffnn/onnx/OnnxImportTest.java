package io.ffnn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.Model;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxImportTest {

  @TempDir
  Path dir;

  /**
   * The PyTorch MLP of {@code torch_mlp.py} (in this test's resources, with the file it wrote
   * and PyTorch's predictions): imported, it predicts what PyTorch did within 1e-6; trained one
   * epoch further, it learns; exported again, ONNX Runtime runs it as ffnn does.
   */
  @Test
  void aPyTorchExportImportsPredictsTrainsAndExportsAgain() throws Exception {
    Path file = dir.resolve("torch-mlp.onnx");
    try (InputStream in = getClass().getResourceAsStream("torch-mlp.onnx")) {
      Files.write(file, in.readAllBytes());
    }
    Model model = OnnxImport.read(file);
    Network net = model.network();
    // LeakyReLU(0.1)'s alpha, a float attribute, reads as the decimal PyTorch's author wrote
    assertEquals("4 -> 16 leaky_relu(alpha=0.1) -> 8 elu(alpha=0.5) -> 3 softmax, "
        + "cost cce, AUTO, seed 1, float32", net.spec().toString());
    List<String> rows;
    try (InputStream in = getClass().getResourceAsStream("torch-mlp-predictions.csv")) {
      rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    DMatrixRMaj X = new DMatrixRMaj(4, rows.size());
    DMatrixRMaj expected = new DMatrixRMaj(3, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] v = rows.get(i).split(",");
      for (int p = 0; p < 4; p++) {
        X.set(p, i, Double.parseDouble(v[p]));
      }
      for (int p = 0; p < 3; p++) {
        expected.set(p, i, Double.parseDouble(v[4 + p]));
      }
    }
    DMatrixRMaj actual = model.predict(X);
    for (int k = 0; k < expected.getNumElements(); k++) {
      assertEquals(expected.data[k], actual.data[k], 1e-6, "output " + k);
    }

    // one epoch of fine-tuning on labels of a fixed rule
    Random rng = new Random(3);
    int m = 256;
    DMatrixRMaj train = new DMatrixRMaj(4, m);
    DMatrixRMaj labels = new DMatrixRMaj(3, m);
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < 4; p++) {
        train.set(p, i, 2 * rng.nextGaussian());
      }
      labels.set(train.get(0, i) > 0 ? 0 : train.get(1, i) > 0 ? 1 : 2, i, 1);
    }
    double before = net.forward(train, labels, net.newWorkspace());
    History h = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01)).epochs(1)
        .batchSize(16)
        .seed(1).build()).build().fit(net, train, labels);
    double after = net.forward(train, labels, net.newWorkspace());
    assertTrue(after < before, before + " -> " + after + ", " + h);

    // exported again and run in ONNX Runtime
    byte[] again = OnnxExport.toBytes(model);
    DMatrixRMaj ours = model.predict(X);
    float[][] input = new float[rows.size()][4];
    for (int i = 0; i < rows.size(); i++) {
      for (int p = 0; p < 4; p++) {
        input[i][p] = (float) X.get(p, i);
      }
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(again, new OrtSession.SessionOptions());
        OnnxTensor t = OnnxTensor.createTensor(env, input);
        OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, t))) {
      float[][] y = (float[][]) r.get(0).getValue();
      for (int i = 0; i < rows.size(); i++) {
        for (int p = 0; p < 3; p++) {
          assertEquals(ours.get(p, i), y[i][p], 1e-6, "example " + i + ", output " + p);
        }
      }
    }
  }

  /**
   * ffnn's own exports come back as the same model: the same spec (activations with their exact
   * parameters, cost, precision), the same weights and scalers, and bit-identical predictions,
   * for every built-in activation that has an ONNX form, in both precisions, with and without
   * scalers.
   */
  @ParameterizedTest
  @ValueSource(strings = {"identity", "relu", "tanh", "sigmoid", "softsign", "softplus",
      "softplus(beta=2.0)", "softplus(beta=0.3)", "mish", "gelu", "gelu_tanh", "silu", "relu6",
      "hard_tanh", "elu", "elu(alpha=0.5)", "elu(alpha=0.3)", "celu", "celu(alpha=2.0)",
      "celu(alpha=0.7)", "leaky_relu", "leaky_relu(alpha=0.25)", "leaky_relu(alpha=0.1)", "selu",
      "hard_sigmoid", "log_softmax", "softmax"})
  void anExportReadsBackAsTheSameModel(String activation) throws IOException {
    for (Precision precision : Precision.values()) {
      for (boolean scalers : new boolean[] {false, true}) {
        String where = activation + ", " + precision + (scalers ? ", scalers" : "");
        // a classifier, and a regression network with a target scaler
        for (boolean classifier : new boolean[] {true, false}) {
          NetworkSpec spec = NetworkSpec.builder(3).layer(6, activation).layer(5, activation)
              .layer(2, classifier ? "softmax" : "identity").cost(classifier ? "cce" : "mse")
              .precision(precision).build();
          // the seed and initializer are training settings an ONNX graph does not hold:
          // the spec's default (seed 1, AUTO) comes back
          Random rng = new Random(4);
          DMatrixRMaj data = new DMatrixRMaj(3, 40);
          DMatrixRMaj targets = new DMatrixRMaj(2, 40);
          for (int k = 0; k < data.data.length; k++) {
            data.data[k] = rng.nextGaussian() * 3 + 1;
          }
          for (int k = 0; k < targets.data.length; k++) {
            targets.data[k] = 50 * rng.nextGaussian() - 7;
          }
          Model model = new Model(Network.build(spec),
              scalers ? Scaler.fit(Scaler.Kind.STANDARD, data) : null,
              scalers && !classifier ? Scaler.fit(Scaler.Kind.STANDARD, targets) : null,
              io.ffnn.core.model.DataNames.NONE);
          Model back = OnnxImport.read(OnnxExport.toBytes(model));
          assertEquals(spec.toString(), back.network().spec().toString(), where);
          double[] a = new double[model.network().parameterCount()];
          double[] b = new double[a.length];
          model.network().getParameters(a);
          back.network().getParameters(b);
          assertArrayEquals(a, b, 0.0, where);
          assertEquals(model.scaler() == null, back.scaler() == null, where);
          if (model.scaler() != null) {
            assertArrayEquals(model.scaler().shift(), back.scaler().shift(), 0.0, where);
            // the graph holds 1 / scale, what ffnn multiplies by; the scale read back is its
            // reciprocal, whose own reciprocal is the same 1 / scale again
            assertArrayEquals(reciprocals(model.scaler().scale()),
                reciprocals(back.scaler().scale()), 0.0, where);
          }
          assertEquals(model.targetScaler() == null, back.targetScaler() == null, where);
          if (model.targetScaler() != null) {
            assertArrayEquals(model.targetScaler().shift(), back.targetScaler().shift(), 0.0,
                where);
            assertArrayEquals(model.targetScaler().scale(), back.targetScaler().scale(), 0.0,
                where);
          }
          assertArrayEquals(model.predict(data).data, back.predict(data).data, 0.0, where);
        }
      }
    }
  }

  /**
   * Without the metadata an ffnn export carries (as another tool might rewrite it), the graph
   * alone names the same activations and the network predicts the same: parameters held as float
   * attributes read as their decimals. The one function with two names, celu with α = 1 (elu
   * with α = 1 in a float64 graph, whose definitions coincide), reads as the first.
   */
  @ParameterizedTest
  @ValueSource(strings = {"relu", "tanh", "softsign", "softplus", "softplus(beta=2.0)", "mish",
      "gelu", "gelu_tanh", "silu", "relu6", "hard_tanh", "elu(alpha=0.5)", "celu",
      "celu(alpha=0.7)", "leaky_relu(alpha=0.1)", "selu", "hard_sigmoid"})
  void theGraphAloneNamesTheSameActivations(String activation) throws IOException {
    io.ffnn.api.Activation expected = io.ffnn.api.PluginRegistry.getDefault()
        .activation(activation);
    for (Precision precision : Precision.values()) {
      NetworkSpec spec = NetworkSpec.builder(3).layer(6, activation).layer(2, "softmax")
          .cost("cce").precision(precision).build();
      Model model = new Model(Network.build(spec), null);
      io.ffnn.onnx.internal.proto.OnnxProto.ModelProto proto =
          io.ffnn.onnx.internal.proto.OnnxProto.ModelProto.parseFrom(OnnxExport.toBytes(model))
              .toBuilder().clearMetadataProps().build();
      Model back = OnnxImport.read(proto.toByteArray());
      io.ffnn.api.Activation read = back.network().activation(1);
      boolean alias = activation.equals("celu") && precision == Precision.FLOAT64;
      assertEquals(alias ? "elu" : expected.name(), read.name(), activation + ", " + precision);
      for (var e : expected.parameters().entrySet()) {
        assertEquals(e.getValue(), read.parameters().get(e.getKey()), 0.0,
            activation + ", " + precision);
      }
      DMatrixRMaj x = new DMatrixRMaj(3, 10);
      Random rng = new Random(3);
      for (int k = 0; k < x.data.length; k++) {
        x.data[k] = 3 * rng.nextGaussian();
      }
      assertArrayEquals(model.predict(x).data, back.predict(x).data, 0.0,
          activation + ", " + precision);
    }
  }

  /** GELU as TensorFlow's graph writes it, (½ x) (1 + erf(x / √2)), reads as gelu. */
  @Test
  void tensorFlowsGeluReadsAsGelu() throws IOException {
    Graph graph = new Graph(Graph.DOUBLE);
    OnnxNodes nodes = new OnnxNodes(graph);
    String w = graph.initializer("W", new double[] {1, -2, 0.5, 3}, 2, 2);
    String b = nodes.constant(new double[] {0.25, -0.5}, 2);
    String z = graph.node(Op.GEMM, "z", List.of("x", w, b), Graph.intAttribute("transB", 1));
    String half = nodes.apply("Mul", nodes.constant(0.5), z);
    String erf = nodes.apply("Erf", nodes.apply("Div", z, nodes.constant(Math.sqrt(2))));
    nodes.node("Mul", "y", List.of(half, nodes.apply("Add", nodes.constant(1), erf)), Map.of());
    Model model = OnnxImport.read(graph.model("x", 2, "y", 2, Map.of(), "test"));
    assertEquals("2 -> 2 gelu, cost mse, AUTO, seed 1", model.network().spec().toString());
    assertArrayEquals(new double[] {0.25, -0.5}, model.network().b(1).data, 0.0);
  }

  /** Raw logits read as a classifier's: softmax and cce, or sigmoid and bce / multilabel_bce. */
  @Test
  void logitsReadAsTheClassifierTheyCameFrom() throws IOException {
    for (int n : new int[] {1, 3}) {
      Graph graph = new Graph(Graph.FLOAT);
      double[] w = new double[2 * n];
      java.util.Arrays.fill(w, 0.5);
      String W = graph.initializer("W", w, n, 2);
      graph.node(Op.GEMM, "y", List.of("x", W), Graph.intAttribute("transB", 1));
      byte[] onnx = graph.model("x", 2, "y", n, Map.of(), "test");
      assertEquals("2 -> " + n + " identity, cost mse, AUTO, seed 1, float32",
          OnnxImport.read(onnx).network().spec().toString());
      assertEquals("2 -> " + n + " sigmoid, cost " + (n == 1 ? "bce" : "multilabel_bce")
          + ", AUTO, seed 1, float32",
          OnnxImport.read(onnx, OnnxImport.Output.SIGMOID).network().spec().toString());
      if (n > 1) {
        Model softmax = OnnxImport.read(onnx, OnnxImport.Output.SOFTMAX);
        assertEquals("2 -> 3 softmax, cost cce, AUTO, seed 1, float32",
            softmax.network().spec().toString());
        // and a graph that already ends in an activation is not read as logits
        IOException twice = assertThrows(IOException.class, () -> OnnxImport.read(
            OnnxExport.toBytes(softmax), OnnxImport.Output.SIGMOID));
        assertEquals("the outputs are to be read as sigmoid logits, but the graph already ends "
            + "in softmax", twice.getMessage());
      }
    }
  }

  private static double[] reciprocals(double[] v) {
    double[] r = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      r[k] = 1.0 / v[k];
    }
    return r;
  }

  @Test
  void aFloat64ExportReadsBackExactly() throws IOException {
    NetworkSpec spec = NetworkSpec.builder(3).layer(5, "tanh").layer(2, "identity").cost("mse")
        .seed(6).build();
    Random rng = new Random(5);
    DMatrixRMaj data = new DMatrixRMaj(3, 12);
    DMatrixRMaj targets = new DMatrixRMaj(2, 12);
    for (int k = 0; k < data.data.length; k++) {
      data.data[k] = rng.nextGaussian();
    }
    for (int k = 0; k < targets.data.length; k++) {
      targets.data[k] = 100 * rng.nextGaussian();
    }
    Model model = new Model(Network.build(spec), Scaler.fit(Scaler.Kind.STANDARD, data),
        Scaler.fit(Scaler.Kind.STANDARD, targets), io.ffnn.core.model.DataNames.NONE);
    Model back = OnnxImport.read(OnnxExport.toBytes(model));
    assertEquals(Precision.FLOAT64, back.network().precision());
    assertEquals("mse", back.network().cost().spec());
    DMatrixRMaj p = model.predict(data);
    DMatrixRMaj q = back.predict(data);
    for (int k = 0; k < p.data.length; k++) {
      assertEquals(p.data[k], q.data[k], 1e-12 * Math.abs(p.data[k]) + 1e-12);
    }
  }

  /** The form Keras converters write: MatMul by an [in, out] matrix, then Add of the bias. */
  @Test
  void matMulAndAddLayersImportTransposed() throws IOException {
    Graph graph = new Graph(Graph.DOUBLE);
    // [in = 2, out = 3]
    String k = graph.initializer("kernel", new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    String b = graph.initializer("bias", new double[] {0.5, -0.5, 1}, 3);
    String h = graph.node("MatMul", "h", List.of("x", k));
    String z = graph.node("Add", "z", List.of(h, b));
    graph.node("Relu", "y", List.of(z));
    Model model = OnnxImport.read(graph.model("x", 2, "y", 3, Map.of(), "test"));
    Network net = model.network();
    assertEquals("2 -> 3 relu, cost mse, AUTO, seed 1", net.spec().toString());
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, net.W(1).data, 0.0);
    assertArrayEquals(new double[] {0.5, -0.5, 1}, net.b(1).data, 0.0);
    DMatrixRMaj y = model.predict(new DMatrixRMaj(2, 1, true, 1, -1));
    assertArrayEquals(new double[] {0, 0, 0}, y.data, 0.0);
    y = model.predict(new DMatrixRMaj(2, 1, true, 1, 1));
    assertArrayEquals(new double[] {5.5, 6.5, 10}, y.data, 0.0);
  }

  @Test
  void whatIsNotAFullyConnectedNetworkIsRefusedNamingTheNode() {
    // Gemm, then an operator ffnn has no activation for
    Graph graph = new Graph(Graph.FLOAT);
    String w = graph.initializer("W", new double[] {1, 2, 3, 4}, 2, 2);
    String z = graph.node("Gemm", "z", List.of("x", w), Graph.intAttribute("transB", 1));
    graph.node("Erf", "y", List.of(z));
    byte[] onnx = graph.model("x", 2, "y", 2, Map.of(), "test");
    IOException e = assertThrows(IOException.class, () -> OnnxImport.read(onnx));
    assertEquals("node 'y' (Erf) is not part of a fully connected network; ffnn imports chains of "
        + "Gemm (or MatMul and Add) and activations up to the output 'y'", e.getMessage());

    // a node reading Z beside the activation: not an activation's form, not a chain
    Graph fork = new Graph(Graph.FLOAT);
    String w2 = fork.initializer("W", new double[] {1, 2, 3, 4}, 2, 2);
    String z2 = fork.node("Gemm", "z", List.of("x", w2), Graph.intAttribute("transB", 1));
    String s2 = fork.node("Sigmoid", "s", List.of(z2));
    fork.node("Add", "y", List.of(z2, s2));
    IOException two = assertThrows(IOException.class,
        () -> OnnxImport.read(fork.model("x", 2, "y", 2, Map.of(), "test")));
    assertEquals("'z' feeds both node 's' (Sigmoid) and node 'y' (Add); a fully connected "
        + "network is a chain", two.getMessage());

    IOException junk = assertThrows(IOException.class,
        () -> OnnxImport.read(new byte[] {1, 2, 3}));
    assertTrue(junk.getMessage().startsWith("not an ONNX model"), junk.getMessage());
  }
}

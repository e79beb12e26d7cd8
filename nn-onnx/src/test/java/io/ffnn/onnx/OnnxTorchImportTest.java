package io.ffnn.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Precision;
import io.ffnn.core.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PyTorch's exports of the activations users pick, made by {@code torch/torch_exports.py} (in
 * this test's resources, with the files it wrote): Linear stacks with SiLU, GELU (exact and
 * tanh), Mish, Softsign, ReLU6, Hardtanh, LeakyReLU, ELU, SELU, CELU and Softplus(β = 2), a
 * leading Flatten on half of them, a layer without a bias on a third, and Softmax, Sigmoid or
 * raw logits as outputs, each at opsets 13 and 17 in float32 and float64. Each imports as the
 * network PyTorch ran and predicts PyTorch's outputs: within 1e-6 in float32, 1e-12 in float64
 * (the outputs are probabilities, at most 1).
 */
class OnnxTorchImportTest {

  /** The models: name, the activation ffnn reads, and PyTorch's output layer. */
  private static final String[][] MODELS = {
      {"silu", "silu", "softmax"}, {"gelu", "gelu", "sigmoid"},
      {"gelu_tanh", "gelu_tanh", "logits"}, {"mish", "mish", "softmax"},
      {"softsign", "softsign", "sigmoid"}, {"relu6", "relu6", "logits"},
      {"hardtanh", "hard_tanh", "softmax"}, {"leaky_relu", "leaky_relu(alpha=0.2)", "sigmoid"},
      {"elu", "elu(alpha=0.5)", "logits"}, {"selu", "selu", "softmax"},
      {"celu", "celu(alpha=2.0)", "sigmoid"}, {"softplus", "softplus(beta=2.0)", "logits"}};

  static Stream<Arguments> exports() {
    List<Arguments> all = new ArrayList<>();
    for (String[] m : MODELS) {
      for (int opset : new int[] {13, 17}) {
        for (String dtype : new String[] {"float32", "float64"}) {
          all.add(Arguments.of(m[0] + "-" + opset + "-" + dtype, m[1], m[2]));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("exports")
  void importsAndPredictsWhatPyTorchPredicted(String stem, String activation, String output)
      throws IOException {
    byte[] onnx;
    try (InputStream in = getClass().getResourceAsStream("torch/" + stem + ".onnx")) {
      onnx = in.readAllBytes();
    }
    Model model = OnnxImport.read(onnx,
        output.equals("logits") ? OnnxImport.Output.SOFTMAX : null);
    boolean single = stem.endsWith("float32");
    assertEquals(single ? Precision.FLOAT32 : Precision.FLOAT64, model.network().precision());
    String last = output.equals("sigmoid") ? "sigmoid" : "softmax";
    String precision = single ? ", float32" : "";
    assertEquals("5 -> 8 " + activation + " -> 6 " + activation + " -> 3 " + last + ", cost "
        + (last.equals("softmax") ? "cce" : "multilabel_bce") + ", AUTO, seed 1" + precision,
        model.network().spec().toString(), stem);
    List<String> rows;
    try (InputStream in = getClass().getResourceAsStream("torch/" + stem + ".csv")) {
      rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    DMatrixRMaj X = new DMatrixRMaj(5, rows.size());
    DMatrixRMaj expected = new DMatrixRMaj(3, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] v = rows.get(i).split(",");
      for (int p = 0; p < 5; p++) {
        X.set(p, i, Double.parseDouble(v[p]));
      }
      for (int p = 0; p < 3; p++) {
        expected.set(p, i, Double.parseDouble(v[5 + p]));
      }
    }
    DMatrixRMaj actual = model.predict(X);
    double worst = 0;
    for (int k = 0; k < expected.getNumElements(); k++) {
      worst = Math.max(worst, Math.abs(expected.data[k] - actual.data[k]));
    }
    assertTrue(worst <= (single ? 1e-6 : 1e-12), stem + ": largest difference " + worst);
  }
}

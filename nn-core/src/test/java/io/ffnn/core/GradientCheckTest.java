package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.testing.core.TestData;
import io.ffnn.api.Activation;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.check.PluginChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GradientCheckTest {

  private static final double TOLERANCE = 1e-6;

  /** Hidden activations by depth: depth 1 has none, depth 4 mixes three kinds. */
  private static final String[][] HIDDEN = {
      {}, {"tanh"}, {"relu", "sigmoid", "tanh"}};

  /** Each cost with its natural output activation and output size. */
  private static final Object[][] OUTPUTS = {
      {"bce", "sigmoid", 1}, {"cce", "softmax", 3}, {"multilabel_bce", "sigmoid", 3},
      {"mse", "identity", 2}};

  static Stream<Arguments> networks() {
    List<Arguments> cases = new ArrayList<>();
    for (String[] hidden : HIDDEN) {
      for (Object[] out : OUTPUTS) {
        for (int m : new int[] {1, 7}) {
          for (GradientPath path : GradientPath.values()) {
            cases.add(Arguments.of(hidden, out[0], out[1], out[2], m, path));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "depth {0}, {1} after {2}, m = {4}, {5}")
  @MethodSource("networks")
  void backpropagationMatchesFiniteDifferences(String[] hidden, String cost, String output,
      int outputSize, int m, GradientPath path) {
    NetworkSpec.Builder b = NetworkSpec.builder(4);
    int[] hiddenSizes = {5, 4, 3};
    for (int l = 0; l < hidden.length; l++) {
      b.layer(hiddenSizes[l], hidden[l]);
    }
    Network network = Network.build(b.layer(outputSize, output).cost(cost).seed(17 + m).build());
    assertEquals(hidden.length + 1, network.depth());
    Random rng = new Random(99 + m);
    DMatrixRMaj X = TestData.gaussian(4, m, rng);
    DMatrixRMaj Y = TestData.targetsFor(cost, outputSize, m, rng);

    GradientCheck.Result r = GradientCheck.run(network, X, Y, path);
    assertTrue(r.passes(TOLERANCE), r.toString());
    assertEquals(path, r.path());
    assertTrue(r.maxError() >= 0);
    boolean fusedPair = !cost.equals("mse");
    assertEquals(fusedPair, network.usesFusedOutput());
  }

  @ParameterizedTest(name = "{0} after {1}, {3}")
  @MethodSource("everyCostWithItsNaturalOutput")
  void everyCostWithItsNaturalOutputOnEveryPath(String cost, String output, int n,
      GradientPath path) {
    Network network = Network.build(NetworkSpec.builder(3).layer(5, "gelu").layer(n, output)
        .cost(cost).seed(3).build());
    Random rng = new Random(4);
    DMatrixRMaj X = TestData.gaussian(3, 7, rng);
    DMatrixRMaj Y = new DMatrixRMaj(network.targetRows(), 7);
    network.cost().targetDomain().sample(rng, Y, n);
    GradientCheck.Result r = GradientCheck.run(network, X, Y, path);
    assertTrue(r.passes(TOLERANCE), r.toString());
  }

  static Stream<Arguments> everyCostWithItsNaturalOutput() {
    return BuiltinPluginsTest.naturalPairs().flatMap(pair -> Stream.of(GradientPath.values())
        .map(path -> Arguments.of(pair.get()[0], pair.get()[1], pair.get()[2], path)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"softmax", "sparsemax", "log_softmax"})
  void vectorValuedActivationsInAHiddenLayer(String hidden) {
    Network network = Network.build(NetworkSpec.builder(4).layer(6, hidden).layer(5, "tanh")
        .layer(3, "softmax").cost("cce").seed(8).build());
    Random rng = new Random(5);
    DMatrixRMaj X = TestData.gaussian(4, 7, rng);
    for (int k = 0; k < X.data.length; k++) {
      X.data[k] *= 3;
    }
    DMatrixRMaj Y = TestData.oneHot(3, 7, rng);
    for (GradientPath path : GradientPath.values()) {
      GradientCheck.Result r = GradientCheck.run(network, X, Y, path);
      assertTrue(r.passes(TOLERANCE), hidden + " " + r);
    }
  }

  @Test
  void genericJacobianPathWithANonSymmetricJacobian() {
    Activation skew = new ShiftMix();
    PluginChecks.checkActivation(skew);
    DMatrixRMaj jac = new DMatrixRMaj(1, 1);
    DMatrixRMaj Z = new DMatrixRMaj(4, 1, true, 0.1, 0.2, 0.3, 0.4);
    skew.jacobian(Z, Z, 0, jac);
    assertFalse(jac.get(0, 1) == jac.get(1, 0), "the Jacobian must not be symmetric: " + jac);

    for (GradientPath path : GradientPath.values()) {
      GradientCheck.Result r = check(skew, path);
      assertTrue(r.passes(TOLERANCE), path + ": " + r);
    }
  }

  @Test
  void droppingTheTransposeIsCaught() {
    GradientCheck.Result r = check(new ShiftMix.WithoutTranspose(), GradientPath.AUTO);
    assertFalse(r.passes(1e-2), r.toString());
    // the wrong dZ[1] reaches W[1] and b[1] only: layer 2 is above it
    assertEquals(1, r.layer(), r.toString());
    assertTrue(r.layerError(2) < TOLERANCE, r.toString());
  }

  @Test
  void weightsAreRestoredExactly() {
    Network network = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "softmax")
        .cost("cce").seed(5).build());
    DMatrixRMaj W1 = network.W(1).copy();
    DMatrixRMaj b2 = network.b(2).copy();
    Random rng = new Random(1);
    GradientCheck.run(network, TestData.gaussian(3, 5, rng), TestData.oneHot(2, 5, rng));
    assertArrayEquals(W1.data, network.W(1).data, 0.0);
    assertArrayEquals(b2.data, network.b(2).data, 0.0);
  }

  @Test
  void reportNamesTheWorstEntry() {
    GradientCheck.Result r = check(new ShiftMix.WithoutTranspose(), GradientPath.AUTO);
    String text = r.toString();
    assertTrue(text.startsWith("gradient check (AUTO): max relative error"), text);
    assertTrue(text.contains("at layer 1 " + r.parameter() + "[" + r.row() + "," + r.column()
        + "]"), text);
    assertTrue(text.contains("layer 2: "), text);
    assertTrue(Math.abs(r.analytic() - r.numeric()) > 1e-6, text);
  }

  /** A 3-4-2 network with {@code hidden} in layer 1 and a softmax/cce output. */
  private static GradientCheck.Result check(Activation hidden, GradientPath path) {
    PluginRegistry defaults = PluginRegistry.getDefault();
    PluginRegistry registry = PluginRegistry.of(
        List.of(hidden, defaults.activation("softmax")), List.of(defaults.cost("cce")));
    Network network = Network.build(NetworkSpec.builder(3).layer(4, hidden.name())
        .layer(2, "softmax").cost("cce").seed(3).build(), registry);
    Random rng = new Random(8);
    return GradientCheck.run(network, TestData.gaussian(3, 6, rng), TestData.oneHot(2, 6, rng),
        path);
  }
}

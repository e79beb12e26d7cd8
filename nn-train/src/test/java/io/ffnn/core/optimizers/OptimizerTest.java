package io.ffnn.core.optimizers;

import io.ffnn.core.ParameterLayout.Parameter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginException;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Workspace;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two steps of every rule on {@code J = (w x + b − y)²} with {@code x = 1.5}, {@code y = 0.3},
 * starting from {@code w = 0.8}, {@code b = 0.1} (so the first gradient is (3, 2)), against values
 * computed by hand from the documented formulas (in an independent implementation).
 */
class OptimizerTest {

  /**
   * {@code nadam(momentum_decay=0.004)} against PyTorch's {@code NAdam} update as its
   * documentation publishes it (float64, the same gradients): the values that {@code
   * torch_nadam.py}, next to this test's resources, prints. (PyTorch 1.13's own code differs
   * from the published update from the first step; the script shows both.)
   */
  @Test
  void nadamWithMomentumDecayIsPyTorchs() {
    double[][] torch = {
        {0.48943548234199435, -0.9894354824703112, 2.010564517255328},
        {0.48133581156702737, -0.9802806818303745, 2.0158037499276262},
        {0.4790790008163777, -0.988455756070854, 2.016720731352246},
        {0.4845753070429568, -0.9870287244028434, 2.0125134603586945},
        {0.4916346549625908, -0.9793835245401682, 2.004318153717834},
        {0.49413099487545376, -0.98603802314912, 1.9940215086252033}};
    Optimizer nadam = Optimizers.fromSpec("nadam(lr=0.01, momentum_decay=0.004)");
    assertEquals("nadam(lr=0.01, beta1=0.9, beta2=0.999, eps=1.0E-8, momentum_decay=0.004)",
        nadam.spec());
    // W[1] is 1 × 3: the rule updates its three entries as PyTorch's tensor
    Network net = Network.build(NetworkSpec.builder(3).layer(1, "identity").cost("mse").build());
    Parameter p = net.layout().parameters().get(0);
    double[] theta = {0.5, -1.0, 2.0};
    for (int t = 1; t <= 6; t++) {
      double[] g = {Math.sin(t), Math.cos(2 * t), 0.1 * t - 0.3};
      nadam.beginStep(net);
      nadam.update(p, theta, g, 0, 3, 0.01, t);
      for (int k = 0; k < 3; k++) {
        assertEquals(torch[t - 1][k], theta[k], 1e-14, "step " + t + ", entry " + k);
      }
    }
    // without it, the simplified form, which is not PyTorch's
    assertEquals("nadam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)",
        Optimizers.fromSpec("nadam").spec());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Adam(Adam.Variant.ADAM, 0.1, 0.9, 0.999, 1e-8, 0, 0.004));
    assertEquals("momentum_decay is NAdam's; adam has none", e.getMessage());
  }

  /**
   * The float form of every built-in rule on a float32 network: momentum's and adam's (with its
   * variants) equal the default (the double rule on widened values, rounded) bit for bit; sgd's,
   * in float arithmetic, is within one rounding of it; adagrad and rmsprop use the default.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"sgd(lr=0.1)",
      "momentum(lr=0.05)", "nesterov(lr=0.05)", "adam(lr=0.01)", "adamw(lr=0.01)",
      "nadam(lr=0.01)", "amsgrad(lr=0.01)", "adagrad(lr=0.1)", "rmsprop(lr=0.01)"})
  void theFloatRuleOfEveryBuiltInFollowsItsDoubleRule(String spec) {
    Network net = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "identity")
        .cost("mse").precision(io.ffnn.core.Precision.FLOAT32).build());
    Optimizer fast = Optimizers.fromSpec(spec);
    Optimizer reference = Optimizers.fromSpec(spec);
    Network twin = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "identity")
        .cost("mse").precision(io.ffnn.core.Precision.FLOAT32).build());
    java.util.Random rng = new java.util.Random(4);
    Parameter p = net.layout().parameters().get(0);
    float[] theta = new float[p.size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = (float) rng.nextGaussian();
    }
    float[] expected = theta.clone();
    double[] wide = new double[p.size()];
    double[] wideG = new double[p.size()];
    for (int step = 1; step <= 5; step++) {
      float[] g = new float[p.size()];
      for (int k = 0; k < g.length; k++) {
        g[k] = (float) rng.nextGaussian();
        wideG[k] = g[k];
        wide[k] = expected[k];
      }
      fast.beginStep(net);
      fast.updateRange(p, theta, g, 0, p.size());
      reference.beginStep(twin);
      reference.update(p, wide, wideG, 0, p.size(), reference.learningRate(), step);
      for (int k = 0; k < theta.length; k++) {
        expected[k] = (float) wide[k];
        if (spec.startsWith("sgd")) {
          assertEquals(expected[k], theta[k], 2 * Math.ulp(expected[k]), spec + " step " + step);
          theta[k] = expected[k];
        } else {
          assertEquals(expected[k], theta[k], 0.0f, spec + " step " + step + " entry " + k);
        }
      }
    }
  }

  private static final DMatrixRMaj X = new DMatrixRMaj(1, 1, true, 1.5);
  private static final DMatrixRMaj Y = new DMatrixRMaj(1, 1, true, 0.3);

  private static Network scalar() {
    Network net = Network.build(NetworkSpec.builder(1).layer(1, "identity").cost("mse").build());
    net.setParameter(net.layout().weights(1), new DMatrixRMaj(1, 1, true, 0.8));
    net.setParameter(net.layout().biases(1), new DMatrixRMaj(1, 1, true, 0.1));
    return net;
  }

  private static Network twoSteps(Optimizer optimizer) {
    Network net = scalar();
    Workspace ws = net.newWorkspace();
    for (int t = 0; t < 2; t++) {
      net.computeGradients(X, Y, ws);
      optimizer.step(net, ws);
    }
    assertEquals(2, optimizer.steps());
    return net;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "sgd(lr=0.1) | 0.395 | -0.17000000000000004",
      "momentum(lr=0.1) | 0.12499999999999989 | -0.3500000000000001",
      "nesterov(lr=0.1) | 0.12094999999999995 | -0.35270000000000007",
      "adagrad(lr=0.1) | 0.6400000000044214 | -0.059999999993112",
      "rmsprop(lr=0.1) | 0.415603372660723 | -0.28439662530279863",
      "adam(lr=0.1) | 0.6017424925457121 | -0.0982575071023321",
      "adamw(lr=0.1, weight_decay=0.1) | 0.5869745541338809 | -0.09810544551004975",
      "nadam(lr=0.1) | 0.49086485922856815 | -0.20913514020610635",
      "amsgrad(lr=0.1) | 0.6017424925457121 | -0.0982575071023321"})
  void twoStepsMatchHandComputedValues(String spec, double w, double b) {
    Network net = twoSteps(Optimizers.fromSpec(spec));
    assertEquals(w, net.W(1).get(0, 0), 1e-14, "w after two steps");
    assertEquals(b, net.b(1).get(0, 0), 1e-14, "b after two steps");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"sgd(lr=0.05)", "momentum(lr=0.05)", "nesterov(lr=0.05)", "adagrad(lr=0.05)",
      "rmsprop(lr=0.01)", "adam(lr=0.01)", "adamw(lr=0.01, weight_decay=0.1)", "nadam(lr=0.01)",
      "amsgrad(lr=0.01)"})
  void withoutClippingOrL2TheRuleReadsTheWorkspaceGradientsAndGivesTheSameWeights(String spec) {
    // a clip norm no gradient reaches takes the general path: copy, sum of squares, scale
    Network fast = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "identity")
        .cost("mse").seed(6).build());
    Network general = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "identity")
        .cost("mse").seed(6).build());
    // and the same step by ranges of three entries, last range first
    Network ranged = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "identity")
        .cost("mse").seed(6).build());
    Optimizer plain = Optimizers.fromSpec(spec);
    Optimizer clipped = Optimizers.fromSpec(spec).clipNorm(1e300);
    Optimizer byRange = Optimizers.fromSpec(spec);
    Workspace wsRanged = ranged.newWorkspace();
    java.util.Random rng = new java.util.Random(2);
    DMatrixRMaj x = new DMatrixRMaj(3, 5);
    DMatrixRMaj y = new DMatrixRMaj(2, 5);
    Workspace wsFast = fast.newWorkspace();
    Workspace wsGeneral = general.newWorkspace();
    for (int step = 0; step < 4; step++) {
      for (int k = 0; k < 15; k++) {
        x.data[k] = rng.nextGaussian();
      }
      for (int k = 0; k < 10; k++) {
        y.data[k] = rng.nextGaussian();
      }
      fast.computeGradients(x, y, wsFast);
      general.computeGradients(x, y, wsGeneral);
      ranged.computeGradients(x, y, wsRanged);
      DMatrixRMaj dW = wsFast.dW(1).copy();
      plain.step(fast, wsFast);
      clipped.step(general, wsGeneral);
      byRange.beginStep(ranged);
      // backwards, in ranges of three: the order of the ranges does not matter
      for (int i = ranged.layout().parameters().size() - 1; i >= 0; i--) {
        Parameter p = ranged.layout().parameters().get(i);
        for (int to = p.size(); to > 0; to -= 3) {
          ranged.update(p, wsRanged, Math.max(0, to - 3), to, byRanges(byRange));
        }
      }
      // the workspace's gradient is read, not modified
      assertTrue(java.util.Arrays.equals(dW.data, wsFast.dW(1).data), "dW[1] after the step");
    }
    for (int l = 1; l <= 2; l++) {
      assertTrue(java.util.Arrays.equals(fast.W(l).data, general.W(l).data), "W" + l);
      assertTrue(java.util.Arrays.equals(fast.b(l).data, general.b(l).data), "b" + l);
      assertTrue(java.util.Arrays.equals(fast.W(l).data, ranged.W(l).data), "W" + l + " ranged");
      assertTrue(java.util.Arrays.equals(fast.b(l).data, ranged.b(l).data), "b" + l + " ranged");
    }
    assertEquals(4, plain.steps());
    assertEquals(4, byRange.steps());
  }

  @Test
  void stepsByRangeAreRefusedWhenTheyCannotBeSplitOrWereNotBegun() {
    Network net = Network.build(NetworkSpec.builder(2).layer(3, "tanh").cost("mse").build());
    Workspace ws = net.newWorkspace();
    net.computeGradients(new DMatrixRMaj(2, 1), new DMatrixRMaj(3, 1), ws);
    Optimizer clipped = Optimizers.sgd(0.1).clipNorm(1.0);
    assertFalse(clipped.updatesByRange());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> clipped.beginStep(net));
    assertEquals("sgd(lr=0.1, clip_norm=1.0) clips or penalises its gradients, which needs all "
        + "of them at once: use step", e.getMessage());
    assertFalse(Optimizers.sgd(0.1).l2(0.01).updatesByRange());
    Optimizer sgd = Optimizers.sgd(0.1);
    assertTrue(sgd.updatesByRange());
    assertEquals("updateRange before beginStep", assertThrows(IllegalStateException.class,
        () -> net.update(net.layout().weights(1), ws, 0, 1, byRanges(sgd))).getMessage());
    sgd.beginStep(net);
    assertThrows(IndexOutOfBoundsException.class,
        () -> net.update(net.layout().weights(1), ws, 0, 7, byRanges(sgd)));
    assertThrows(IndexOutOfBoundsException.class,
        () -> net.update(net.layout().biases(1), ws, 2, 1, byRanges(sgd)));
    // a parameter of another network's layout is refused by name
    Parameter foreign = io.ffnn.core.ParameterLayout.of(4, 3).weights(1);
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> net.update(foreign, ws, 0, 1, byRanges(sgd)));
    assertEquals("W[1] 3x4 is not a parameter of layout [2, 3]: 9 parameters",
        other.getMessage());
  }

  @Test
  void clippingByValueThenNormThenL2OnWeightsOnly() {
    // g = (3, 2) → clip to ±2.5: (2.5, 2) → norm 3.2 > 2: × 0.625 → (1.5625, 1.25) → + 0.5 w
    Optimizer sgd = Optimizers.fromSpec("sgd(lr=0.1, clip_value=2.5, clip_norm=2, l2=0.5)");
    Network net = twoSteps(sgd);
    assertEquals(0.4072248673382556, net.W(1).get(0, 0), 1e-14);
    assertEquals(-0.1358790487559307, net.b(1).get(0, 0), 1e-14);
    assertEquals("sgd(lr=0.1, l2=0.5, clip_norm=2.0, clip_value=2.5)", sgd.spec());
    assertEquals(sgd.spec(), Optimizers.fromSpec(sgd.spec()).spec());
  }

  @Test
  void amsgradKeepsTheLargestSecondMoment() {
    // one parameter: gradients 1 then 0.001, so v shrinks and AMSGrad keeps the first
    double[] adam = {0};
    double[] ams = {0};
    Optimizer a = Optimizers.adam(0.1);
    Optimizer m = Optimizers.amsgrad(0.1);
    // a layout whose first parameter, W[1], is 1x1
    io.ffnn.core.ParameterLayout one = io.ffnn.core.ParameterLayout.of(1, 1);
    Parameter w = one.weights(1);
    a.allocate(one);
    m.allocate(one);
    a.update(w, adam, new double[] {1.0}, 0, 1, 0.1, 1);
    m.update(w, ams, new double[] {1.0}, 0, 1, 0.1, 1);
    a.update(w, adam, new double[] {0.001}, 0, 1, 0.1, 2);
    m.update(w, ams, new double[] {0.001}, 0, 1, 0.1, 2);
    assertEquals(-0.16708024080819872, adam[0], 1e-15);
    assertEquals(-0.16704672585543828, ams[0], 1e-15);
  }

  @Test
  void specsAreParsedAndCheckedLikePluginSpecs() {
    assertEquals("adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)",
        Optimizers.fromSpec("adam").toString());
    assertEquals("momentum(lr=0.05, momentum=0.8)",
        Optimizers.fromSpec("momentum(lr=0.05, momentum=0.8)").toString());
    PluginException unknown = assertThrows(PluginException.class,
        () -> Optimizers.fromSpec("adamm"));
    assertTrue(unknown.getMessage().contains("unknown optimizer 'adamm'"), unknown.getMessage());
    PluginException parameter = assertThrows(PluginException.class,
        () -> Optimizers.fromSpec("sgd(momentum=0.9)"));
    assertTrue(parameter.getMessage().contains("sgd has no parameter 'momentum'; it takes lr, "
        + "l2, clip_norm, clip_value"), parameter.getMessage());
    PluginException range = assertThrows(PluginException.class,
        () -> Optimizers.fromSpec("adam(beta1=1.5)"));
    assertTrue(range.getMessage().contains("beta1 must be in [0, 1), got 1.5"),
        range.getMessage());
    assertThrows(PluginException.class, () -> Optimizers.fromSpec("sgd(lr=0)"));
  }

  @Test
  void anOptimizerBelongsToOneNetworkAndNeedsGradients() {
    Optimizer sgd = Optimizers.sgd(0.1);
    twoSteps(sgd);
    Network other = scalar();
    Workspace ws = other.newWorkspace();
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> sgd.step(other, ws));
    assertTrue(none.getMessage().contains("no gradients"), none.getMessage());
    other.computeGradients(X, Y, ws);
    IllegalStateException bound = assertThrows(IllegalStateException.class,
        () -> sgd.step(other, ws));
    assertTrue(bound.getMessage().contains("use a new optimizer"), bound.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1));
  }

  /** The optimizer's update by ranges, as a parallel trainer hands it to {@link Network#update}. */
  static io.ffnn.core.ParameterUpdate byRanges(Optimizer o) {
    return new io.ffnn.core.ParameterUpdate() {
      @Override
      public void update(Parameter p, double[] theta, double[] g, int from, int to) {
        o.updateRange(p, theta, g, from, to);
      }

      @Override
      public void update(Parameter p, float[] theta, float[] g, int from, int to) {
        o.updateRange(p, theta, g, from, to);
      }
    };
  }
}

package io.ffnn.core.training;

import io.ffnn.testing.core.TestData;
import io.ffnn.core.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Float32 networks against their float64 twins (same spec and seed, so the same initial weights,
 * rounded to float in the float32 one).
 *
 * <p>Tolerance. A float32 network rounds its weights, inputs and the activations it multiplies
 * to {@code float} (relative error at most u = 2⁻²⁴ ≈ 6·10⁻⁸ each) and sums the products of k
 * terms in {@code float}, which adds at most about k·u relative to {@code Σ|w a|} (Higham's bound
 * for a dot product); everything else is {@code double}. The networks here have k ≤ 8 inputs per
 * unit and two or three layers, so forward values stay within (2 + 8 + 2)·u ≈ 7·10⁻⁷ of the
 * float64 ones per layer, relative to the layer's scale, and gradients, two products further,
 * within a few times that. The tests allow 10⁻⁵ for forward values and 10⁻⁴ for gradients
 * (relative to the largest entry): more than ten times the bound, a hundred times below an
 * error of one ulp of a float16 or of a wrong formula. They also require a difference: a float32
 * path that quietly ran in double would give none.
 */
class Float32Test {

  static final double FORWARD = 1e-5;
  static final double GRADIENT = 1e-4;

  private final PluginRegistry registry = PluginRegistry.getDefault();

  static Stream<String> activations() {
    return PluginRegistry.getDefault().activations().stream().map(PluginInfo::name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  void everyBuiltInActivationAsAHiddenLayerAgreesWithFloat64(String activation) {
    NetworkSpec.Builder b = NetworkSpec.builder(6).layer(8, activation).layer(3, "softmax")
        .cost("cce").seed(11);
    compare(b, "cce", 3, 7);
  }

  @ParameterizedTest(name = "{0} after {1}")
  @MethodSource("io.ffnn.core.BuiltinPluginsTest#naturalPairs")
  void everyBuiltInCostAfterItsNaturalOutputAgreesWithFloat64(String cost, String output,
      int n) {
    NetworkSpec.Builder b = NetworkSpec.builder(5).layer(8, "tanh").layer(n, output).cost(cost)
        .seed(12);
    compare(b, cost, n, 9);
  }

  @Test
  void aDeeperNetworkWithDropoutAgreesWithFloat64() {
    NetworkSpec.Builder b = NetworkSpec.builder(7).layer(8, "relu").dropout(0.3).layer(8, "gelu")
        .layer(4, "softmax").cost("cce").seed(13);
    compare(b, "cce", 4, 16);
  }

  /** Forward, cost and gradients of the float32 network against its float64 twin. */
  private void compare(NetworkSpec.Builder builder, String cost, int n, int m) {
    NetworkSpec spec64 = builder.build();
    Network net64 = Network.build(spec64);
    Network net32 = Network.build(spec64.withPrecision(Precision.FLOAT32));
    assertEquals(Precision.FLOAT32, net32.precision());
    Random rng = new Random(5);
    DMatrixRMaj X = TestData.gaussian(net64.size(0), m, rng);
    DMatrixRMaj Y = new DMatrixRMaj(net64.targetRows(), m);
    net64.cost().targetDomain().sample(rng, Y, n);
    // the same dropout masks in both
    Workspace ws64 = net64.newWorkspace().training(new Random(9));
    Workspace ws32 = net32.newWorkspace().training(new Random(9));
    double J64 = net64.computeGradients(X, Y, ws64);
    double J32 = net32.computeGradients(X, Y, ws32);
    String what = spec64.toString();
    assertEquals(J64, J32, FORWARD * Math.max(1, Math.abs(J64)), what + ": J");
    double zDiff = 0;
    for (int l = 1; l <= net64.depth(); l++) {
      assertClose(ws64.Z(l), ws32.Z(l), FORWARD, what + ": Z[" + l + "]");
      assertClose(ws64.A(l), ws32.A(l), FORWARD, what + ": A[" + l + "]");
      assertClose(ws64.dW(l), ws32.dW(l), GRADIENT, what + ": dW[" + l + "]");
      assertClose(ws64.db(l), ws32.db(l), GRADIENT, what + ": db[" + l + "]");
      zDiff = Math.max(zDiff, maxDiff(ws64.Z(l), ws32.Z(l)));
    }
    assertTrue(zDiff > 0, what + ": the float32 network computed exactly the float64 values");
  }

  static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tol, String what) {
    assertEquals(expected.numRows, actual.numRows, what);
    assertEquals(expected.numCols, actual.numCols, what);
    double scale = 0;
    for (int k = 0; k < expected.getNumElements(); k++) {
      scale = Math.max(scale, Math.abs(expected.data[k]));
    }
    double diff = maxDiff(expected, actual);
    assertTrue(diff <= tol * Math.max(scale, 1e-3), what + ": max difference " + diff
        + " at scale " + scale);
  }

  static double maxDiff(DMatrixRMaj a, DMatrixRMaj b) {
    double d = 0;
    for (int k = 0; k < a.getNumElements(); k++) {
      d = Math.max(d, Math.abs(a.data[k] - b.data[k]));
    }
    return d;
  }

  /**
   * Every fused pair at logits of ±100, where a naive softmax or sigmoid in float overflows
   * ({@code e^100 > 3.4·10³⁸}). Poisson's gradient with respect to its log-rate is {@code e^z −
   * y} itself, which leaves float's range above z ≈ 88.7 whatever the formula: it is checked at
   * ±80.
   */
  @ParameterizedTest
  @CsvSource({"cce, softmax, 3, 100", "sparse_cce, softmax, 3, 100", "bce, sigmoid, 1, 100",
      "multilabel_bce, sigmoid, 3, 100", "nll, log_softmax, 3, 100",
      "kl_divergence, softmax, 3, 100", "poisson, identity, 3, 80"})
  void fusedCostsStayFiniteForLargeLogitsInFloat32(String cost, String output, int n,
      double logit) {
    Network net = Network.build(NetworkSpec.builder(2).layer(n, output).cost(cost).seed(1)
        .precision(Precision.FLOAT32).build());
    // inputs (1, 0) and (0, 1): the logits are exactly W's ±logit entries
    DMatrixRMaj W1 = net.W(1);
    for (int k = 0; k < W1.data.length; k++) {
      W1.data[k] = k % 2 == 0 ? logit : -logit;
    }
    net.setParameter(net.layout().weights(1), W1);
    int m = 4;
    DMatrixRMaj X = new DMatrixRMaj(2, m);
    for (int i = 0; i < m; i++) {
      X.set(i % 2, i, 1);
    }
    // targets that disagree with the saturated outputs: the worst case for logs
    DMatrixRMaj Y = new DMatrixRMaj(net.targetRows(), m);
    for (int i = 0; i < m; i++) {
      if (cost.equals("sparse_cce")) {
        Y.set(0, i, (i + 1) % n);
      } else if (cost.equals("poisson")) {
        Y.set(i % n, i, 3);
      } else {
        Y.set(n == 1 ? 0 : (i + 1) % n, i, n == 1 ? (i % 2 == 0 ? 0.0 : 1.0) : 1.0);
      }
    }
    Workspace ws = net.newWorkspace();
    double J = net.computeGradients(X, Y, ws);
    assertTrue(Double.isFinite(J), cost + ": J = " + J);
    assertEquals(logit, Math.abs(ws.Z(1).get(0, 0)), 0.0, "the logits are ±" + logit);
    for (DMatrixRMaj M : new DMatrixRMaj[] {ws.dZ(1), ws.dW(1), ws.db(1)}) {
      for (double v : M.data) {
        assertTrue(Float.isFinite((float) v), cost + ": " + M);
      }
    }
  }

  @Test
  void floatInputsGiveTheSameResultAsTheirDoubleValues() {
    // a float32 network rounds double inputs once; inputs that are floats already give the same
    // bits whichever way they come
    for (Precision precision : Precision.values()) {
      Network net = Network.build(NetworkSpec.builder(4).layer(6, "tanh").layer(2, "identity")
          .cost("mse").seed(3).precision(precision).build());
      Random rng = new Random(4);
      FMatrixRMaj X32 = new FMatrixRMaj(4, 5);
      DMatrixRMaj X = new DMatrixRMaj(4, 5);
      for (int k = 0; k < X.data.length; k++) {
        X32.data[k] = (float) rng.nextGaussian();
        X.data[k] = X32.data[k];
      }
      DMatrixRMaj Y = TestData.gaussian(2, 5, rng);
      Workspace a = net.newWorkspace();
      Workspace b = net.newWorkspace();
      assertEquals(net.computeGradients(X, Y, a), net.computeGradients(Batch.columns(X32), Y, b), 0.0);
      assertArrayEquals(a.dW(1).data, b.dW(1).data, 0.0, precision.id());
      assertArrayEquals(a.A(0).data, b.A(0).data, 0.0, precision.id() + ": A[0]");
    }
  }

  @Test
  void whatIsWrittenIsRoundedToFloatAndReadingChangesNothing() {
    Network net = Network.build(NetworkSpec.builder(3).layer(2, "identity").cost("mse").seed(1)
        .precision(Precision.FLOAT32).build());
    DMatrixRMaj x = new DMatrixRMaj(3, 1, true, 1, 2, 3);
    Workspace ws = net.newWorkspace();
    net.predict(x, ws);
    // written through setParameter: the network multiplies with it rounded to float, and
    // reads it back rounded
    net.setParameter(net.layout().weights(1), new DMatrixRMaj(2, 3));
    DMatrixRMaj b1 = new DMatrixRMaj(2, 1);
    b1.set(0, 0, 0.1);
    net.setParameter(net.layout().biases(1), b1);
    assertEquals((float) 0.1, net.predict(x, ws).get(0, 0), 0.0);
    assertEquals((float) 0.1, net.b(1).get(0, 0), 0.0);
    // what is read is a copy: writing to it changes nothing
    net.b(1).set(0, 0, 7);
    net.W(1).fill(7);
    assertEquals((float) 0.1, net.predict(x, ws).get(0, 0), 0.0);
    assertEquals((float) 0.1, net.b(1).get(0, 0), 0.0);
    double[] flat = new double[net.parameterCount()];
    flat[0] = 1.0 / 3;
    net.setParameters(flat);
    assertEquals((double) (float) (1.0 / 3), net.predict(x, ws).get(0, 0), 0.0);
  }

  @Test
  void trainingInFloat32FollowsFloat64AndFromFloatDataExactly() {
    Dataset data = Generated.spirals(3, 60, 0.2, 7);
    NetworkSpec spec = NetworkSpec.builder(2).layer(16, "relu").layer(16, "tanh")
        .layer(3, "softmax").cost("cce").seed(3).build();
    Trainer trainer = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
        .epochs(20)
        .batchSize(16).seed(1).build()).build();
    Network net64 = Network.build(spec);
    History h64 = trainer.fit(net64, data.X(), data.Y());
    Network net32 = Network.build(spec.withPrecision(Precision.FLOAT32));
    History h32 = trainer.fit(net32, data.X(), data.Y());
    double loss64 = h64.last().get("loss");
    double loss32 = h32.last().get("loss");
    assertEquals(loss64, loss32, 1e-3 * loss64, "final loss");
    assertNotEquals(loss64, loss32, "float32 training computed in double");

    // the same data given as floats: identical where the doubles were floats already
    FMatrixRMaj X32 = new FMatrixRMaj(data.X().numRows, data.X().numCols);
    DMatrixRMaj rounded = new DMatrixRMaj(X32.numRows, X32.numCols);
    for (int k = 0; k < X32.data.length; k++) {
      X32.data[k] = (float) data.X().data[k];
      rounded.data[k] = X32.data[k];
    }
    Network a = Network.build(spec.withPrecision(Precision.FLOAT32));
    Network b = Network.build(spec.withPrecision(Precision.FLOAT32));
    trainer.fit(a, rounded, data.Y());
    trainer.fit(b, X32, data.Y());
    double[] wa = new double[a.parameterCount()];
    double[] wb = new double[b.parameterCount()];
    a.getParameters(wa);
    b.getParameters(wb);
    assertArrayEquals(wa, wb, 0.0);
  }

  @Test
  void gradientChecksOfAFloat32NetworkRunInFloat64() {
    Network net = Network.build(NetworkSpec.builder(3).layer(5, "tanh").dropout(0.3)
        .layer(2, "softmax").cost("cce").seed(6).precision(Precision.FLOAT32).build());
    Random rng = new Random(7);
    DMatrixRMaj X = TestData.gaussian(3, 4, rng);
    DMatrixRMaj Y = TestData.oneHot(2, 4, rng);
    assertTrue(GradientCheck.run(net, X, Y).passes(1e-7));
    GradientCheck.Result dropout = GradientCheck.runWithDropout(net, X, Y, GradientPath.AUTO, 3);
    assertTrue(dropout.passes(1e-7), dropout.toString());
    // the copy it checks: the same weights, computing in double
    Network wide = net.inPrecision(Precision.FLOAT64);
    assertEquals(Precision.FLOAT64, wide.precision());
    assertArrayEquals(net.W(1).data, wide.W(1).data, 0.0);
    assertEquals(Precision.FLOAT32, net.precision());
  }

  @Test
  void aHandWrittenLoopStepsTheFloatsAsTrainingDoes() {
    Dataset data = Generated.spirals(3, 32, 0.2, 2);
    NetworkSpec spec = NetworkSpec.builder(2).layer(16, "relu").layer(3, "softmax").cost("cce")
        .seed(4).precision(Precision.FLOAT32).build();
    Network trained = Network.build(spec);
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(3).batchSize(16)
        .shuffle(false)
        .seed(1).build()).build().fit(trained, data.X(), data.Y());
    Network looped = Network.build(spec);
    io.ffnn.core.optimizers.Optimizer sgd = Optimizers.sgd(0.1);
    Workspace ws = looped.newWorkspace();
    DMatrixRMaj Xb = new DMatrixRMaj(1, 1);
    DMatrixRMaj Yb = new DMatrixRMaj(1, 1);
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < 3; epoch++) {
      for (int from = 0; from < order.length; from += 16) {
        data.batch(order, from, Math.min(order.length, from + 16), Xb, Yb);
        looped.computeGradients(Xb, Yb, ws);
        sgd.step(looped, ws);
      }
    }
    for (int l = 1; l <= 2; l++) {
      for (int k = 0; k < looped.W(l).data.length; k++) {
        double w = looped.W(l).data[k];
        assertEquals((float) w, w, 0.0, "a float");
        // the trainer multiplies its batches as rows: sums in another order
        assertEquals(trained.W(l).data[k], w, 1e-5, "W[" + l + "]");
      }
    }
  }

  @Test
  void specsAndParsing() {
    NetworkSpec spec = NetworkSpec.builder(2).layer(1, "sigmoid").cost("bce").build();
    assertEquals(Precision.FLOAT64, spec.precision());
    assertSame(spec, spec.withPrecision(Precision.FLOAT64));
    assertTrue(spec.withPrecision(Precision.FLOAT32).toString().endsWith(", float32"));
    assertEquals(spec.toString() + ", float32",
        spec.withPrecision(Precision.FLOAT32).toString());
    assertEquals(Precision.FLOAT32, Precision.parse(" FP32"));
    assertEquals(Precision.FLOAT64, Precision.parse("double"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Precision.parse("float16"));
    assertEquals("unknown precision 'float16'; use float64 or float32", e.getMessage());
  }
}

package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.testing.core.TestData;
import io.ffnn.api.PluginException;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class NetworkTest {

  /** 1-1-1 with identity layers and mse: every quantity can be written down by hand. */
  private static Network scalarChain(double w1, double b1, double w2, double b2) {
    Network net = Network.build(NetworkSpec.builder(1).layer(1, "identity")
        .layer(1, "identity").cost("mse").build());
    net.setParameter(net.layout().weights(1), new DMatrixRMaj(1, 1, true, w1));
    net.setParameter(net.layout().biases(1), new DMatrixRMaj(1, 1, true, b1));
    net.setParameter(net.layout().weights(2), new DMatrixRMaj(1, 1, true, w2));
    net.setParameter(net.layout().biases(2), new DMatrixRMaj(1, 1, true, b2));
    return net;
  }

  @Test
  void forwardAndBackwardByHand() {
    Network net = scalarChain(2, 1, -3, 0.5);
    DMatrixRMaj X = new DMatrixRMaj(1, 2, true, 1, 2);
    DMatrixRMaj Y = new DMatrixRMaj(1, 2, true, 0, 1);
    Workspace ws = net.newWorkspace();
    double J = net.computeGradients(X, Y, ws);
    // Z1 = 2x + 1 = (3, 5); Z2 = -3 Z1 + 0.5 = (-8.5, -14.5); errors e = (-8.5, -15.5)
    assertArrayEquals(new double[] {3, 5}, ws.Z(1).data, 0);
    assertArrayEquals(new double[] {-8.5, -14.5}, ws.A(2).data, 0);
    assertEquals((8.5 * 8.5 + 15.5 * 15.5) / 2, J, 1e-12);
    // dZ2 = 2e/m = e; dW2 = Σ dZ2 A1 = -8.5*3 - 15.5*5; db2 = -24
    assertArrayEquals(new double[] {-8.5, -15.5}, ws.dZ(2).data, 1e-12);
    assertEquals(-8.5 * 3 - 15.5 * 5, ws.dW(2).get(0, 0), 1e-12);
    assertEquals(-24, ws.db(2).get(0, 0), 1e-12);
    // dA1 = W2ᵀ dZ2 = (25.5, 46.5) = dZ1; dW1 = Σ dZ1 x = 25.5 + 93; db1 = 72
    assertArrayEquals(new double[] {25.5, 46.5}, ws.dZ(1).data, 1e-12);
    assertEquals(25.5 + 93, ws.dW(1).get(0, 0), 1e-12);
    assertEquals(72, ws.db(1).get(0, 0), 1e-12);
    assertEquals(2, ws.batchSize());
  }

  @Test
  void biasIsBroadcastOverColumns() {
    Network net = Network.build(NetworkSpec.builder(2).layer(2, "identity").cost("mse").build());
    net.setParameter(net.layout().weights(1), new DMatrixRMaj(2, 2, true, 1, 2, 3, 4));
    net.setParameter(net.layout().biases(1), new DMatrixRMaj(2, 1, true, 10, 20));
    DMatrixRMaj out = net.predict(new DMatrixRMaj(2, 3, true, 1, 0, 1, 0, 1, 1));
    // columns (1,0), (0,1), (1,1) → W x + b
    assertArrayEquals(new double[] {11, 12, 13, 23, 24, 27}, out.data, 0);
  }

  @Test
  void workspaceIsReusedAcrossBatchSizesWithTheSameResults() {
    Network net = Network.build(NetworkSpec.builder(3).layer(5, "tanh").layer(2, "softmax")
        .cost("cce").seed(4).build());
    Random rng = new Random(2);
    DMatrixRMaj[] Xs = {TestData.gaussian(3, 7, rng), TestData.gaussian(3, 1, rng),
        TestData.gaussian(3, 4, rng)};
    Workspace shared = net.newWorkspace();
    for (DMatrixRMaj X : Xs) {
      DMatrixRMaj Y = TestData.oneHot(2, X.numCols, rng);
      Workspace fresh = net.newWorkspace();
      assertEquals(net.computeGradients(X, Y, fresh), net.computeGradients(X, Y, shared));
      for (int l = 1; l <= 2; l++) {
        assertArrayEquals(fresh.dW(l).data, shared.dW(l).data, 0.0);
        assertEquals(X.numCols, shared.dZ(l).numCols);
      }
    }
  }

  @Test
  void shapeErrorsNameTheLayerAndShapes() {
    Network net = Network.build(NetworkSpec.builder(2).layer(3, "tanh").layer(2, "softmax")
        .cost("cce").build());
    Workspace ws = net.newWorkspace();
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> net.predict(new DMatrixRMaj(5, 4), ws));
    assertEquals("layer 1: W is 3x2 but X = A[0] has 5 rows; the network's input layer has "
        + "n[0] = 2", x.getMessage());
    IllegalArgumentException y = assertThrows(IllegalArgumentException.class,
        () -> net.forward(new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 3), ws));
    assertTrue(y.getMessage().startsWith("layer 2: Y is 2x3 but A[2] is 2x4"), y.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> net.predict(new DMatrixRMaj(2, 0), ws));
    assertTrue(empty.getMessage().contains("m >= 1"), empty.getMessage());
    Workspace other = Network.build(NetworkSpec.builder(2).layer(2, "softmax").cost("cce")
        .build()).newWorkspace();
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
        () -> net.predict(new DMatrixRMaj(2, 1), other));
    assertTrue(w.getMessage().contains("[2, 2]") && w.getMessage().contains("[2, 3, 2]"),
        w.getMessage());
  }

  @Test
  void backwardNeedsAForwardPass() {
    Network net = Network.build(NetworkSpec.builder(2).layer(2, "softmax").cost("cce").build());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> net.backward(new DMatrixRMaj(2, 1), net.newWorkspace(), GradientPath.AUTO));
    assertTrue(e.getMessage().contains("forward pass"), e.getMessage());
  }

  @Test
  void buildErrorsNameTheLayerAndThePair() {
    PluginException unknown = assertThrows(PluginException.class,
        () -> Network.build(NetworkSpec.builder(2).layer(3, "tanh").layer(1, "sigmoidd")
            .cost("bce").build()));
    assertTrue(unknown.getMessage().startsWith("layer 2: unknown activation 'sigmoidd'"),
        unknown.getMessage());
    assertTrue(unknown.getMessage().contains("sigmoid, silu, softmax"), unknown.getMessage());
    PluginException cost = assertThrows(PluginException.class,
        () -> Network.build(NetworkSpec.builder(2).layer(1, "sigmoid").cost("xent").build()));
    assertTrue(cost.getMessage().startsWith("cost: unknown cost 'xent'"), cost.getMessage());
    IllegalArgumentException pair = assertThrows(IllegalArgumentException.class,
        () -> Network.build(NetworkSpec.builder(2).layer(3, "sigmoid").cost("bce").build()));
    assertTrue(pair.getMessage().startsWith(
        "cost 'bce' cannot follow output activation 'sigmoid' with n[L] = 3"), pair.getMessage());
  }

  @Test
  void initialWeightsDependOnTheSeedOnly() {
    NetworkSpec.Builder spec = NetworkSpec.builder(4).layer(6, "relu").layer(3, "softmax")
        .cost("cce");
    Network a = Network.build(spec.seed(5).build());
    Network b = Network.build(spec.seed(5).build());
    Network c = Network.build(spec.seed(6).build());
    assertArrayEquals(a.W(1).data, b.W(1).data, 0.0);
    assertArrayEquals(a.W(2).data, b.W(2).data, 0.0);
    assertFalse(java.util.Arrays.equals(a.W(1).data, c.W(1).data));
    assertArrayEquals(new double[3], a.b(2).data, 0.0);
    assertNotEquals(0.0, a.W(1).get(0, 0));
  }

  @Test
  void accessorsCheckLayerIndices() {
    Network net = Network.build(NetworkSpec.builder(2).layer(2, "softmax").cost("cce").build());
    assertEquals(2, net.size(0));
    assertEquals("softmax", net.activation(1).name());
    assertEquals("cce", net.cost().name());
    assertThrows(IndexOutOfBoundsException.class, () -> net.W(0));
    assertThrows(IndexOutOfBoundsException.class, () -> net.W(2));
    assertThrows(IndexOutOfBoundsException.class, () -> net.newWorkspace().dW(0));
    assertTrue(net.toString().contains("2 -> 2 softmax, cost cce"), net.toString());
  }

  @Test
  void aNetworkTooLargeForTheHeapIsRefusedBeforeItsWeightsAreAllocated() {
    long maxHeap = Runtime.getRuntime().maxMemory();
    int width = (int) Math.min(46_000, Math.sqrt(maxHeap / 4.0 / 8) + 100);
    NetworkSpec spec = NetworkSpec.builder(width).layer(width, "relu").layer(2, "softmax")
        .cost("cce").build();
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> Network.build(spec));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("layer sizes [" + width
        + ", " + width + ", 2] need "), e.getMessage());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().endsWith("; a network may take at "
        + "most a quarter of the maximum heap, " + maxHeap / 4 + " bytes"), e.getMessage());
  }
}

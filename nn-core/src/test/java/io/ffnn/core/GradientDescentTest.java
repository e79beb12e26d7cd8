package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

  @Test
  void stepSubtractsTheScaledGradient() {
    Network net = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "softmax")
        .cost("cce").seed(2).build());
    Random rng = new Random(5);
    Workspace ws = net.newWorkspace();
    net.computeGradients(TestData.gaussian(3, 6, rng), TestData.oneHot(2, 6, rng), ws);
    DMatrixRMaj W1 = net.W(1).copy();
    DMatrixRMaj b2 = net.b(2).copy();
    new GradientDescent(0.3).step(net, ws);
    for (int k = 0; k < W1.data.length; k++) {
      W1.data[k] -= 0.3 * ws.dW(1).data[k];
    }
    for (int k = 0; k < b2.data.length; k++) {
      b2.data[k] -= 0.3 * ws.db(2).data[k];
    }
    assertArrayEquals(W1.data, net.W(1).data, 0.0);
    assertArrayEquals(b2.data, net.b(2).data, 0.0);
  }

  @Test
  void stepsLowerTheCost() {
    Network net = Network.build(NetworkSpec.builder(2).layer(8, "tanh").layer(1, "sigmoid")
        .cost("bce").seed(4).build());
    Random rng = new Random(6);
    DMatrixRMaj X = TestData.gaussian(2, 20, rng);
    DMatrixRMaj Y = TestData.binary(1, 20, rng);
    Workspace ws = net.newWorkspace();
    GradientDescent sgd = new GradientDescent(0.5);
    double first = sgd.step(net, X, Y, ws);
    double last = first;
    for (int i = 0; i < 50; i++) {
      last = sgd.step(net, X, Y, ws);
    }
    assertTrue(last < first, first + " -> " + last);
  }

  @Test
  void rejectsBadRatesAndMissingGradients() {
    assertThrows(IllegalArgumentException.class, () -> new GradientDescent(0));
    assertThrows(IllegalArgumentException.class, () -> new GradientDescent(Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> new GradientDescent(Double.POSITIVE_INFINITY));
    Network net = Network.build(NetworkSpec.builder(2).layer(2, "softmax").cost("cce").build());
    Workspace ws = net.newWorkspace();
    net.predict(new DMatrixRMaj(2, 1), ws);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new GradientDescent(0.1).step(net, ws));
    assertTrue(e.getMessage().contains("computeGradients"), e.getMessage());
  }
}

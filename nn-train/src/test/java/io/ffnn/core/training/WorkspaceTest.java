package io.ffnn.core.training;

import io.ffnn.testing.core.TestData;
import io.ffnn.core.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkspaceTest {

  /** Bytes this thread allocated so far. */
  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"AUTO|sgd(lr=0.01)", "GENERIC|sgd(lr=0.01)",
      "JACOBIAN|sgd(lr=0.01)", "AUTO|nadam(lr=0.001, momentum_decay=0.004)",
      "AUTO|adam(lr=0.001, clip_norm=1.0, l2=0.0001)"})
  void trainingStepsAllocateNothingAfterWarmUp(GradientPath path, String optimizer) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(),
        "this JVM cannot measure per-thread allocation");
    Network net = Network.build(NetworkSpec.builder(20).layer(32, "relu").layer(16, "tanh")
        .layer(5, "softmax").cost("cce").seed(3).build());
    Random rng = new Random(1);
    // a full batch and a smaller last batch, as in an epoch whose size is not a multiple
    DMatrixRMaj X1 = TestData.gaussian(20, 16, rng);
    DMatrixRMaj Y1 = TestData.oneHot(5, 16, rng);
    DMatrixRMaj X2 = TestData.gaussian(20, 9, rng);
    DMatrixRMaj Y2 = TestData.oneHot(5, 9, rng);
    Optimizer sgd = Optimizers.fromSpec(optimizer);
    Workspace ws = net.newWorkspace();
    for (int i = 0; i < 2000; i++) {
      step(net, sgd, ws, X1, Y1, X2, Y2, path);
    }
    // the least of ten windows: one-off events (JIT compilation and deoptimisation, class
    // loading) allocate in some windows; an allocation per step would appear in all of them
    int steps = 200;
    long least = Long.MAX_VALUE;
    for (int window = 0; window < 10; window++) {
      long before = allocatedBytes();
      for (int i = 0; i < steps; i++) {
        step(net, sgd, ws, X1, Y1, X2, Y2, path);
      }
      least = Math.min(least, allocatedBytes() - before);
    }
    // measured: 0 bytes in most windows; one object per step would be 400 objects, >= 6 KB
    assertTrue(least < 1024,
        path + ", " + optimizer + ": at least " + least + " bytes allocated in every window of " + steps
            + " double steps");
  }

  private static void step(Network net, Optimizer sgd, Workspace ws, DMatrixRMaj X1,
      DMatrixRMaj Y1, DMatrixRMaj X2, DMatrixRMaj Y2, GradientPath path) {
    net.computeGradients(X1, Y1, ws, path);
    sgd.step(net, ws);
    net.computeGradients(X2, Y2, ws, path);
    sgd.step(net, ws);
  }

  @Test
  void buffersOnlyGrow() {
    Network net = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "softmax")
        .cost("cce").build());
    Workspace ws = net.newWorkspace();
    Random rng = new Random(2);
    net.predict(TestData.gaussian(3, 10, rng), ws);
    double[] z1 = ws.Z(1).data;
    assertEquals(10, ws.batchSize());
    net.predict(TestData.gaussian(3, 3, rng), ws);
    assertTrue(z1 == ws.Z(1).data, "a smaller batch must reuse the buffer");
    assertEquals(3, ws.Z(1).numCols);
    assertEquals(3, ws.batchSize());
  }

  @Test
  void combiningGradientsWeighsTwoWorkspacesEntryByEntryAndChecksThem() {
    Network net = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "identity")
        .cost("mse").seed(5).build());
    Random rng = new Random(7);
    Workspace first = net.newWorkspace();
    Workspace second = net.newWorkspace();
    net.computeGradients(TestData.gaussian(3, 5, rng), TestData.gaussian(2, 5, rng), first);
    net.computeGradients(TestData.gaussian(3, 2, rng), TestData.gaussian(2, 2, rng), second);
    DMatrixRMaj dW1 = first.dW(1).copy();
    DMatrixRMaj db2 = first.db(2).copy();
    first.combineGradients(5 / 7.0, second, 2 / 7.0);
    for (int k = 0; k < dW1.getNumElements(); k++) {
      assertEquals(5 / 7.0 * dW1.data[k] + 2 / 7.0 * second.dW(1).data[k], first.dW(1).data[k],
          0.0, "dW[1] entry " + k);
    }
    for (int k = 0; k < db2.getNumElements(); k++) {
      assertEquals(5 / 7.0 * db2.data[k] + 2 / 7.0 * second.db(2).data[k], first.db(2).data[k],
          0.0, "db[2] entry " + k);
    }
    IllegalStateException none = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> first.combineGradients(1, net.newWorkspace(), 1));
    assertEquals("both workspaces need gradients to combine them", none.getMessage());
    Network other = Network.build(NetworkSpec.builder(3).layer(5, "tanh").layer(2, "identity")
        .cost("mse").seed(5).build());
    Workspace wrong = other.newWorkspace();
    other.computeGradients(TestData.gaussian(3, 2, rng), TestData.gaussian(2, 2, rng), wrong);
    IllegalArgumentException shapes = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> first.combineGradients(1, wrong, 1));
    assertEquals("workspaces of layer sizes [3, 4, 2] and [3, 5, 2]", shapes.getMessage());
  }

  @Test
  void combiningByRangeWorksInTheGradientsPrecisionAndRefusesMixedOnes() {
    Network net = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "identity")
        .cost("mse").seed(5).precision(Precision.FLOAT32).build());
    Random rng = new Random(3);
    DMatrixRMaj X1 = TestData.gaussian(3, 4, rng);
    DMatrixRMaj X2 = TestData.gaussian(3, 4, rng);
    DMatrixRMaj Y = TestData.gaussian(2, 4, rng);
    ParameterLayout.Parameter W1 = net.layout().weights(1);
    // the operands, read from workspaces of their own: reading widens a workspace's gradients
    double[] g1 = gradientOf(net, X1, Y, W1);
    double[] g2 = gradientOf(net, X2, Y, W1);
    Workspace first = net.newWorkspace();
    Workspace second = net.newWorkspace();
    net.computeGradients(X1, Y, first);
    net.computeGradients(X2, Y, second);
    first.combineGradients(W1, 2, 7, 0.25, second, 0.75);
    DMatrixRMaj combined = first.gradient(W1);
    for (int k = 0; k < g1.length; k++) {
      // in float, as the gradients are held, and only within the range
      float expected = k >= 2 && k < 7 ? 0.25f * (float) g1[k] + 0.75f * (float) g2[k]
          : (float) g1[k];
      assertEquals(expected, combined.data[k], 0.0, "entry " + k);
    }
    // first's gradients were just read, so widened; second's are still float
    IllegalArgumentException mixed = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> first.combineGradients(W1, 0, 1, 1, second, 1));
    assertEquals("the workspaces hold their gradients in different precisions; combine them "
        + "whole", mixed.getMessage());
  }

  private static double[] gradientOf(Network net, DMatrixRMaj X, DMatrixRMaj Y,
      ParameterLayout.Parameter p) {
    Workspace ws = net.newWorkspace();
    net.computeGradients(X, Y, ws);
    return ws.gradient(p).data.clone();
  }
}

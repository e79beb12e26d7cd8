package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MiniBatchTrainerTest {

  private static NetworkSpec spec(long seed) {
    return NetworkSpec.builder(2).layer(16, "tanh").layer(3, "softmax").cost("cce").seed(seed)
        .build();
  }

  @Test
  void gathersColumnsInTheGivenOrder() {
    DMatrixRMaj M = new DMatrixRMaj(2, 4, true, 0, 1, 2, 3, 10, 11, 12, 13);
    DMatrixRMaj out = new DMatrixRMaj(1, 1);
    MiniBatchTrainer.gatherColumns(M, new int[] {3, 0, 2, 1}, 1, 4, out);
    assertArrayEquals(new double[] {0, 2, 1, 10, 12, 11}, out.data, 0.0);
    assertEquals(3, out.numCols);
  }

  @Test
  void learnsALinearlySeparableProblemAndReportsEveryEpoch() {
    Random rng = new Random(3);
    int m = 90;
    DMatrixRMaj X = TestData.gaussian(2, m, rng);
    DMatrixRMaj Y = new DMatrixRMaj(3, m);
    for (int i = 0; i < m; i++) {
      double angle = Math.atan2(X.get(1, i), X.get(0, i));
      Y.set((int) Math.floor((angle + Math.PI) / (2 * Math.PI / 3)) % 3, i, 1.0);
    }
    Network net = Network.build(spec(1));
    List<Double> reported = new ArrayList<>();
    double[] history = new MiniBatchTrainer(0.5, 16, 60, 9).fit(net, X, Y,
        (epoch, J) -> reported.add(J));
    assertEquals(60, history.length);
    assertEquals(60, reported.size());
    assertEquals(history[59], reported.get(59), 0.0);
    assertTrue(history[59] < history[0] / 3, Arrays.toString(history));
    assertTrue(Accuracy.of(net.predict(X), Y) > 0.9);
  }

  @Test
  void sameSeedsGiveBitIdenticalWeightsAndOtherShuffleSeedsDoNot() {
    Random rng = new Random(4);
    DMatrixRMaj X = TestData.gaussian(2, 50, rng);
    DMatrixRMaj Y = TestData.oneHot(3, 50, rng);
    Network a = Network.build(spec(2));
    Network b = Network.build(spec(2));
    Network c = Network.build(spec(2));
    new MiniBatchTrainer(0.1, 8, 3, 5).fit(a, X, Y, null);
    new MiniBatchTrainer(0.1, 8, 3, 5).fit(b, X, Y, null);
    new MiniBatchTrainer(0.1, 8, 3, 6).fit(c, X, Y, null);
    assertArrayEquals(a.W(1).data, b.W(1).data, 0.0);
    assertArrayEquals(a.W(2).data, b.W(2).data, 0.0);
    assertFalse(Arrays.equals(a.W(1).data, c.W(1).data));
  }

  @Test
  void batchLargerThanTheDataSetIsOneFullBatch() {
    Random rng = new Random(5);
    DMatrixRMaj X = TestData.gaussian(2, 5, rng);
    DMatrixRMaj Y = TestData.oneHot(3, 5, rng);
    Network a = Network.build(spec(3));
    Network b = Network.build(spec(3));
    new MiniBatchTrainer(0.1, 100, 1, 1).fit(a, X, Y, null);
    // one full-batch step: the order of columns changes only the summation order
    new GradientDescent(0.1).step(b, X, Y, b.newWorkspace());
    assertArrayEquals(b.W(1).data, a.W(1).data, 1e-14);
  }

  @Test
  void epochsAfterTheFirstAllocateNothing() {
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean)
        java.lang.management.ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported()
        && bean.isThreadAllocatedMemoryEnabled());
    Random rng = new Random(6);
    DMatrixRMaj X = TestData.gaussian(2, 100, rng);
    DMatrixRMaj Y = TestData.oneHot(3, 100, rng);
    long[] bytes = {Long.MAX_VALUE, Long.MAX_VALUE};
    int[] epochs = {2, 42};
    for (int round = 0; round < 8; round++) {
      for (int k = 0; k < 2; k++) {
        Network net = Network.build(spec(1));
        MiniBatchTrainer trainer = new MiniBatchTrainer(0.1, 16, epochs[k], 1);
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        trainer.fit(net, X, Y, null);
        // the least of several rounds, so that one-off JIT or class-loading work does not count
        bytes[k] = Math.min(bytes[k],
            bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
      }
    }
    // 40 more epochs of 7 batches each (the last one of 4 examples); the history array grows
    // by 320 bytes
    assertTrue(bytes[1] - bytes[0] < 4096, bytes[0] + " vs " + bytes[1] + " bytes");
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new MiniBatchTrainer(0.1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new MiniBatchTrainer(0.1, 1, 0, 1));
    Network net = Network.build(spec(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MiniBatchTrainer(0.1, 4, 1, 1).fit(net, new DMatrixRMaj(2, 5),
            new DMatrixRMaj(3, 4), null));
    assertTrue(e.getMessage().contains("X has 5 examples (columns) but Y has 4"), e.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> new MiniBatchTrainer(0.1, 4, 1, 1).fit(net, new DMatrixRMaj(3, 5),
            new DMatrixRMaj(3, 5), null));
    assertTrue(shape.getMessage().contains("n[0] = 2"), shape.getMessage());
  }
}

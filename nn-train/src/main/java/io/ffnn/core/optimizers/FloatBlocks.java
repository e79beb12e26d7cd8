package io.ffnn.core.optimizers;

import io.ffnn.core.ParameterLayout.Parameter;
import io.ffnn.core.internal.Floats;

/**
 * Per-thread scratch for the float forms of the rules: a block of a float32 network's entries
 * and gradients widened to {@code double}, and a block of each state array copied beside them. A
 * rule's {@code double} arithmetic runs on the blocks in a loop without conversions and with one
 * index for every array, which the JIT vectorises on every JDK (JDK 17's does not
 * vectorise a loop that converts between {@code float} and {@code double}: Adam's float form ran
 * 25 times slower than its double form there), and the result is rounded back: the same values
 * as the conversions inside the loop. {@value #SIZE} entries in each of four blocks, 64 KiB a
 * thread, allocated on a thread's first step.
 */
final class FloatBlocks {

  /** Entries per block. */
  static final int SIZE = 2048;

  /**
   * Whether the JIT vectorises a loop that converts between {@code float} and {@code double}
   * (JDK 20 and later): then a float form converts in its loop, which is faster still (Adam's
   * float step, JDK 25: 177 µs in the loop, 384 µs by blocks; JDK 17: 4,600 µs in the loop,
   * 540 µs by blocks, for the standard network's 235,146 entries).
   */
  static final boolean CONVERTS_IN_LOOP = Runtime.version().feature() >= 21;

  private static final ThreadLocal<double[][]> BLOCKS = ThreadLocal.withInitial(
      () -> new double[][] {new double[SIZE], new double[SIZE], new double[SIZE],
          new double[SIZE]});

  private FloatBlocks() {}

  /**
   * A rule's {@code double} step on entries {@code [0, n)} of blocks that share one index: the
   * same loop as its {@code double} form.
   */
  @FunctionalInterface
  interface Step {
    void apply(Parameter p, double[] theta, double[] g, double[] s1, double[] s2, int n,
        double lr, long t);
  }

  /**
   * A float form by blocks: {@code θ} and {@code g} widened a block at a time into this thread's
   * scratch, the rule's state arrays copied beside them, {@code step} applied, the state copied
   * back and {@code θ} rounded back.
   *
   * @param step the rule's double step; made once per rule, so that a step allocates nothing
   * @param p the parameter
   * @param theta its entries. Modified in {@code [from, to)}.
   * @param g its gradient. Not modified.
   * @param s1 the rule's first state array for {@code p}. Modified in {@code [from, to)}.
   * @param s2 the second, or null for a rule with one
   * @param from the first entry
   * @param to one past the last entry
   * @param lr the learning rate
   * @param t the step number
   */
  static void update(Step step, Parameter p, float[] theta, float[] g, double[] s1, double[] s2,
      int from, int to, double lr, long t) {
    final double[][] blocks = BLOCKS.get();
    for (int at = from; at < to; at += SIZE) {
      final int n = Math.min(SIZE, to - at);
      Floats.widen(theta, at, blocks[0], 0, n);
      Floats.widen(g, at, blocks[1], 0, n);
      System.arraycopy(s1, at, blocks[2], 0, n);
      if (s2 != null) {
        System.arraycopy(s2, at, blocks[3], 0, n);
      }
      step.apply(p, blocks[0], blocks[1], blocks[2], blocks[3], n, lr, t);
      System.arraycopy(blocks[2], 0, s1, at, n);
      if (s2 != null) {
        System.arraycopy(blocks[3], 0, s2, at, n);
      }
      Floats.narrow(blocks[0], 0, theta, at, n);
    }
  }
}

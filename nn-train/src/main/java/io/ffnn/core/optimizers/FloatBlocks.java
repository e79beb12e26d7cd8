package io.ffnn.core.optimizers;

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
   * This thread's blocks.
   *
   * @return four blocks, each {@link #SIZE} long: {@code θ}, {@code g}, and two for the rule's
   *     state
   */
  static double[][] get() {
    return BLOCKS.get();
  }
}

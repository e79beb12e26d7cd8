package io.ffnn.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixRMaj;

/**
 * One partition's training examples as a training run caches them: example-major matrices (each
 * example one contiguous row, so that gathering a batch streams it), built once per run. Example
 * {@code j} of the partition is example {@code start + j} of the data set, {@code start} being the
 * number of examples in the partitions before it.
 *
 * <p>A shard also carries the first problem its examples have (a wrong width, a value that is
 * not finite): the run's first job reports it once, naming the example, rather than every step
 * failing on it.
 */
final class Shard implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The examples as rows: {@code count × n[0]}. */
  final DMatrixRMaj X;
  /** The targets as rows: {@code count × targets}. */
  final DMatrixRMaj Y;
  /** The examples' weights, or null when they all weigh 1. */
  final double[] W;
  /** The sum of the examples' weights, and the least and the largest weight. */
  final double weightSum;
  final double minWeight;
  final double maxWeight;
  /** The partition's number of examples. */
  final int count;
  /** The first problem with an example, e.g. {@code "input 3 is NaN"}; or null. */
  final String error;
  /** The local index of the example with that problem. */
  final int errorAt;

  private Shard(DMatrixRMaj X, DMatrixRMaj Y, double[] W, int count, String error,
      int errorAt) {
    this.X = X;
    this.Y = Y;
    this.W = W;
    this.count = count;
    double sum = 0;
    double min = count == 0 ? 1 : Double.POSITIVE_INFINITY;
    double max = count == 0 ? 1 : Double.NEGATIVE_INFINITY;
    for (int j = 0; j < (W == null ? 0 : count); j++) {
      sum += W[j];
      min = Math.min(min, W[j]);
      max = Math.max(max, W[j]);
    }
    this.weightSum = W == null ? count : sum;
    this.minWeight = W == null ? 1 : min;
    this.maxWeight = W == null ? 1 : max;
    this.error = error;
    this.errorAt = errorAt;
  }

  /**
   * A partition's examples, checked against the network's widths.
   *
   * @param partition the partition's index
   * @param rows its examples, in order
   * @param inputs {@code n[0]}
   * @param targets the network's target rows
   */
  static Shard of(int partition, Iterator<Example> rows, int inputs, int targets) {
    double[] x = new double[64 * inputs];
    double[] y = new double[64 * targets];
    double[] w = null;
    int count = 0;
    String error = null;
    int errorAt = -1;
    while (rows.hasNext()) {
      Example e = rows.next();
      if (error == null) {
        error = problem(e, inputs, targets);
        errorAt = count;
      }
      if (error != null) {
        count++;
        continue;
      }
      if ((count + 1) * inputs > x.length) {
        x = Arrays.copyOf(x, 2 * x.length);
      }
      if ((count + 1) * targets > y.length) {
        y = Arrays.copyOf(y, 2 * y.length);
      }
      System.arraycopy(e.x(), 0, x, count * inputs, inputs);
      System.arraycopy(e.y(), 0, y, count * targets, targets);
      if (w == null && e.weight() != 1) {
        // the first weight other than 1: the ones before it weighed 1
        w = new double[Math.max(64, x.length / Math.max(1, inputs))];
        Arrays.fill(w, 0, count, 1);
      }
      if (w != null) {
        if (count >= w.length) {
          w = Arrays.copyOf(w, 2 * w.length);
        }
        w[count] = e.weight();
      }
      count++;
    }
    if (error != null) {
      return new Shard(new DMatrixRMaj(0, inputs), new DMatrixRMaj(0, targets), null, count,
          error, errorAt);
    }
    return new Shard(DMatrixRMaj.wrap(count, inputs, Arrays.copyOf(x, count * inputs)),
        DMatrixRMaj.wrap(count, targets, Arrays.copyOf(y, count * targets)),
        w == null ? null : Arrays.copyOf(w, count), count, null, -1);
  }

  /**
   * Fills {@code w[0 … hi−lo)} with the weights of the examples at {@code index.local[lo …
   * hi)}, each times {@code factor} (1 for an example of a shard without weights).
   */
  void gatherWeights(EpochIndex index, int lo, int hi, double factor, double[] w) {
    for (int k = lo; k < hi; k++) {
      w[k - lo] = (W == null ? 1 : W[index.local[k]]) * factor;
    }
  }

  /**
   * A partition's one shard, the iterator read to its end, which releases the cached block.
   *
   * @param shards a partition's cached shards: one
   * @return the shard
   */
  static Shard of(Iterator<Shard> shards) {
    Shard shard = shards.next();
    while (shards.hasNext()) {
      shards.next();
    }
    return shard;
  }

  private static String problem(Example e, int inputs, int targets) {
    if (e.x().length != inputs || e.y().length != targets) {
      return "has " + e.x().length + " inputs and " + e.y().length + " targets; the network "
          + "takes n[0] = " + inputs + " and " + targets + " target rows";
    }
    for (int i = 0; i < inputs; i++) {
      if (!Double.isFinite(e.x()[i])) {
        return "has input " + i + " = " + e.x()[i];
      }
    }
    for (int i = 0; i < targets; i++) {
      if (!Double.isFinite(e.y()[i])) {
        return "has target " + i + " = " + e.y()[i];
      }
    }
    if (!(e.weight() >= 0) || e.weight() == Double.POSITIVE_INFINITY) {
      return "has weight " + e.weight() + "; a weight is finite and >= 0";
    }
    return null;
  }

  /**
   * Where this partition's examples fall in an epoch: their places in the epoch's order, sorted,
   * and the local example at each. A batch {@code [from, to)} is then a contiguous range found by
   * binary search, so a step costs the partition its share of the batch, not a pass over its
   * examples.
   */
  static final class EpochIndex {
    final int epoch;
    /** Sorted places in the epoch's order. */
    final int[] places;
    /** {@code local[k]}: the local example at {@code places[k]}. */
    final int[] local;

    EpochIndex(int epoch, int[] position, long start, int count) {
      this.epoch = epoch;
      long[] keyed = new long[count];
      for (int j = 0; j < count; j++) {
        keyed[j] = ((long) position[Math.toIntExact(start + j)] << 32) | j;
      }
      Arrays.sort(keyed);
      places = new int[count];
      local = new int[count];
      for (int k = 0; k < count; k++) {
        places[k] = (int) (keyed[k] >>> 32);
        local[k] = (int) keyed[k];
      }
    }

    /** The first {@code k} with {@code places[k] >= place}. */
    int lowerBound(int place) {
      int lo = 0;
      int hi = places.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (places[mid] < place) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /**
   * The epoch indexes this JVM built for the current run's partitions: built on a partition's
   * first step of an epoch, replaced by the next epoch's, dropped when another run starts.
   */
  static final class Indexes {
    private static volatile Indexes current = new Indexes("");

    private final String run;
    private final ConcurrentHashMap<Integer, EpochIndex> byPartition = new ConcurrentHashMap<>();

    private Indexes(String run) {
      this.run = run;
    }

    static EpochIndex get(String run, int partition, int epoch, int[] position, long start,
        int count) {
      Indexes indexes = current;
      if (!indexes.run.equals(run)) {
        synchronized (Indexes.class) {
          if (!current.run.equals(run)) {
            current = new Indexes(run);
          }
          indexes = current;
        }
      }
      EpochIndex index = indexes.byPartition.get(partition);
      if (index == null || index.epoch != epoch) {
        index = new EpochIndex(epoch, position, start, count);
        indexes.byPartition.put(partition, index);
      }
      return index;
    }
  }
}

package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.internal.DoubleKernels;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a training task does on a partition in either mode ({@link Exact}'s step, {@link
 * Averaging}'s round): finds the partition's shard and its index in the epoch's order, and runs
 * forward and backward passes on ranges of that index, one result per partition.
 *
 * @param <R> the partition's result
 */
abstract class ShardTask<R> implements Function2<Integer, Iterator<Shard>, Iterator<R>> {

  private static final long serialVersionUID = 1L;

  /** The run's id, which keys the executors' replicas and epoch indexes. */
  final String run;
  /** The network's description, from which an executor builds its replica. */
  final Broadcast<Map<String, byte[]>> description;
  /** Each example's place in the epoch's order. */
  final Broadcast<int[]> positions;
  /** Where each partition starts in the data set. */
  final long[] starts;
  final int epoch;
  /** {@link Shards.Checked#weighting}: 0 for an unweighted run. */
  final double weighting;

  ShardTask(String run, Broadcast<Map<String, byte[]>> description, Broadcast<int[]> positions,
      long[] starts, int epoch, double weighting) {
    this.run = run;
    this.description = description;
    this.positions = positions;
    this.starts = starts;
    this.epoch = epoch;
    this.weighting = weighting;
  }

  @Override
  public final Iterator<R> call(Integer partition, Iterator<Shard> shards) {
    Shard shard = Shard.of(shards);
    Shard.EpochIndex index = Shard.Indexes.get(run, partition, epoch, positions.value(),
        starts[partition], shard.count);
    return Collections.singletonList(train(partition, shard, index)).iterator();
  }

  /** The partition's work on its shard, whose examples the index puts in the epoch's order. */
  abstract R train(int partition, Shard shard, Shard.EpochIndex index);

  /**
   * The forward and backward passes of the replica's network on the examples {@code lo … hi−1}
   * of the index, gathered in that order into the replica's buffers, weighed, with dropout's
   * masks drawn from {@code maskSeed} and the partition; the gradients are left in the
   * replica's workspace.
   *
   * @return the cost {@code J} of those examples
   */
  final double gradients(Replica r, int partition, Shard shard, Shard.EpochIndex index, int lo,
      int hi, long maskSeed) {
    Network net = r.net;
    DoubleKernels.gatherRowsAsColumns(shard.X, index.local, lo, hi, r.X);
    DoubleKernels.gatherRowsAsColumns(shard.Y, index.local, lo, hi, r.Y);
    if (net.spec().hasDropout()) {
      r.ws.training(new Random(maskSeed * 0x9E3779B97F4A7C15L + partition));
    }
    r.weigh(shard, index, lo, hi, weighting);
    return net.computeGradients(r.X, r.Y, r.ws);
  }
}

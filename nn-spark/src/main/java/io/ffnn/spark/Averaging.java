package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * Periodic parameter averaging, {@link SparkTrainer#averaging}'s mode: one Spark job, a round,
 * runs {@code K} local steps on every partition, each partition with its own copy of the
 * optimizer, starting from the parameters and optimizer state the driver broadcast; the driver
 * then takes the average of the partitions' parameters and optimizer states, each weighted by
 * the examples it trained on in the round.
 */
final class Averaging {

  private Averaging() {}

  /** What the driver broadcasts for a round: the parameters, the optimizer and its state. */
  record Start(double[] parameters, String optimizer, double learningRate, long steps,
      List<double[]> state) implements Serializable {}

  /**
   * What the partitions send back: the sums over partitions of {@code n_p θ_p} and {@code n_p
   * S_p} (the parameters, then each kind of optimizer state, in the parameters' layout), of
   * the cost over the examples trained on, the examples, and the most local steps a partition
   * took. Combined by addition; an empty result ({@code count = 0}) is the zero.
   */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    double[] sums;
    double cost;
    long count;
    int steps;

    Result add(Result other) {
      if (other.count == 0) {
        return this;
      }
      if (count == 0) {
        sums = other.sums;
      } else {
        for (int k = 0; k < sums.length; k++) {
          sums[k] += other.sums[k];
        }
      }
      cost += other.cost;
      count += other.count;
      steps = Math.max(steps, other.steps);
      return this;
    }
  }

  /**
   * One round on one partition: its examples in the epoch's order (the single-machine order,
   * restricted to the partition), local batches {@code (round − 1) K B …} of {@code B}, each a
   * forward and backward pass and a step of the partition's optimizer.
   */
  static final class Round implements Function2<Integer, Iterator<Shard>, Iterator<Result>> {
    private static final long serialVersionUID = 1L;

    private final String run;
    private final Broadcast<Map<String, byte[]>> description;
    private final Broadcast<Start> start;
    private final Broadcast<int[]> positions;
    private final long[] starts;
    private final int epoch;
    private final int round;
    private final int localSteps;
    private final int batchSize;
    private final long dropoutSeed;

    Round(String run, Broadcast<Map<String, byte[]>> description, Broadcast<Start> start,
        Broadcast<int[]> positions, long[] starts, int epoch, int round, int localSteps,
        int batchSize, long dropoutSeed) {
      this.run = run;
      this.description = description;
      this.start = start;
      this.positions = positions;
      this.starts = starts;
      this.epoch = epoch;
      this.round = round;
      this.localSteps = localSteps;
      this.batchSize = batchSize;
      this.dropoutSeed = dropoutSeed;
    }

    @Override
    public Iterator<Result> call(Integer partition, Iterator<Shard> shards) {
      Shard shard = shards.next();
      while (shards.hasNext()) {
        shards.next();
      }
      Shard.EpochIndex index = Shard.Indexes.get(run, partition, epoch, positions.value(),
          starts[partition], shard.count);
      long first = (long) (round - 1) * localSteps * batchSize;
      if (first >= shard.count) {
        return Collections.singletonList(new Result()).iterator();
      }
      int end = (int) Math.min(shard.count, first + (long) localSteps * batchSize);
      Replica r = Replica.of(run, description.value());
      Network net = r.net;
      Start s = start.value();
      net.setParameters(s.parameters());
      Optimizer opt;
      if (s.state().isEmpty()) {
        // no state yet (the run's first round, or a rule without any): a fresh optimizer, so
        // that a retried task starts where the first attempt did
        opt = Optimizers.fromSpec(s.optimizer());
        if (s.steps() > 0) {
          opt.importState(net, new Optimizer.State(s.steps(), List.of()));
        }
      } else {
        opt = r.optimizer(s.optimizer());
        List<double[][]> arrays = new ArrayList<>();
        for (double[] flat : s.state()) {
          arrays.add(SparkTrainer.byParameter(net, flat));
        }
        opt.importState(net, new Optimizer.State(s.steps(), arrays));
      }
      opt.setLearningRate(s.learningRate());
      double cost = 0;
      int steps = 0;
      for (int lo = (int) first; lo < end; lo += batchSize) {
        int hi = Math.min(end, lo + batchSize);
        DoubleKernels.gatherRowsAsColumns(shard.X, index.local, lo, hi, r.X);
        DoubleKernels.gatherRowsAsColumns(shard.Y, index.local, lo, hi, r.Y);
        if (net.spec().hasDropout()) {
          r.ws.training(new Random((dropoutSeed ^ (31L * round + steps)) * 0x9E3779B97F4A7C15L
              + partition));
        }
        double J = net.computeGradients(r.X, r.Y, r.ws);
        opt.step(net, r.ws);
        cost += J * (hi - lo);
        steps++;
      }
      int n = end - (int) first;
      int P = net.parameterCount();
      Optimizer.State after = opt.exportState();
      double[] sums = new double[P * (1 + after.arrays().size())];
      double[] theta = new double[P];
      net.getParameters(theta);
      System.arraycopy(theta, 0, sums, 0, P);
      for (int k = 0; k < after.arrays().size(); k++) {
        SparkTrainer.flatten(net, after.arrays().get(k), sums, P * (k + 1));
      }
      for (int k = 0; k < sums.length; k++) {
        sums[k] *= n;
      }
      Result result = new Result();
      result.sums = sums;
      result.cost = cost;
      result.count = n;
      result.steps = steps;
      return Collections.singletonList(result).iterator();
    }
  }

}

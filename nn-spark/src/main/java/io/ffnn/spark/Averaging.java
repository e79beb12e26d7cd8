package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.Workspace;
import io.ffnn.core.training.History;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.core.training.TrainingRun;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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

  /** The broadcast of each example's place in an epoch's order. */
  @FunctionalInterface
  interface Positions {
    Broadcast<int[]> of(JavaSparkContext sc, int epoch, int m);
  }

  /**
   * The driver's loop ({@link SparkTrainer#averaging}): per epoch, rounds until every partition
   * has passed over its examples; per round, the start broadcast, one job, the weighted
   * averages.
   */
  static History train(JavaSparkContext sc, TrainingRun run, JavaRDD<Shard> shards,
      Broadcast<Map<String, byte[]>> description, String id, long[] bounds, int m,
      TrainingConfig config, int localSteps, int depth, Positions epochPositions,
      double weighting) {
    Network net = run.network();
    Optimizer opt = run.optimizer();
    int batchSize = config.batchSize();
    int P = net.parameterCount();
    long largest = 0;
    for (int p = 0; p + 1 < bounds.length; p++) {
      largest = Math.max(largest, bounds[p + 1] - bounds[p]);
    }
    long[] starts = Arrays.copyOf(bounds, bounds.length - 1);
    int localBatches = (int) ((largest + batchSize - 1) / batchSize);
    int rounds = Math.max(1, (localBatches + localSteps - 1) / localSteps);
    Workspace ws = net.newWorkspace();
    double[] parameters = new double[P];
    String spec = opt.spec();
    for (int epoch = run.firstEpoch(); run.continues(epoch); epoch++) {
      run.epochStart(epoch);
      Broadcast<int[]> positions = epochPositions.of(sc, epoch, m);
      for (int round = 1; round <= rounds; round++) {
        // the schedule's rate at the fraction of the epoch done
        run.batchStart(1 + (int) ((long) (round - 1) * run.batchesPerEpoch() / rounds));
        sc.setJobDescription("ffnn: epoch " + epoch + "/" + config.epochs() + ", round " + round
            + "/" + rounds + " (" + localSteps + " local steps)");
        net.getParameters(parameters);
        Optimizer.State state = opt.exportState();
        List<double[]> flat = new ArrayList<>();
        for (double[][] kind : state.arrays()) {
          double[] f = new double[P];
          flatten(net, kind, f, 0);
          flat.add(f);
        }
        Broadcast<Start> start = sc.broadcast(new Start(parameters.clone(),
            spec, opt.learningRate(), state.steps(), flat));
        Result total = shards.mapPartitionsWithIndex(new Round(id,
            description, start, positions, starts, epoch, round, localSteps, batchSize,
            net.spec().seed() ^ (31L * epoch + round), weighting), true)
            .treeAggregate(new Result(), Result::add, Result::add, depth);
        start.destroy();
        if (total.count == 0) {
          throw new IllegalStateException("epoch " + epoch + ", round " + round + ": no "
              + "partition held an example of the round; the RDD must give the same examples "
              + "in the same order every time it is computed");
        }
        double[] sums = total.sums;
        for (int k = 0; k < sums.length; k++) {
          sums[k] /= total.count;
        }
        net.setParameters(Arrays.copyOf(sums, P));
        List<double[][]> arrays = new ArrayList<>();
        // the kinds of state the partitions' optimizers keep (none on the driver before its
        // first round)
        int kinds = sums.length / P - 1;
        for (int k = 0; k < kinds; k++) {
          arrays.add(byParameter(net, Arrays.copyOfRange(sums, P * (k + 1), P * (k + 2))));
        }
        opt.importState(net, new Optimizer.State(state.steps() + total.steps, arrays));
        run.batchEnd(total.cost / total.count, (int) total.count, ws);
      }
      positions.destroy();
      run.epochEnd(new LinkedHashMap<>(Map.of("loss", run.runningLoss())));
    }
    return run.end();
  }

  /** A flat array in the parameters' layout, as one array per parameter. */
  static double[][] byParameter(Network net, double[] flat) {
    List<io.ffnn.core.ParameterLayout.Parameter> params = net.layout().parameters();
    double[][] arrays = new double[params.size()][];
    for (io.ffnn.core.ParameterLayout.Parameter p : params) {
      arrays[p.index()] = Arrays.copyOfRange(flat, p.offset(), p.offset() + p.size());
    }
    return arrays;
  }

  /** One array per parameter into {@code into} from {@code at}, in the parameters' layout. */
  static void flatten(Network net, double[][] arrays, double[] into, int at) {
    for (io.ffnn.core.ParameterLayout.Parameter p : net.layout().parameters()) {
      System.arraycopy(arrays[p.index()], 0, into, at + p.offset(), p.size());
    }
  }


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
  static final class Round extends ShardTask<Result> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<Start> start;
    private final int round;
    private final int localSteps;
    private final int batchSize;
    private final long dropoutSeed;

    Round(String run, Broadcast<Map<String, byte[]>> description, Broadcast<Start> start,
        Broadcast<int[]> positions, long[] starts, int epoch, int round, int localSteps,
        int batchSize, long dropoutSeed, double weighting) {
      super(run, description, positions, starts, epoch, weighting);
      this.start = start;
      this.round = round;
      this.localSteps = localSteps;
      this.batchSize = batchSize;
      this.dropoutSeed = dropoutSeed;
    }

    @Override
    Result train(int partition, Shard shard, Shard.EpochIndex index) {
      long first = (long) (round - 1) * localSteps * batchSize;
      if (first >= shard.count) {
        return new Result();
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
          arrays.add(byParameter(net, flat));
        }
        opt.importState(net, new Optimizer.State(s.steps(), arrays));
      }
      opt.setLearningRate(s.learningRate());
      double cost = 0;
      int steps = 0;
      for (int lo = (int) first; lo < end; lo += batchSize) {
        int hi = Math.min(end, lo + batchSize);
        double J = gradients(r, partition, shard, index, lo, hi,
            dropoutSeed ^ (31L * round + steps));
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
        flatten(net, after.arrays().get(k), sums, P * (k + 1));
      }
      for (int k = 0; k < sums.length; k++) {
        sums[k] *= n;
      }
      Result result = new Result();
      result.sums = sums;
      result.cost = cost;
      result.count = n;
      result.steps = steps;
      return result;
    }
  }

}

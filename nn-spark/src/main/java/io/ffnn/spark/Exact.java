package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.Workspace;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.training.History;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.core.training.TrainingRun;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Exact gradient aggregation, {@link SparkTrainer}'s default mode: one Spark job a mini-batch
 * step, in which every partition computes the sums of gradients and cost over its examples in
 * the batch; the driver adds them up ({@code treeAggregate}), divides by the batch size and
 * applies the optimizer, so that the weights are single-machine training's for any number of
 * partitions.
 */
final class Exact {

  private Exact() {}

  /**
   * The driver's loop: per epoch, the epoch's order broadcast; per step, the parameters
   * broadcast, one job, the summed gradients divided by the batch size, the optimizer's step.
   */
  static History train(JavaSparkContext sc, TrainingRun run, JavaRDD<Shard> shards,
      Broadcast<Map<String, byte[]>> description, String id, long[] starts, int m,
      TrainingConfig config, int depth, Averaging.Positions epochPositions, double weighting) {
    Network net = run.network();
    Optimizer opt = run.optimizer();
    int batchSize = config.batchSize();
    Workspace ws = net.newWorkspace();
    double[] parameters = new double[net.parameterCount()];
    net.getParameters(parameters);
    for (int epoch = run.firstEpoch(); run.continues(epoch); epoch++) {
      run.epochStart(epoch);
      Broadcast<int[]> positions = epochPositions.of(sc, epoch, m);
      for (int batch = 1; batch <= run.batchesPerEpoch(); batch++) {
        int from = (batch - 1) * batchSize;
        int to = Math.min(m, from + batchSize);
        run.batchStart(batch);
        sc.setJobDescription("ffnn: epoch " + epoch + "/" + config.epochs() + ", step " + batch
            + "/" + run.batchesPerEpoch());
        // a copy: in local mode the tasks may read the broadcast object itself
        Broadcast<double[]> weights = sc.broadcast(parameters.clone());
        Partial total = shards.mapPartitionsWithIndex(new Step(id, description, weights,
            positions, starts, epoch, from, to, net.spec().seed() ^ (31L * epoch + batch),
            weighting), true)
            .treeAggregate(new Partial(), Partial::add, Partial::add, depth);
        weights.destroy();
        int mb = to - from;
        if (total.count != mb) {
          throw new IllegalStateException("epoch " + epoch + ", batch " + batch + ": the "
              + "partitions held " + total.count + " of the batch's " + mb + " examples; the "
              + "RDD must give the same examples in the same order every time it is computed");
        }
        ws.setGradients(total.sums, 1.0 / mb);
        opt.step(net, ws);
        net.getParameters(parameters);
        run.batchEnd(total.cost / mb, mb, ws);
      }
      positions.destroy();
      run.epochEnd(new LinkedHashMap<>(Map.of("loss", run.runningLoss())));
    }
    return run.end();
  }

  /**
   * One step on one partition: its examples in the batch, a contiguous range of its epoch index,
   * gathered in batch order into the replica's buffers and through its forward and backward
   * passes; their sums of gradients and cost.
   */
  private static final class Step extends ShardTask<Partial> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<double[]> weights;
    private final int from;
    private final int to;
    private final long dropoutSeed;

    Step(String run, Broadcast<Map<String, byte[]>> description, Broadcast<double[]> weights,
        Broadcast<int[]> positions, long[] starts, int epoch, int from, int to,
        long dropoutSeed, double weighting) {
      super(run, description, positions, starts, epoch, weighting);
      this.weights = weights;
      this.from = from;
      this.to = to;
      this.dropoutSeed = dropoutSeed;
    }

    @Override
    Partial train(int partition, Shard shard, Shard.EpochIndex index) {
      int lo = index.lowerBound(from);
      int hi = index.lowerBound(to);
      if (lo == hi) {
        return new Partial();
      }
      Replica r = Replica.of(run, description.value());
      r.net.setParameters(weights.value());
      double J = gradients(r, partition, shard, index, lo, hi, dropoutSeed);
      int mp = hi - lo;
      Arrays.fill(r.sums, 0);
      r.ws.addGradientsTo(r.sums, mp);
      return new Partial(r.sums, J * mp, mp);
    }
  }
}

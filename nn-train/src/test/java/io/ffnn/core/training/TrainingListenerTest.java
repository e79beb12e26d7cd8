package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.testing.train.Pinned;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener contract: listeners that act on a run through its context. */
class TrainingListenerTest {

  private static final NetworkSpec SPEC = NetworkSpec.builder(2).layer(16, "tanh")
      .layer(3, "softmax").cost("cce").seed(4).build();
  private static final Dataset DATA = Generated.spirals(3, 30, 0.2, 2);

  @TempDir
  Path dir;

  /** Keeps epoch {@code keep}'s weights, stops at epoch {@code stop}, puts the kept ones back. */
  private static final class KeepStopRestore implements TrainingListener {
    private final int keep;
    private final int stop;
    private double[] kept;

    KeepStopRestore(int keep, int stop) {
      this.keep = keep;
      this.stop = stop;
    }

    @Override
    public TrainingListener forRun() {
      return new KeepStopRestore(keep, stop);
    }

    @Override
    public void epochEnd(TrainingContext context) {
      if (context.epoch() == keep) {
        kept = new double[context.network().parameterCount()];
        context.network().getParameters(kept);
      }
      if (context.epoch() == stop) {
        context.requestStop();
      }
    }

    @Override
    public void trainingEnd(TrainingContext context) {
      context.restoreWeights(kept, keep);
    }
  }

  private static Trainer.Builder sgd(int epochs) {
    return Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(epochs)
        .batchSize(16).seed(5).build());
  }

  @Test
  void aListenerStopsTrainingAndRestoresWeights() {
    Network stopped = Network.build(SPEC);
    History h = sgd(10).listener(new KeepStopRestore(2, 4)).build().fit(stopped, DATA);
    assertEquals(4, h.epochs().size());
    assertTrue(h.stoppedEarly());
    assertTrue(h.restoredBestWeights());
    assertEquals(2, h.bestEpoch());

    Network twoEpochs = Network.build(SPEC);
    History first = sgd(10).listener(new TrainingListener() {
      @Override
      public void epochEnd(TrainingContext context) {
        if (context.epoch() == 2) {
          context.requestStop();
        }
      }
    }).build().fit(twoEpochs, DATA);
    // the restored weights are exactly epoch 2's; the first two epochs are the same epochs
    assertEquals(Pinned.weights(twoEpochs), Pinned.weights(stopped));
    assertEquals(first.epochs().get(1).metrics(), h.epochs().get(1).metrics());
    assertTrue(first.stoppedEarly());
    assertFalse(first.restoredBestWeights());

    // a stop asked for in the last planned epoch is no early stop
    History last = sgd(2).listener(new KeepStopRestore(1, 2)).build().fit(Network.build(SPEC),
        DATA);
    assertFalse(last.stoppedEarly());
    assertTrue(last.restoredBestWeights());
  }

  @Test
  void theContextDescribesTheRunAndEveryBatch() {
    List<String> seen = new ArrayList<>();
    sgd(1).validationFraction(0.2).listener(new TrainingListener() {
      @Override
      public void trainingStart(TrainingContext c) {
        seen.add(c.examples() + " examples, " + c.batchesPerEpoch() + " batches, "
            + c.metricNames() + ", " + c.optimizer().spec() + ", epoch " + c.epoch());
      }

      @Override
      public void batchEnd(TrainingContext c) {
        assertTrue(Double.isFinite(c.batchLoss()) && c.nonFiniteParameter() == null);
        assertTrue(c.workspace().batchSize() > 0);
        seen.add(c.batch() + ":" + (c.runningLoss() > 0));
      }
    }).build().fit(Network.build(SPEC), DATA);
    assertEquals(List.of("72 examples, 5 batches, [loss, accuracy, val_loss, val_accuracy], "
        + "sgd(lr=0.1), epoch 0", "1:true", "2:true", "3:true", "4:true", "5:true"), seen);
  }

  @Test
  void everyFitStartsFromAFreshOptimizerAndSchedule() {
    Optimizer adam = Optimizers.adam(0.01);
    Trainer trainer = Trainer.builder(TrainingConfig.builder().optimizer(adam).epochs(3)
        .batchSize(16).seed(5).schedule(LearningRateSchedule.reduceOnPlateau(0.5, 1, 1, 1e-4))
        .build())
        .validationFraction(0.2)
        .build();
    // the caller's optimizer is a template: changing it later changes nothing
    adam.setLearningRate(5.0);
    Network a = Network.build(SPEC);
    Network b = Network.build(SPEC);
    History first = trainer.fit(a, DATA);
    History second = trainer.fit(b, DATA);
    assertEquals(Pinned.weights(a), Pinned.weights(b));
    assertEquals(Pinned.history(first), Pinned.history(second));
    assertEquals(0.01, first.epochs().get(0).learningRate());
    // the plateau schedule halved the rate in the first run, and starts again in the second
    assertNotEquals(0.01, first.last().learningRate());
    assertEquals(0.01, second.epochs().get(0).learningRate());
    // a second fit of the same network goes on from its weights, with a new optimizer
    History again = trainer.fit(a, DATA);
    assertNotEquals(Pinned.weights(a), Pinned.weights(b));
    assertEquals(0.01, again.epochs().get(0).learningRate());
  }

  @Test
  void aCheckpointMustComeAfterTheEarlyStoppingItSaves() {
    Trainer wrongOrder = sgd(3).listener(Checkpoint.every(dir.resolve("c.ckpt"), 1))
        .listener(EarlyStopping.minimize("loss")).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> wrongOrder.fit(Network.build(SPEC), DATA));
    assertEquals("a checkpoint saves the state of early stopping on loss (minimize, patience 5, "
        + "min delta 0.0, restoring the best weights), so it must come after it among the "
        + "listeners", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.every(dir, 0));
    // the builder's own slots put them in the right order
    History h = sgd(3).checkpoint(dir.resolve("c.ckpt"), 1)
        .earlyStopping(EarlyStopping.minimize("loss")).build().fit(Network.build(SPEC), DATA);
    assertEquals(3, h.epochs().size());
  }

  @Test
  void theConfigurationIsImmutableAndSharedByTrainers() {
    TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(8).seed(9)
        .shuffle(false).threads(2).build();
    assertEquals("adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8), 3 epochs, batch 8, seed 9, "
        + "no shuffling, 2 threads", config.toString());
    TrainingConfig more = config.toBuilder().epochs(5).build();
    assertEquals(3, config.epochs());
    assertEquals(5, more.epochs());
    assertEquals(8, more.batchSize());
    assertEquals(2, Trainer.builder().config(config).build().config().threads());
    assertEquals(4, config.batches(25));
    assertEquals("epoch 0 (from 1) of 3 examples", assertThrows(IllegalArgumentException.class,
        () -> config.epochOrder(0, 3)).getMessage());
    assertTrue(config.newOptimizer() != config.newOptimizer());
    assertEquals(0, config.newOptimizer().steps());
  }
}

package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.testing.train.Pinned;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded training runs whose final weights and full histories are pinned by SHA-256, recorded
 * before the training layer was redesigned: a refactor that changes one bit of any of them is a
 * bug. Every run uses the EJML backend, so the pins do not depend on which backend is installed.
 */
class PinnedRunsTest {

  @TempDir
  Path dir;

  private static final NetworkSpec CLASSIFIER = NetworkSpec.builder(2).layer(16, "relu")
      .layer(12, "tanh").layer(3, "softmax").cost("cce").seed(4).build();

  private static final NetworkSpec DROPOUT = NetworkSpec.builder(2).layer(16, "relu")
      .dropout(0.3).layer(12, "tanh").dropout(0.1).layer(3, "softmax").cost("cce").seed(5)
      .build();

  private static final NetworkSpec REGRESSION = NetworkSpec.builder(1).layer(12, "tanh")
      .layer(1, "identity").cost("mse").seed(6).build();

  private static final Dataset SPIRALS = Generated.spirals(3, 40, 0.2, 2);
  private static final Dataset SINE = Generated.sine(90, 0.05, 3);

  static Network network(NetworkSpec spec) {
    return Network.build(spec, PluginRegistry.getDefault(), Backends.byName("ejml"));
  }

  /** What one pinned run produced. */
  record Result(String weights, String history) {
    @Override
    public String toString() {
      return "new Result(\"" + weights + "\",\n        \"" + history + "\")";
    }
  }

  /** The history of the last {@link #run}, for checks that the run did what its name says. */
  private History last;

  private Result run(NetworkSpec spec, Function<Network, History> fit) {
    Network net = network(spec);
    last = fit.apply(net);
    return new Result(Pinned.weights(net), Pinned.history(last));
  }

  private static void pin(String name, Result expected, Result actual) {
    assertEquals(expected, actual, name + " now gives " + actual);
  }

  @Test
  void sgd() {
    pin("sgd", new Result("bed2cf24a5ff26ff73062f8697c6419d0695acf3ab0a92a21f068da308b3f744",
        "1ffd4409d58ca1c1465359404f83c41e8e7d1c2f0616bc2130f4d6d3026f816d"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.sgd(0.1)).epochs(8).batchSize(16).seed(3).build()).build()
        .fit(net, SPIRALS)));
  }

  @Test
  void adamWithL2AndClipping() {
    pin("adam+l2+clip", new Result("158461bcab9026cf9d1f0cc12ea11fcb2d5185e37bb6f0c49b0924263f4cb5dc",
        "cbe988b66fe98bfad04c53dd8752bed273aac992ffe26fa39910c1845021d7da"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.fromSpec("adam(lr=0.02, l2=0.001, clip_norm=0.5, clip_value=0.2)"))
        .epochs(8).batchSize(16).seed(3).build()).build().fit(net, SPIRALS)));
  }

  @Test
  void dropoutWithNesterov() {
    pin("dropout", new Result("fa2d816f89615ff2478b51fce5a13d3694d160694215c080dc1db89fb0cae21d",
        "6716520b29d011dfaa68f3e1450820c7ff77db17533b1c2c5810909e188ff269"),
        run(DROPOUT, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.nesterov(0.05, 0.9)).epochs(8).batchSize(16).seed(9).build()).build()
        .fit(net, SPIRALS)));
  }

  @Test
  void validationSplitWithEarlyStoppingThatRestores() {
    pin("early stopping", new Result("1d358993a2b713d3de5e7a9eabe1e1444fd8910c291b6ad8fc9f9396a46cd893",
        "fcef83d8dbd95c548c08a6d2fe77a5e3136788962183cbdbedb458347bea8fdf"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adam(0.1)).epochs(60).batchSize(8).seed(11).build())
        .validationFraction(0.25)
        .earlyStopping(EarlyStopping.minimize("val_loss").patience(3)).build()
        .fit(net, SPIRALS)));
    assertTrue(last.stoppedEarly() && last.restoredBestWeights(), "stopped early and restored");
    assertTrue(last.epochs().size() < 60 && last.bestEpoch() < last.epochs().size());
  }

  @Test
  void validationSetAndRegressionWithASchedule() {
    Dataset val = Generated.sine(30, 0.05, 8);
    pin("regression+schedule", new Result("7c131185c7a07e67e0800274efb80069188f6a84d4a19eff183a3375fc55fc73",
        "ff7345a0a76e3c9d77c8e0f590b5644ec08935362a3ac450adeff4ead9b92b23"),
        run(REGRESSION, net -> Trainer.builder(TrainingConfig.builder()
            .optimizer(Optimizers.rmsprop(0.01)).epochs(10).batchSize(10).seed(2)
            .schedule(LearningRateSchedule.cosine(2, 1e-4)).build())
        .validation(val)
        .earlyStopping(EarlyStopping.maximize("val_r2").patience(100).restoreBestWeights(false))
        .build().fit(net, SINE)));
  }

  @Test
  void reduceOnPlateau() {
    pin("plateau", new Result("22ad8881464e55bcb551e3cdadd599270945f23c775e17fc3ab225ff1f44d4a3",
        "5b1e78f80210b70411decd2f42f0d1d5236d392d0dbdf7c87eb8caf62cbe0211"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.momentum(0.05, 0.9)).epochs(12).batchSize(32).seed(1)
        .schedule(LearningRateSchedule.reduceOnPlateau(0.5, 1, 1e-3, 1e-4)).build())
        .validationFraction(0.2).build()
        .fit(net, SPIRALS)));
  }

  @Test
  void stepDecayWithoutShufflingOrCopy() {
    pin("step decay", new Result("65374b54e370174d950cfa1ebdb1a92cd0c2379b515c84fd2e61eadc032bd773",
        "73f87b2086c0d2ed536c88926b6e0828ce44fc5e065081fa9affabe85c97c01d"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adagrad(0.05)).epochs(6).batchSize(20).seed(1).shuffle(false)
        .exampleMajorCopy(false).schedule(LearningRateSchedule.stepDecay(2, 0.5)).build()).build()
        .fit(net, SPIRALS)));
  }

  @Test
  void twoTrainingThreads() {
    pin("2 threads", new Result("34f1e1b21d3292817a1c704ffa6f6a240fe2e999c3b3efca9bf1828eb57a40ce",
        "76ac0312ab1f03bfb3220358c2f63128085a11054a16715cec16ddf0c3eabcc1"),
        run(DROPOUT, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adam(0.01)).epochs(6).batchSize(16).seed(5).threads(2).build())
            .build()
        .fit(net, SPIRALS)));
  }

  @Test
  void threeTrainingThreadsClipped() {
    pin("3 threads, clipped", new Result("405862a1198244eaf6a2efa9a2c2c3cf24bbb601d5c2fcd5082f7d0b33941baa",
        "811fea7ed1d8b1df3b44c9b976897e76b4dffa88a714f9e165e2bb811f339a1f"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
            .optimizer(Optimizers.fromSpec("amsgrad(lr=0.01, clip_norm=1.0)")).epochs(6)
        .batchSize(16).seed(5).threads(3).build()).build().fit(net, SPIRALS)));
  }

  private Trainer checkpointed(Path checkpoint) {
    Trainer.Builder b = Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.fromSpec("adam(lr=0.01, l2=1e-4)"))
        .epochs(12).batchSize(16).seed(21)
        .schedule(LearningRateSchedule.reduceOnPlateau(0.5, 2, 1e-3, 1e-4)).build())
            .validationFraction(0.2)
        .earlyStopping(EarlyStopping.minimize("val_loss").patience(50));
    if (checkpoint != null) {
      b.checkpoint(checkpoint, 5);
    }
    return b.build();
  }

  @Test
  void aCheckpointResumed() throws IOException {
    Result uninterrupted = run(DROPOUT, net -> checkpointed(null).fit(net, SPIRALS));
    pin("uninterrupted", new Result("6d56ec3546233a4834e45e6e4cb01291d8d7c7c3e358bfb0c3accbc25d050bf1",
        "e6ae7a142c1820dae9d5ffe0b505676c716ecd70d7498ac2b7a7a91a84a26959"), uninterrupted);
    Path file = dir.resolve("run.ckpt");
    checkpointed(file).fit(network(DROPOUT), SPIRALS);
    Checkpoint checkpoint = Checkpoint.load(file, PluginRegistry.getDefault());
    assertEquals(10, checkpoint.epoch());
    History resumed = checkpointed(null).resume(checkpoint, SPIRALS.X(), SPIRALS.Y());
    pin("resumed", uninterrupted, new Result(Pinned.weights(checkpoint.network()),
        Pinned.history(resumed)));
  }
}

package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.testing.train.Pinned;
import io.ffnn.core.Precision;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded float32 training runs pinned by SHA-256 of the final weights and the full history, as
 * {@link PinnedRunsTest} pins the float64 ones: recorded before the float32 store was redesigned,
 * so that the redesign provably changes no bit. They cover both ways a step updates (by ranges,
 * and all at once when clipping or L2 needs every gradient), one to three threads, dropout,
 * batches gathered as rows, as columns and from float data, validation with restored weights,
 * and a checkpoint resumed. Every run uses the EJML backend.
 */
class Float32PinnedRunsTest {

  @TempDir
  Path dir;

  private static final NetworkSpec CLASSIFIER = NetworkSpec.builder(2).layer(16, "relu")
      .layer(12, "tanh").layer(3, "softmax").cost("cce").seed(4).precision(Precision.FLOAT32)
      .build();

  private static final NetworkSpec DROPOUT = NetworkSpec.builder(2).layer(16, "relu")
      .dropout(0.3).layer(12, "tanh").dropout(0.1).layer(3, "softmax").cost("cce").seed(5)
      .precision(Precision.FLOAT32).build();

  private static final NetworkSpec REGRESSION = NetworkSpec.builder(1).layer(12, "tanh")
      .layer(1, "identity").cost("mse").seed(6).precision(Precision.FLOAT32).build();

  private static final Dataset SPIRALS = Generated.spirals(3, 40, 0.2, 2);
  private static final Dataset SINE = Generated.sine(90, 0.05, 3);

  static Network network(NetworkSpec spec) {
    return Network.build(spec, PluginRegistry.getDefault(), Backends.byName("ejml"));
  }

  /** The last run's history. */
  private History last;

  private PinnedRunsTest.Result run(NetworkSpec spec, Function<Network, History> fit) {
    Network net = network(spec);
    last = fit.apply(net);
    assertEquals(Precision.FLOAT32, net.precision());
    return new PinnedRunsTest.Result(Pinned.weights(net), Pinned.history(last));
  }

  private static void pin(String name, PinnedRunsTest.Result expected,
      PinnedRunsTest.Result actual) {
    assertEquals(expected, actual, name + " now gives " + actual);
  }

  private static PinnedRunsTest.Result result(String weights, String history) {
    return new PinnedRunsTest.Result(weights, history);
  }

  @Test
  void sgdByRangesOnRows() {
    pin("float32 sgd", result("74bf8b72b6d48b36e22162b39c8ea555539d858623c4800f91ee07f07923df06",
        "0a5e4cf8040d273e179be479c828df67cb617a1255d62786b9abef15234b3186"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.sgd(0.1)).epochs(8).batchSize(16).seed(3).build()).build()
        .fit(net, SPIRALS)));
  }

  @Test
  void adamWithL2AndClippingAllAtOnce() {
    pin("float32 adam+l2+clip", result("1fc68803ad50d81e3054c77b2bf45d7e3de45c600778107b3621da357fa7a088",
        "a4a5797716f8a3d4e3f15c19cb333a5621eb1f5cd3b20d88b13f4db4c8c2fe7e"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.fromSpec("adam(lr=0.02, l2=0.001, clip_norm=0.5, clip_value=0.2)"))
        .epochs(8).batchSize(16).seed(3).build()).build().fit(net, SPIRALS)));
  }

  @Test
  void clippedByValueOnly() {
    pin("float32 clip_value", result("df4e16d98dc11fa44cd9b7ef55d2063b012a31f93af969e3d224cdfc977825a4",
        "0c689a80a20d87ee80af37a7ba42288c416797c77e6dffc4cc3092d43ed3c981"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.fromSpec("rmsprop(lr=0.01, clip_value=0.05)"))
        .epochs(6).batchSize(16).seed(7).build()).build().fit(net, SPIRALS)));
  }

  @Test
  void dropoutWithNesterovOnColumns() {
    pin("float32 dropout", result("54579597bd85fc0b7432c8223748e6cb7762be0d96e433e0e90b0ee566f7f53d",
        "d13a685f494459233b56a38b7adc1b57f8748289d149ffba405b7dcbdfa99e74"),
        run(DROPOUT, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.nesterov(0.05, 0.9)).epochs(8).batchSize(16).seed(9)
        .exampleMajorCopy(false).build()).build().fit(net, SPIRALS)));
  }

  @Test
  void adagradWithoutShufflingOrCopy() {
    // AdaGrad has no float rule of its own: the default widens, steps in double and rounds
    pin("float32 adagrad", result("e1a7ec28eeb0a31db7b9ab9b33d13fe106d59de1cc59e39a98d90019b6333b03",
        "2324979f1bcdd7b0070a3638092c144d562bec62d2c3079f32fc8a55b815a28f"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adagrad(0.05)).epochs(6).batchSize(20).seed(1).shuffle(false)
        .exampleMajorCopy(false).schedule(LearningRateSchedule.stepDecay(2, 0.5)).build()).build()
        .fit(net, SPIRALS)));
  }

  @Test
  void floatDataAsTheyAre() {
    FMatrixRMaj X32 = new FMatrixRMaj(SPIRALS.X().numRows, SPIRALS.X().numCols);
    for (int k = 0; k < X32.data.length; k++) {
      X32.data[k] = (float) SPIRALS.X().data[k];
    }
    pin("float32 float data", result("d3ea151379d39ad7eca0e2ed4aefdb5edd316775e83dadf57aedc781e5125f17",
        "9d7d2d0c25c70b8231a4d8848a4bc9bfea6acd047b93071f66953aeb319e9cf8"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adam(0.01)).epochs(6).batchSize(16).seed(2).build()).build()
        .fit(net, X32, SPIRALS.Y())));
  }

  @Test
  void validationSplitWithEarlyStoppingThatRestores() {
    pin("float32 early stopping", result("dac84f617e5bff668cd7ee27c56c55b9879c285065d27ff167e39c97f56e9d7e",
        "0969071b8c7c4166305201518dbf6ab7e89c5856405e553cb1ad6b54fc2f8ca8"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adam(0.1)).epochs(60).batchSize(8).seed(11).build())
        .validationFraction(0.25)
        .earlyStopping(EarlyStopping.minimize("val_loss").patience(3)).build()
        .fit(net, SPIRALS)));
    assertTrue(last.stoppedEarly() && last.restoredBestWeights(), "stopped early and restored");
  }

  @Test
  void regressionWithAValidationSetAndASchedule() {
    Dataset val = Generated.sine(30, 0.05, 8);
    pin("float32 regression", result("a117747a02f5d7ed42dee3e24d35797eb76a63fe78bfc2a5aa4dd3c4fef083f3",
        "af87ffba9fccce259a0d44e98ceb60f28cee8d49f74e2e8e540bead1e4832bf1"),
        run(REGRESSION, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.rmsprop(0.01)).epochs(10).batchSize(10).seed(2)
        .schedule(LearningRateSchedule.cosine(2, 1e-4)).build()).validation(val).build()
            .fit(net, SINE)));
  }

  @Test
  void twoTrainingThreadsByRanges() {
    pin("float32 2 threads", result("7bf22cc4a6453f5a0746b465c255394b48a9d0ede4dba2004f80ccfa2165823b",
        "065a48ebead0e18e41a68b6b6403f659d3769b09c3734516f30d36a52eaffae8"),
        run(DROPOUT, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adam(0.01)).epochs(6).batchSize(16).seed(5).threads(2).build())
            .build()
        .fit(net, SPIRALS)));
  }

  @Test
  void threeTrainingThreadsClippedWithL2() {
    pin("float32 3 threads, clipped", result("5163c65e4b3b32f178b4507c0fba145374bbff6ab55dade21d8551e21bc5e7cd",
        "520b781ba1c5b104f56db2dae242b43fed427d3beba2737e581d4a8989bbe40c"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.fromSpec("amsgrad(lr=0.01, clip_norm=1.0, l2=1e-4)")).epochs(6)
        .batchSize(16).seed(5).threads(3).build()).build().fit(net, SPIRALS)));
  }

  @Test
  void classWeights() {
    pin("float32 class weights", result("d589cca2830ce44b8f771cac3bf3f5e31a0f5bff5a1b8aa9f3ebd169d8295767",
        "5ed310eb10808754cd3f575f895ba31144b9659f992f7d6ff21f51d8e194319b"),
        run(CLASSIFIER, net -> Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.nadam(0.01)).epochs(5).batchSize(16).seed(4)
        .classWeights(ClassWeights.of(1.0, 2.0, 0.5)).build()).build().fit(net, SPIRALS)));
  }

  private Trainer checkpointed(Path checkpoint) {
    Trainer.Builder b = Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.fromSpec("adam(lr=0.01, l2=1e-4)"))
        .epochs(12).batchSize(16).seed(21).build()).validationFraction(0.2)
        .earlyStopping(EarlyStopping.minimize("val_loss").patience(50));
    if (checkpoint != null) {
      b.checkpoint(checkpoint, 5);
    }
    return b.build();
  }

  @Test
  void aCheckpointResumed() throws IOException {
    PinnedRunsTest.Result uninterrupted = run(DROPOUT, net -> checkpointed(null).fit(net,
        SPIRALS));
    pin("float32 uninterrupted", result("ed5c3afa9918defd438eead62302fefd8ec4b526bdb8ea49ce3fbbc39f41a4d2",
        "ebbe611e75fd3c07613148168dee1848b481050b7a1f3fbaa2df089321d21661"), uninterrupted);
    Path file = dir.resolve("run.ckpt");
    checkpointed(file).fit(network(DROPOUT), SPIRALS);
    Checkpoint checkpoint = Checkpoint.load(file, PluginRegistry.getDefault());
    assertEquals(Precision.FLOAT32, checkpoint.network().precision());
    History resumed = checkpointed(null).resume(checkpoint, SPIRALS.X(), SPIRALS.Y());
    pin("float32 resumed", uninterrupted, new PinnedRunsTest.Result(
        Pinned.weights(checkpoint.network()), Pinned.history(resumed)));
  }
}

package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Workspace;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.optimizers.Optimizers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import io.ffnn.core.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {

  private static NetworkSpec spiralNet(long seed) {
    return NetworkSpec.builder(2).layer(64, "relu").layer(64, "relu").layer(3, "softmax")
        .cost("cce").seed(seed).build();
  }

  @Test
  void adamLearnsTheSpiralTo98Percent() {
    Dataset data = Generated.spirals(3, 100, 0.2, 7);
    Network net = Network.build(spiralNet(11));
    History history = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
        .epochs(150)
        .batchSize(32).seed(5).build()).build().fit(net, data.X(), data.Y());
    double accuracy = ClassificationMetrics.of(net.predict(data.X()), data.Y(), 0.5).accuracy();
    assertTrue(accuracy >= 0.98, "training accuracy " + accuracy);
    assertEquals(150, history.epochs().size());
    assertTrue(history.last().get("accuracy") >= 0.95, history.last().toString());
  }

  @Test
  void noisySineRegressionReachesALowValidationError() {
    Dataset train = Generated.sine(400, 0.1, 1);
    Dataset validation = Generated.sine(200, 0.1, 2);
    Network net = Network.build(NetworkSpec.builder(1).layer(32, "tanh").layer(32, "tanh")
        .layer(1, "identity").cost("mse").seed(3).build());
    History history = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
        .epochs(200)
        .batchSize(32).seed(4).build()).validation(validation.X(), validation.Y()).build()
        .fit(net, train.X(), train.Y());
    // the noise alone has variance 0.01: a perfect fit has a validation MSE near it
    double valMse = history.last().get("val_mse");
    assertTrue(valMse < 0.015, "validation MSE " + valMse);
    assertTrue(history.last().get("val_r2") > 0.97, history.last().toString());
    assertEquals(history.last().get("val_loss"), valMse, 1e-12);
  }

  @Test
  void earlyStoppingHaltsAndRestoresTheBestEpoch() {
    // few noisy examples and a large network: the validation loss turns up after a while
    Dataset train = Generated.sine(20, 0.3, 5);
    Dataset validation = Generated.sine(200, 0.3, 6);
    Network net = Network.build(NetworkSpec.builder(1).layer(64, "tanh").layer(64, "tanh")
        .layer(1, "identity").cost("mse").seed(7).build());
    History history = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
        .epochs(2000)
        .batchSize(20).seed(8).build()).validation(validation.X(), validation.Y())
        .earlyStopping(EarlyStopping.minimize("val_loss").patience(30)).build()
        .fit(net, train.X(), train.Y());
    assertTrue(history.stoppedEarly());
    List<Double> valLoss = history.get("val_loss");
    assertTrue(valLoss.size() < 2000 && valLoss.size() == history.bestEpoch() + 30,
        valLoss.size() + " epochs, best " + history.bestEpoch());
    int argmin = 0;
    for (int e = 1; e < valLoss.size(); e++) {
      argmin = valLoss.get(e) < valLoss.get(argmin) ? e : argmin;
    }
    assertEquals(argmin + 1, history.bestEpoch());
    assertTrue(history.restoredBestWeights());
    // the restored weights give exactly the recorded best validation loss
    double now = net.forward(validation.X(), validation.Y(), net.newWorkspace());
    assertEquals(valLoss.get(argmin), now, 0.0);
    assertTrue(now < valLoss.get(valLoss.size() - 1));
  }

  @Test
  void maximizingEarlyStoppingWatchesAccuracy() {
    Dataset data = Generated.spirals(3, 40, 0.2, 1);
    Network net = Network.build(spiralNet(2));
    History history = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
        .epochs(300).seed(1).build())
        .validationFraction(0.25)
        .earlyStopping(EarlyStopping.maximize("val_accuracy").patience(15).minDelta(0.01)
            .restoreBestWeights(false))
        .build().fit(net, data.X(), data.Y());
    assertTrue(history.stoppedEarly(), history.epochs().size() + " epochs");
    assertFalse(history.restoredBestWeights());
    List<Double> acc = history.get("val_accuracy");
    assertEquals(acc.stream().mapToDouble(Double::doubleValue).max().getAsDouble(),
        acc.get(history.bestEpoch() - 1), 0.0);
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsAndHistoryOtherSeedsDoNot() {
    Dataset data = Generated.spirals(3, 30, 0.2, 3);
    NetworkSpec spec = NetworkSpec.builder(2).layer(16, "relu").dropout(0.3).layer(16, "tanh")
        .layer(3, "softmax").cost("cce").seed(4).build();
    Network[] nets = new Network[3];
    History[] histories = new History[3];
    long[] seeds = {9, 9, 10};
    for (int r = 0; r < 3; r++) {
      nets[r] = Network.build(spec);
      histories[r] = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
          .epochs(5).batchSize(8)
          .seed(seeds[r]).build()).validationFraction(0.2).build().fit(nets[r], data.X(), data.Y());
    }
    for (int l = 1; l <= 3; l++) {
      assertArrayEquals(nets[0].W(l).data, nets[1].W(l).data, 0.0);
      assertArrayEquals(nets[0].b(l).data, nets[1].b(l).data, 0.0);
    }
    assertEquals(histories[0], histories[1]);
    assertFalse(Arrays.equals(nets[0].W(1).data, nets[2].W(1).data));
    assertNotEquals(histories[0], histories[2]);
  }

  @Test
  void gatheringFromTheExampleMajorCopyOrFromXGivesIdenticalWeights() {
    Dataset data = Generated.spirals(3, 40, 0.2, 8);
    NetworkSpec spec = NetworkSpec.builder(2).layer(16, "relu").layer(3, "softmax").cost("cce")
        .seed(2).build();
    for (int threads : new int[] {1, 2}) {
      Network copied = Network.build(spec);
      Network direct = Network.build(spec);
      Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(3)
          .batchSize(16).seed(3)
          .threads(threads).build()).build().fit(copied, data);
      Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(3)
          .batchSize(16).seed(3)
          .threads(threads).exampleMajorCopy(false).build()).build().fit(direct, data);
      for (int l = 1; l <= 2; l++) {
        assertArrayEquals(copied.W(l).data, direct.W(l).data, 0.0, threads + " threads, W" + l);
        assertArrayEquals(copied.b(l).data, direct.b(l).data, 0.0, threads + " threads, b" + l);
      }
      // and training moved the weights: the comparison is not of two untouched networks
      assertFalse(Arrays.equals(Network.build(spec).W(1).data, copied.W(1).data));
    }
  }

  @Test
  void trainingOnTwoThreadsEqualsOneThreadUpToRoundingAndIsDeterministic() {
    Dataset data = Generated.spirals(3, 50, 0.2, 3);
    NetworkSpec spec = NetworkSpec.builder(2).layer(24, "relu").layer(16, "tanh")
        .layer(3, "softmax").cost("cce").seed(4).build();
    Network one = Network.build(spec);
    Network two = Network.build(spec);
    Network again = Network.build(spec);
    History h1 = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(1)
        .batchSize(16).seed(9).build())
        .build().fit(one, data);
    History h2 = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(1)
        .batchSize(16).seed(9)
        .threads(2).build()).build().fit(two, data);
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(1).batchSize(16)
        .seed(9).threads(2).build())
        .build().fit(again, data);
    for (int l = 1; l <= 3; l++) {
      for (int k = 0; k < one.W(l).data.length; k++) {
        double a = one.W(l).data[k];
        assertEquals(a, two.W(l).data[k], 1e-9 * Math.max(1, Math.abs(a)), "W[" + l + "] " + k);
      }
      assertArrayEquals(two.W(l).data, again.W(l).data, 0.0);
    }
    assertEquals(h1.last().get("loss"), h2.last().get("loss"), 1e-12);
    assertEquals(h1.last().get("accuracy"), h2.last().get("accuracy"), 0.0);
    // three threads on batches of 16 and a last batch of 6
    Network three = Network.build(spec);
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).epochs(1).batchSize(16)
        .seed(9).threads(3).build())
        .build().fit(three, data);
    assertEquals(one.W(1).data[0], three.W(1).data[0], 1e-9);
    assertThrows(IllegalArgumentException.class, () -> Trainer.builder(TrainingConfig.builder()
        .threads(0).build()));
  }

  @Test
  void aDivergingRunStopsNamingEpochBatchAndLayer() {
    // regression: nothing bounds the outputs, so a rate of 1e6 overflows within a few steps
    // (a softmax classifier with cross-entropy only saturates: its fused gradient is bounded)
    Dataset data = Generated.sine(100, 0.1, 1);
    Network net = Network.build(NetworkSpec.builder(1).layer(16, "relu").layer(16, "relu")
        .layer(1, "identity").cost("mse").seed(3).build());
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(1e6)).epochs(50)
            .batchSize(16).seed(1).build())
            .build().fit(net, data.X(), data.Y()));
    assertTrue(e.getMessage().startsWith("training diverged at epoch " + e.epoch() + ", batch "
        + e.batch() + ": "), e.getMessage());
    assertTrue(e.layer() >= 1 && e.layer() <= 3, e.getMessage());
    assertTrue(e.getMessage().contains("the first non-finite values are in layer " + e.layer()),
        e.getMessage());
    assertTrue(e.getMessage().contains("learning rate 1000000.0"), e.getMessage());
  }

  /** Plain SGD that writes {@code bad} into {@code b[2]} entry 1 at step 3. */
  private static final class PoisonAtStepThree extends io.ffnn.core.optimizers.Optimizer {
    private final double bad;

    PoisonAtStepThree(double bad) {
      super(0.01);
      this.bad = bad;
    }

    @Override
    public String name() {
      return "poison";
    }

    @Override
    protected io.ffnn.core.optimizers.Optimizer newInstance(double learningRate) {
      return new PoisonAtStepThree(bad);
    }

    @Override
    protected void allocate(io.ffnn.core.ParameterLayout layout) {}

    @Override
    protected void update(io.ffnn.core.ParameterLayout.Parameter p, double[] theta, double[] g,
        int from, int to, double lr, long t) {
      for (int k = from; k < to; k++) {
        theta[k] -= lr * g[k];
      }
      if (t == 3 && p.name().equals("b[2]") && from <= 1 && 1 < to) {
        theta[1] = bad;
      }
    }
  }

  @Test
  void anUpdateThatMakesAParameterNonFiniteIsNamedAtThatBatch() {
    Dataset data = Generated.sine(64, 0.1, 1);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY}) {
      Network net = Network.build(NetworkSpec.builder(1).layer(8, "tanh").layer(3, "identity")
          .cost("mse").seed(3).build());
      DMatrixRMaj Y = new DMatrixRMaj(3, 64);
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> Trainer.builder(TrainingConfig.builder().optimizer(new PoisonAtStepThree(bad))
              .epochs(1).batchSize(16)
              .seed(1).build()).build().fit(net, data.X(), Y));
      assertEquals(3, e.batch(), e.getMessage());
      assertTrue(e.getMessage().contains("the update made b[2][1,0] = " + bad), e.getMessage());
    }
  }

  @Test
  void plainProgressHasOneLinePerEpochAndNoControlCharacters() {
    Dataset data = Generated.spirals(3, 20, 0.2, 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01)).epochs(4).seed(1)
        .build()).validationFraction(0.25)
        .listener(Progress.lines(out)).build().fit(Network.build(spiralNet(1)), data.X(),
            data.Y());
    String text = bytes.toString(StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    assertEquals(4, lines.length, text);
    assertTrue(lines[3].matches("epoch 4/4  [0-9.]+ s  [0-9]+ ex/s  lr 0\\.01000  loss [0-9.]+"
        + "  accuracy [0-9.]+  val_loss [0-9.]+  val_accuracy [0-9.]+"), lines[3]);
    for (char c : text.toCharArray()) {
      assertTrue(c == '\n' || c >= 0x20, "control character " + (int) c + " in:\n" + text);
    }
  }

  @Test
  void listenersHearEveryBatchAndEpochInOrder() {
    List<String> events = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void trainingStart(TrainingContext c) {
        events.add("start " + c.epochs() + " " + c.batchesPerEpoch() + " " + c.examples());
      }

      @Override
      public void epochStart(TrainingContext c) {
        events.add("epoch " + c.epoch());
      }

      @Override
      public void batchEnd(TrainingContext c) {
        events.add("batch " + c.epoch() + "." + c.batch());
      }

      @Override
      public void epochEnd(TrainingContext c) {
        EpochRecord record = c.lastEpoch();
        events.add("end " + record.epoch() + " " + record.metrics().keySet());
      }

      @Override
      public void trainingEnd(TrainingContext c) {
        events.add("done " + c.result().epochs().size());
      }
    };
    Dataset data = Generated.spirals(3, 10, 0.2, 1);
    Trainer.builder(TrainingConfig.builder().epochs(2).batchSize(12).build()).listener(recorder)
        .build()
        .fit(Network.build(spiralNet(1)), data.X(), data.Y());
    assertEquals(List.of("start 2 3 30", "epoch 1", "batch 1.1", "batch 1.2", "batch 1.3",
        "end 1 [loss, accuracy]", "epoch 2", "batch 2.1", "batch 2.2", "batch 2.3",
        "end 2 [loss, accuracy]", "done 2"), events);
  }

  @Test
  void schedulesSetTheRateOfEveryBatch() {
    Dataset data = Generated.spirals(3, 10, 0.2, 1);
    History history = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1))
        .epochs(4).batchSize(30)
        .schedule(LearningRateSchedule.stepDecay(2, 0.5)).build()).build()
        .fit(Network.build(spiralNet(1)), data.X(), data.Y());
    List<Double> rates = new ArrayList<>();
    history.epochs().forEach(e -> rates.add(e.learningRate()));
    assertEquals(List.of(0.1, 0.1, 0.05, 0.05), rates);
  }

  @Test
  void badDataAndSettingsAreNamed() {
    Network net = Network.build(spiralNet(1));
    Trainer trainer = Trainer.builder().build();
    DMatrixRMaj X = new DMatrixRMaj(2, 4);
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> {
      DMatrixRMaj bad = X.copy();
      bad.set(1, 2, Double.NaN);
      trainer.fit(net, bad, oneHot(4));
    });
    assertEquals("X has NaN at [1,2]", nan.getMessage());
    IllegalArgumentException metric = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder().earlyStopping(EarlyStopping.minimize("val_loss")).build()
            .fit(net, X, oneHot(4)));
    assertEquals("early stopping watches 'val_loss', which this run does not record; it "
        + "records loss, accuracy", metric.getMessage());
    IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder().validationFraction(0.1).build().fit(net, X, oneHot(4)));
    assertTrue(fraction.getMessage().contains("leaves 0 for validation"), fraction.getMessage());
    IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(net, X, oneHot(3)));
    assertEquals("X has 4 examples (columns) but Y has 3", columns.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Trainer.builder(TrainingConfig.builder()
        .epochs(0).build()));
    assertThrows(IllegalArgumentException.class, () -> Trainer.builder(TrainingConfig.builder()
        .batchSize(0).build()));
  }

  private static DMatrixRMaj oneHot(int m) {
    DMatrixRMaj Y = new DMatrixRMaj(3, m);
    for (int i = 0; i < m; i++) {
      Y.set(i % 3, i, 1);
    }
    return Y;
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void epochsAfterTheFirstAllocateNothing(Precision precision) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported()
        && bean.isThreadAllocatedMemoryEnabled());
    Dataset data = Generated.spirals(3, 34, 0.2, 1);
    NetworkSpec spec = NetworkSpec.builder(2).layer(16, "relu").dropout(0.2).layer(3, "softmax")
        .cost("cce").seed(1).precision(precision).build();
    long[] bytes = {Long.MAX_VALUE, Long.MAX_VALUE};
    int[] epochs = {2, 42};
    for (int round = 0; round < 8; round++) {
      for (int k = 0; k < 2; k++) {
        Network net = Network.build(spec);
        Trainer trainer = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
            .epochs(epochs[k])
            .batchSize(16).seed(1).build()).build();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        trainer.fit(net, data.X(), data.Y());
        bytes[k] = Math.min(bytes[k],
            bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
      }
    }
    // 40 more epochs of 7 steps each; per epoch only its record (a map of a few metrics, about
    // 500 bytes); a step that allocated as little as one small string would add 7 × 40 of them
    double perEpoch = (bytes[1] - bytes[0]) / 40.0;
    assertTrue(perEpoch < 1024, bytes[0] + " vs " + bytes[1] + " bytes: " + perEpoch
        + " per epoch");
  }

  @Test
  void dropoutIsOffAtInferenceAndItsGradientChecksWithFrozenMasks() {
    NetworkSpec spec = NetworkSpec.builder(3).layer(8, "tanh").dropout(0.5).layer(2, "softmax")
        .cost("cce").seed(2).build();
    Network net = Network.build(spec);
    Random rng = new Random(3);
    DMatrixRMaj X = new DMatrixRMaj(3, 6);
    for (int k = 0; k < X.data.length; k++) {
      X.data[k] = rng.nextGaussian();
    }
    DMatrixRMaj a = net.predict(X);
    DMatrixRMaj b = net.predict(X);
    assertArrayEquals(a.data, b.data, 0.0);
    // training mode: about half of the hidden outputs reach layer 2 as 0, the rest doubled
    Workspace training = net.newWorkspace().training(new Random(1));
    Workspace inference = net.newWorkspace();
    net.predict(X, training);
    net.predict(X, inference);
    assertArrayEquals(inference.A(1).data, training.A(1).data, 0.0);
    assertArrayEquals(a.data, inference.A(2).data, 0.0);
    assertFalse(Arrays.equals(a.data, Arrays.copyOf(training.A(2).data, 12)));
    DMatrixRMaj Y = new DMatrixRMaj(2, 6);
    for (int i = 0; i < 6; i++) {
      Y.set(i % 2, i, 1);
    }
    io.ffnn.core.GradientCheck.Result r = io.ffnn.core.GradientCheck.runWithDropout(net, X, Y,
        io.ffnn.core.GradientPath.AUTO, 5);
    assertTrue(r.passes(1e-6), r.toString());
  }
}

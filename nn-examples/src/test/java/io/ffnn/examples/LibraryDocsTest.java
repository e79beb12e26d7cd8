package io.ffnn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Workspace;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.EarlyStopping;
import io.ffnn.core.training.History;
import io.ffnn.core.training.LearningRateSchedule;
import io.ffnn.core.training.Progress;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import io.ffnn.core.training.TrainingContext;
import io.ffnn.core.training.TrainingListener;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The library page's code (docs/library.md), as it stands there: DocsCodeBlocksTest holds the
 * page's blocks to these lines, and these tests run them and check what the page says they do.
 */
class LibraryDocsTest {

  private static final Dataset SPIRALS = Generated.spirals(3, 100, 0.2, 1);

  /** The network, the configuration and the trainer, on three spirals. */
  @Test
  void aNetworkIsSpecifiedBuiltTrainedAndScored() {
    DMatrixRMaj X = SPIRALS.X();
    DMatrixRMaj Y = SPIRALS.Y();
    NetworkSpec spec = NetworkSpec.builder(2)        // n[0] = 2 inputs
        .layer(64, "relu").dropout(0.1)               // n[1] = 64, g[1] = relu, 10 % dropout
        .layer(64, "relu")
        .layer(3, "softmax")                          // n[3] = 3 classes
        .cost("cce")
        .seed(11)                                     // initial weights: He for relu, Xavier else
        .build();
    Network network = Network.build(spec);            // plugins from the class path

    // what a run does: the same configuration serves one machine and Spark
    TrainingConfig config = TrainingConfig.builder()
        .optimizer(Optimizers.adam(0.01))             // a template: every fit steps a fresh copy
        .schedule(LearningRateSchedule.cosine(2, 1e-4))   // 2 warm-up epochs, then cosine
        .epochs(60).batchSize(32).seed(5)
        .build();

    // X is 2 × m, Y is 3 × m (one-hot), examples as columns
    History history = Trainer.builder(config)
        .validationFraction(0.2)
        .earlyStopping(EarlyStopping.minimize("val_loss").patience(15))
        .listener(Progress.lines(System.out))         // a summary line per epoch
        .build()
        .fit(network, X, Y);
    DMatrixRMaj Yhat = network.predict(X);
    System.out.print(ClassificationMetrics.of(Yhat, Y, 0.5));
    assertTrue(history.epochs().size() >= 1 && history.epochs().size() <= 60,
        history.epochs().size() + " epochs");
    double accuracy = ClassificationMetrics.of(Yhat, Y, 0.5).accuracy();
    assertTrue(accuracy > 0.9, "accuracy " + accuracy);
  }

  // keep epoch 10's weights, stop after epoch 20, and put epoch 10's back at the end
  class KeepTen implements TrainingListener {
    private double[] kept;
    public TrainingListener forRun() { return new KeepTen(); }
    public void epochEnd(TrainingContext c) {
      if (c.epoch() == 10) {
        kept = new double[c.network().parameterCount()];
        c.network().getParameters(kept);              // the ParameterLayout's flat copy
      }
      if (c.epoch() == 20) {
        c.requestStop();
      }
    }
    public void trainingEnd(TrainingContext c) {
      if (kept != null) {
        c.restoreWeights(kept, 10);                   // history: best epoch 10, restored
      }
    }
  }

  /** The listener stops the run after epoch 20 and puts epoch 10's weights back. */
  @Test
  void aListenerStopsTheRunAndRestoresAnEpoch() {
    Network network = Network.build(NetworkSpec.builder(2).layer(16, "tanh").layer(3, "softmax")
        .cost("cce").seed(2).build());
    KeepTen keepTen = new KeepTen();
    double[][] tenth = new double[1][];
    TrainingListener watch = new TrainingListener() {
      @Override
      public void epochEnd(TrainingContext c) {
        if (c.epoch() == 10) {
          tenth[0] = new double[c.network().parameterCount()];
          c.network().getParameters(tenth[0]);
        }
      }
    };
    History history = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
        .epochs(50).batchSize(32).seed(3).build()).listener(watch).listener(keepTen).build()
        .fit(network, SPIRALS.X(), SPIRALS.Y());
    assertEquals(20, history.epochs().size());
    double[] end = new double[network.parameterCount()];
    network.getParameters(end);
    assertArrayEquals(tenth[0], end, 0.0);
  }

  /** One step by hand changes the weights; writing a weight goes through the layout. */
  @Test
  void aStepByHand() {
    Network network = Network.build(NetworkSpec.builder(2).layer(8, "tanh").layer(3, "softmax")
        .cost("cce").seed(4).build());
    DMatrixRMaj Xbatch = SPIRALS.X();
    DMatrixRMaj Ybatch = SPIRALS.Y();
    DMatrixRMaj before = network.W(2);
    Workspace ws = network.newWorkspace();
    Optimizer sgd = Optimizers.sgd(0.1);
    double J = network.computeGradients(Xbatch, Ybatch, ws);   // forward + backward
    // ws.Z(l), ws.A(l), ws.dZ(l), ws.dW(l), ws.db(l) hold the cache and the gradients
    sgd.step(network, ws);                                       // W -= η dW, b -= η db
    DMatrixRMaj W1 = network.W(1);                               // a copy: reading changes nothing
    W1.set(0, 0, 0.5);
    network.setParameter(network.layout().weights(1), W1);       // writing goes through a method
    assertTrue(J > 0, "J = " + J);
    assertNotEquals(before.get(1, 1), network.W(2).get(1, 1));
    assertEquals(0.5, network.W(1).get(0, 0), 0.0);
  }
}

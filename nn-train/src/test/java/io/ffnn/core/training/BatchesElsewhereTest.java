package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Workspace;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The pieces another trainer (on a cluster) needs to reproduce {@link Trainer#fit}: the epoch's
 * order of examples, parameters in one flat array, and gradients summed over parts of a batch.
 */
class BatchesElsewhereTest {

  private static NetworkSpec spec() {
    return NetworkSpec.builder(2).layer(6, "tanh").layer(3, "softmax").cost("cce").seed(4)
        .build();
  }

  @Test
  void flatParametersFollowTheModelFilesOrderAndRoundTrip() throws java.io.IOException {
    Network net = Network.build(spec());
    assertEquals(6 * 3 + 3 * 7, net.parameterCount());
    double[] flat = new double[net.parameterCount()];
    net.getParameters(flat);
    ByteBuffer bytes = ByteBuffer.wrap(ModelFile.entries(new Model(net, null)).get("weights.bin"));
    for (double v : flat) {
      assertEquals(bytes.getDouble(), v, 0.0);
    }
    Network other = Network.build(NetworkSpec.builder(2).layer(6, "tanh").layer(3, "softmax")
        .cost("cce").seed(5).build());
    other.setParameters(flat);
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(net.W(l).data, other.W(l).data, 0.0);
      assertArrayEquals(net.b(l).data, other.b(l).data, 0.0);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.setParameters(new double[38]));
    assertEquals("flat parameters of 38 entries for a network of 39 parameters (layer sizes "
        + "[2, 6, 3])", e.getMessage());
  }

  @Test
  void gradientSumsOfPartsOverTheBatchSizeAreTheBatchGradient() {
    Network net = Network.build(spec());
    Dataset data = Generated.spirals(3, 5, 0.1, 2);
    Workspace whole = net.newWorkspace();
    net.computeGradients(data.X(), data.Y(), whole);
    double[] expected = new double[net.parameterCount()];
    whole.addGradientsTo(expected, 1.0);

    double[] sums = new double[net.parameterCount()];
    Workspace part = net.newWorkspace();
    int[][] parts = {{0, 6}, {6, 7}, {7, 15}};
    for (int[] p : parts) {
      DMatrixRMaj X = new DMatrixRMaj(2, p[1] - p[0]);
      DMatrixRMaj Y = new DMatrixRMaj(3, p[1] - p[0]);
      org.ejml.dense.row.CommonOps_DDRM.extract(data.X(), 0, 2, p[0], p[1], X, 0, 0);
      org.ejml.dense.row.CommonOps_DDRM.extract(data.Y(), 0, 3, p[0], p[1], Y, 0, 0);
      net.computeGradients(X, Y, part);
      part.addGradientsTo(sums, p[1] - p[0]);
    }
    Workspace combined = net.newWorkspace();
    combined.setGradients(sums, 1.0 / 15);
    double[] actual = new double[net.parameterCount()];
    combined.addGradientsTo(actual, 1.0);
    assertArrayEquals(expected, actual, 1e-15);
    assertThrows(IllegalStateException.class,
        () -> net.newWorkspace().addGradientsTo(new double[39], 1.0));
    assertThrows(IllegalArgumentException.class, () -> combined.setGradients(new double[3], 1));
  }

  /** Batches formed from epochOrder and stepped by hand give fit's weights exactly. */
  @Test
  void epochOrderFormsTheBatchesFitUses() {
    Dataset data = Generated.spirals(3, 7, 0.1, 3);
    Trainer trainer = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1))
        .epochs(2).batchSize(8)
        .seed(11).build()).build();
    Network fitted = Network.build(spec());
    trainer.fit(fitted, data.X(), data.Y());

    Network byHand = Network.build(spec());
    Optimizer sgd = Optimizers.sgd(0.1);
    Workspace ws = byHand.newWorkspace();
    int m = data.X().numCols;
    for (int epoch = 1; epoch <= 2; epoch++) {
      int[] order = trainer.config().epochOrder(epoch, m);
      int[] sorted = order.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < m; i++) {
        assertEquals(i, sorted[i]);
      }
      for (int from = 0; from < m; from += 8) {
        int to = Math.min(m, from + 8);
        DMatrixRMaj X = new DMatrixRMaj(2, to - from);
        DMatrixRMaj Y = new DMatrixRMaj(3, to - from);
        for (int j = from; j < to; j++) {
          for (int r = 0; r < 2; r++) {
            X.set(r, j - from, data.X().get(r, order[j]));
          }
          for (int r = 0; r < 3; r++) {
            Y.set(r, j - from, data.Y().get(r, order[j]));
          }
        }
        byHand.computeGradients(X, Y, ws);
        sgd.step(byHand, ws);
      }
    }
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(fitted.W(l).data, byHand.W(l).data, 0.0, "W" + l);
      assertArrayEquals(fitted.b(l).data, byHand.b(l).data, 0.0, "b" + l);
    }
    assertArrayEquals(new int[] {0, 1, 2}, TrainingConfig.builder().shuffle(false).build()
        .epochOrder(3, 3));
  }
}

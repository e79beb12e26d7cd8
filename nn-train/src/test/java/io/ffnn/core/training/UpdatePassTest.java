package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Workspace;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused combine–update–check pass equals the separate combine and optimizer step, entry for
 * entry, whatever the number of ranges it is split into.
 */
class UpdatePassTest {

  private static Network network() {
    // W[1] has 40 · 1100 entries, more than one chunk, so ranges end inside chunks and arrays
    return Network.build(NetworkSpec.builder(1100).layer(40, "tanh").layer(3, "softmax")
        .cost("cce").seed(3).build());
  }

  /** Three workspaces holding the gradients of three parts (5, 4 and 4 examples) of a batch. */
  private static Workspace[] parts(Network net) {
    Random rng = new Random(9);
    int[] sizes = {5, 4, 4};
    Workspace[] ws = new Workspace[3];
    for (int t = 0; t < 3; t++) {
      DMatrixRMaj X = new DMatrixRMaj(1100, sizes[t]);
      DMatrixRMaj Y = new DMatrixRMaj(3, sizes[t]);
      for (int k = 0; k < X.data.length; k++) {
        X.data[k] = rng.nextGaussian();
      }
      for (int j = 0; j < sizes[t]; j++) {
        Y.set(rng.nextInt(3), j, 1.0);
      }
      ws[t] = net.newWorkspace();
      net.computeGradients(X, Y, ws[t]);
    }
    return ws;
  }

  @ParameterizedTest(name = "{0} in {1} ranges")
  @CsvSource({"sgd(lr=0.1), 1", "sgd(lr=0.1), 2", "adam(lr=0.01), 3", "momentum(lr=0.1), 7"})
  void equalsCombineThenStep(String spec, int ranges) {
    Network expected = network();
    Workspace[] ws = parts(expected);
    ws[0].combineGradients(5.0 / 13, ws[1], 4.0 / 13);
    ws[0].combineGradients(1.0, ws[2], 4.0 / 13);
    Optimizers.fromSpec(spec).step(expected, ws[0]);

    Network actual = network();
    Workspace[] parts = parts(actual);
    Optimizer opt = Optimizers.fromSpec(spec);
    UpdatePass pass = new UpdatePass(actual, opt, parts, ranges);
    pass.begin(new int[] {5, 4, 4}, 3, 13);
    for (int r = ranges - 1; r >= 0; r--) {
      pass.run(r);
    }
    assertFalse(pass.anyNonFinite());
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(expected.W(l).data, actual.W(l).data, "W" + l);
      assertArrayEquals(expected.b(l).data, actual.b(l).data, "b" + l);
      assertArrayEquals(ws[0].dW(l).data, parts[0].dW(l).data, "combined dW" + l);
    }
  }

  @ParameterizedTest(name = "{0} in W[2]")
  @CsvSource({"NaN", "Infinity", "-Infinity"})
  void reportsAParameterMadeNonFinite(double bad) {
    Network net = network();
    Workspace[] parts = parts(net);
    parts[0].dW(2).set(1, 7, bad);
    UpdatePass pass = new UpdatePass(net, Optimizers.sgd(0.1), parts, 2);
    pass.begin(new int[] {13}, 1, 13);
    pass.run(0);
    pass.run(1);
    assertTrue(pass.anyNonFinite());
    assertTrue(Divergence.firstNonFiniteParameter(net).startsWith("W[2][1,7] = "),
        Divergence.firstNonFiniteParameter(net));
  }
}

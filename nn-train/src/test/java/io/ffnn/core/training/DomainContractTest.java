package io.ffnn.core.training;

import io.ffnn.testing.core.TestData;
import io.ffnn.core.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output activations are checked against the cost's domain when a network is built. */
class DomainContractTest {

  private static Trainer trainer() {
    return Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1)).batchSize(4)
        .epochs(1).seed(1).build())
        .build();
  }

  private static Network build(String output, int n, String cost) {
    return Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(n, output).cost(cost)
        .build());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "relu|1|bce|relu's outputs lie in [0, ∞) but bce needs Ŷ in (0, 1): outputs can be 0; "
          + "outputs can be ≥ 1",
      "identity|3|cce|identity's outputs lie in (−∞, ∞) but cce needs Ŷ in the open probability "
          + "simplex: outputs are not probability vectors",
      "softmax|3|hinge|hinge needs scores of both signs, but softmax's outputs lie in the open "
          + "probability simplex and are never negative, so a target of −1 can never be met",
      "sparsemax|3|cce|sparsemax's outputs lie in the probability simplex but cce needs Ŷ in the "
          + "open probability simplex: outputs can be 0",
      "softmax|3|nll|outputs are not log-probabilities",
      "hard_sigmoid|2|multilabel_bce|outputs can be 0; outputs can be 1",
      "sigmoid|3|squared_hinge|never negative"})
  void incompatiblePairsFailAtBuildTimeNamingThePairAndWhy(String output, int n, String cost,
      String why) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> build(output, n, cost));
    assertTrue(e.getMessage().startsWith("cost '" + cost + "' cannot follow output activation '"
        + output + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"sigmoid, 1, bce", "softmax, 3, cce", "softmax, 3, sparse_cce",
      "log_softmax, 3, nll", "sigmoid, 3, multilabel_bce", "identity, 2, hinge",
      "tanh, 2, squared_hinge", "identity, 2, poisson", "relu, 2, mse", "softmax, 3, mse",
      "softmax, 3, kl_divergence", "sparsemax, 3, mse", "identity, 2, huber(delta=2)"})
  void compatiblePairsBuild(String output, int n, String cost) {
    Network net = build(output, n, cost);
    assertEquals(output, net.activation(2).name());
  }

  @Test
  void hiddenLayersMayUseAnyActivation() {
    Network net = Network.build(NetworkSpec.builder(3).layer(4, "softmax").layer(5, "sparsemax")
        .layer(3, "log_softmax").layer(1, "sigmoid").cost("bce").build());
    assertEquals(4, net.depth());
  }

  @Test
  void targetsOutsideTheCostsDomainAreRejectedBeforeTraining() {
    Network net = build("identity", 2, "hinge");
    Random rng = new Random(1);
    DMatrixRMaj X = TestData.gaussian(3, 6, rng);
    DMatrixRMaj Y = TestData.binary(2, 6, rng);
    Y.set(0, 0, 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer().fit(net, X, Y));
    assertEquals("Y does not hold valid targets for cost 'hinge', which takes {−1, +1}: "
        + "entry [0,0] = 0.0 is not −1 or +1", e.getMessage());

    Network sparse = build("softmax", 3, "sparse_cce");
    IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
        () -> trainer().fit(sparse, X, new DMatrixRMaj(1, 6, true, 0, 1, 2, 3, 1, 0)));
    assertTrue(index.getMessage().contains("entry [0,3] = 3.0 is not a class index 0..2"),
        index.getMessage());
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> trainer().fit(sparse, X, TestData.oneHot(3, 6, rng)));
    assertTrue(rows.getMessage().contains("targets of 1 row(s) for cost 'sparse_cce'"),
        rows.getMessage());
  }

  @Test
  void sparseTargetsTrainAndScore() {
    Network net = build("softmax", 3, "sparse_cce");
    Random rng = new Random(2);
    DMatrixRMaj X = TestData.gaussian(3, 30, rng);
    DMatrixRMaj Y = new DMatrixRMaj(1, 30);
    for (int i = 0; i < 30; i++) {
      Y.data[i] = X.get(0, i) > 0.5 ? 2 : X.get(0, i) > -0.5 ? 1 : 0;
    }
    List<Double> loss = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.5))
        .batchSize(10)
        .epochs(200).seed(3).build()).build().fit(net, X, Y).get("loss");
    assertTrue(loss.get(199) < loss.get(0) / 2, loss.get(0) + " -> " + loss.get(199));
    assertTrue(ClassificationMetrics.of(net.predict(X), Y, 0.5).accuracy() > 0.9);
    GradientCheck.Result r = GradientCheck.run(net, X, Y);
    assertTrue(r.passes(1e-6), r.toString());
  }
}

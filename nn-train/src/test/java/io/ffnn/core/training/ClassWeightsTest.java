package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.GradientPath;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.ParameterLayout;
import io.ffnn.testing.train.Pinned;
import io.ffnn.core.Workspace;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.optimizers.Optimizers;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Class weights: the gradient is that of {@code J_w = (1/m) Σ_i w[c_i] loss_i}, checked against
 * finite differences of that sum on the fused and the generic path; balanced weights are {@code
 * m / (k m_c)}; they raise a rare class's recall; and weights of 1 change no bit of a run.
 */
class ClassWeightsTest {

  private static DMatrixRMaj gaussian(int rows, int cols, long seed) {
    Random rng = new Random(seed);
    DMatrixRMaj M = new DMatrixRMaj(rows, cols);
    for (int k = 0; k < M.data.length; k++) {
      M.data[k] = rng.nextGaussian();
    }
    return M;
  }

  /** {@code (1/m) Σ_i w_i loss_i}, each loss the cost of its column alone. */
  private static double weightedCost(Network net, DMatrixRMaj X, DMatrixRMaj Y, double[] w) {
    DMatrixRMaj A = net.predict(X);
    double J = 0;
    for (int i = 0; i < X.numCols; i++) {
      DMatrixRMaj a = CommonOps_DDRM.extract(A, 0, A.numRows, i, i + 1);
      DMatrixRMaj y = CommonOps_DDRM.extract(Y, 0, Y.numRows, i, i + 1);
      J += w[i] * net.cost().value(a, y);
    }
    return J / X.numCols;
  }

  @ParameterizedTest
  @CsvSource({"softmax, cce, 3, AUTO", "softmax, cce, 3, GENERIC", "sigmoid, bce, 1, AUTO",
      "sigmoid, bce, 1, GENERIC", "softmax, sparse_cce, 3, AUTO"})
  void theWeightedGradientIsThatOfTheWeightedCost(String output, String cost, int k,
      GradientPath path) {
    Network net = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(k, output)
        .cost(cost).seed(7).build());
    int m = 6;
    DMatrixRMaj X = gaussian(3, m, 1);
    int[] classes = {0, 1, 2, 0, 1, 0};
    DMatrixRMaj Y;
    if (cost.equals("bce")) {
      Y = new DMatrixRMaj(1, m);
      for (int i = 0; i < m; i++) {
        Y.data[i] = classes[i] == 0 ? 0 : 1;
      }
    } else if (cost.equals("sparse_cce")) {
      Y = new DMatrixRMaj(1, m);
      for (int i = 0; i < m; i++) {
        Y.data[i] = classes[i];
      }
    } else {
      Y = Dataset.oneHot(classes, k);
    }
    double[] w = ClassWeights.balanced().perExample(net, Y);
    Workspace ws = net.newWorkspace().weighExamples(w);
    double J = net.computeGradients(X, Y, ws, path);
    // what forward propagation returns is still the plain cost
    assertEquals(net.cost().value(net.predict(X), Y), J, 1e-15);
    double worst = 0;
    double h = 1e-5;
    for (ParameterLayout.Parameter p : net.layout().parameters()) {
      DMatrixRMaj theta = net.parameter(p);
      DMatrixRMaj g = ws.gradient(p);
      for (int e = 0; e < theta.data.length; e++) {
        double keep = theta.data[e];
        theta.data[e] = keep + h;
        net.setParameter(p, theta);
        double plus = weightedCost(net, X, Y, w);
        theta.data[e] = keep - h;
        net.setParameter(p, theta);
        double minus = weightedCost(net, X, Y, w);
        theta.data[e] = keep;
        net.setParameter(p, theta);
        double numeric = (plus - minus) / (2 * h);
        worst = Math.max(worst, Math.abs(numeric - g.data[e])
            / Math.max(Math.abs(numeric) + Math.abs(g.data[e]), 1e-4));
      }
    }
    assertTrue(worst < 1e-7, "largest relative error " + worst);
  }

  @Test
  void balancedWeightsAreTheExamplesOverClassesTimesTheClassCount() {
    Network softmax = Network.build(NetworkSpec.builder(2).layer(3, "softmax").cost("cce")
        .build());
    int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 2};
    double[] w = ClassWeights.balanced().of(softmax, Dataset.oneHot(labels, 3));
    assertArrayEquals(new double[] {10.0 / 18, 10.0 / 9, 10.0 / 3}, w, 1e-15);
    // one sigmoid output: class 1 where the target reaches ½; a class without examples weighs 0
    Network sigmoid = Network.build(NetworkSpec.builder(2).layer(1, "sigmoid").cost("bce")
        .build());
    DMatrixRMaj Y = new DMatrixRMaj(new double[][] {{0, 0, 0, 1}});
    assertArrayEquals(new double[] {4.0 / 6, 4.0 / 2}, ClassWeights.balanced().of(sigmoid, Y),
        1e-15);
    assertArrayEquals(new double[] {4.0 / 8, 0}, ClassWeights.balanced().of(sigmoid,
        new DMatrixRMaj(1, 4)), 1e-15);
    assertArrayEquals(new double[] {1, 5}, ClassWeights.of(1, 5).of(sigmoid, Y), 0.0);
  }

  @Test
  void weightsThatCannotWeighAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1));
    assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1, -1));
    assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(0, 0));
    assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1, Double.NaN));
    Network softmax = Network.build(NetworkSpec.builder(2).layer(3, "softmax").cost("cce")
        .build());
    assertEquals("2 class weights for a classifier of 3 classes", assertThrows(
        IllegalArgumentException.class, () -> ClassWeights.of(1, 2).of(softmax,
            new DMatrixRMaj(3, 1))).getMessage());
    Network regression = Network.build(NetworkSpec.builder(2).layer(1, "identity").cost("mse")
        .build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(TrainingConfig.builder().classWeights(ClassWeights.balanced())
            .build()).build().fit(regression,
            gaussian(2, 8, 1), gaussian(1, 8, 2)));
    assertEquals("class weights are for classifiers, but cost 'mse' with 1 outputs makes a "
        + "regression network", e.getMessage());
  }

  /** Two overlapping Gaussian classes, 95 % of class 0 and 5 % of class 1. */
  private static Dataset imbalanced(int m, long seed) {
    Random rng = new Random(seed);
    DMatrixRMaj X = new DMatrixRMaj(2, m);
    int[] labels = new int[m];
    for (int i = 0; i < m; i++) {
      labels[i] = rng.nextInt(100) < 5 ? 1 : 0;
      double centre = labels[i] == 1 ? 1.2 : 0;
      X.set(0, i, centre + rng.nextGaussian());
      X.set(1, i, centre + rng.nextGaussian());
    }
    return Dataset.classification(X, labels, 2);
  }

  private static ClassificationMetrics train(ClassWeights weights, Dataset train,
      Dataset test) {
    Network net = Network.build(NetworkSpec.builder(2).layer(16, "relu").layer(2, "softmax")
        .cost("cce").seed(3).build());
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01)).epochs(30)
        .batchSize(32).seed(4)
        .classWeights(weights).build()).build().fit(net, train);
    return ClassificationMetrics.of(net.predict(test.X()), test.Y(), 0.5);
  }

  @Test
  void balancedWeightsRaiseTheRareClassesRecall() {
    Dataset train = imbalanced(4000, 1);
    Dataset test = imbalanced(4000, 2);
    ClassificationMetrics plain = train(null, train, test);
    ClassificationMetrics balanced = train(ClassWeights.balanced(), train, test);
    assertTrue(plain.recall(1) < 0.2, "unweighted, the rare class is mostly missed: "
        + plain.recall(1));
    assertTrue(balanced.recall(1) > 0.6, "weighted, most of it is found: " + balanced.recall(1));
    assertTrue(balanced.recall(1) > plain.recall(1) + 0.4);
    // at the price of the common class's recall, as expected
    assertTrue(balanced.recall(0) < plain.recall(0));
  }

  @Test
  void weightsOfOneChangeNoBitAndTwoThreadsFollowOne() {
    Dataset data = imbalanced(600, 3);
    History[] histories = new History[3];
    String[] weights = new String[3];
    ClassWeights[] settings = {null, ClassWeights.of(1, 1), ClassWeights.of(1, 1)};
    for (int run = 0; run < 3; run++) {
      Network net = Network.build(NetworkSpec.builder(2).layer(8, "tanh").layer(2, "softmax")
          .cost("cce").seed(5).build());
      histories[run] = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
          .epochs(3).seed(6)
          .threads(run == 2 ? 2 : 1).classWeights(settings[run]).build()).build().fit(net, data);
      weights[run] = Pinned.weights(net);
    }
    assertEquals(weights[0], weights[1]);
    assertEquals(Pinned.history(histories[0]), Pinned.history(histories[1]));
    // balanced weights on two threads equal one thread's to rounding
    double[][] flat = new double[2][];
    for (int threads = 1; threads <= 2; threads++) {
      Network net = Network.build(NetworkSpec.builder(2).layer(8, "tanh").layer(2, "softmax")
          .cost("cce").seed(5).build());
      Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01)).epochs(3).seed(6)
          .threads(threads)
          .classWeights(ClassWeights.balanced()).build()).build().fit(net, data);
      flat[threads - 1] = new double[net.parameterCount()];
      net.getParameters(flat[threads - 1]);
    }
    assertArrayEquals(flat[0], flat[1], 1e-9);
    assertTrue(TrainingConfig.builder().classWeights(ClassWeights.balanced()).build().toString()
        .endsWith(", balanced class weights"));
  }
}

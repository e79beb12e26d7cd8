package io.ffnn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ffnn.api.check.PluginChecks;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The parameter-holding bases: a plugin writes its maths and nothing else. */
class PluginBasesTest {

  /** The pinball loss, as a plugin author would write it on the base. */
  static final class Pinball extends ElementwiseCost {
    private final double tau;

    Pinball() {
      this(PluginParameters.of("tau", 0.5, t -> t > 0 && t < 1, "in (0, 1)"));
    }

    private Pinball(PluginParameters p) {
      super(p);
      tau = parameter("tau");
    }

    @Override
    public String name() {
      return "pinball";
    }

    @Override
    protected Pinball create(PluginParameters p) {
      return new Pinball(p);
    }

    @Override
    protected double loss(double yhat, double y) {
      double d = y - yhat;
      return Math.max(tau * d, (tau - 1) * d);
    }

    @Override
    protected double gradient(double yhat, double y) {
      double d = y - yhat;
      return d > 0 ? -tau : d < 0 ? 1 - tau : 0.0;
    }
  }

  /** Softmax at a temperature: {@code a = softmax(z / t)}, a vector-valued plugin. */
  static final class Tempered extends ParameterizedPlugin<Activation> implements Activation {
    Tempered() {
      this(PluginParameters.of("t", 1.0, v -> v > 0, "> 0"));
    }

    private Tempered(PluginParameters p) {
      super(p);
    }

    @Override
    public String name() {
      return "tempered_softmax";
    }

    @Override
    protected Tempered create(PluginParameters p) {
      return new Tempered(p);
    }

    @Override
    public Range outputRange() {
      return Range.SIMPLEX;
    }

    @Override
    public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
      double t = parameter("t");
      A.reshape(Z.numRows, Z.numCols);
      for (int i = 0; i < Z.numCols; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < Z.numRows; p++) {
          max = Math.max(max, Z.get(p, i) / t);
        }
        double sum = 0;
        for (int p = 0; p < Z.numRows; p++) {
          double e = Math.exp(Z.get(p, i) / t - max);
          A.set(p, i, e);
          sum += e;
        }
        for (int p = 0; p < Z.numRows; p++) {
          A.set(p, i, A.get(p, i) / sum);
        }
      }
    }

    @Override
    public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
      double t = parameter("t");
      int n = Z.numRows;
      jac.reshape(n, n);
      for (int p = 0; p < n; p++) {
        for (int j = 0; j < n; j++) {
          double ap = A.get(p, column);
          jac.set(p, j, ((p == j ? ap : 0) - ap * A.get(j, column)) / t);
        }
      }
    }
  }

  /** Declares a parameter but forgets {@code create}. */
  static final class Forgetful extends ElementwiseCost {
    Forgetful() {
      super(PluginParameters.of("k", 1, v -> true, "any number"));
    }

    @Override
    public String name() {
      return "forgetful";
    }

    @Override
    protected double loss(double yhat, double y) {
      return 0;
    }

    @Override
    protected double gradient(double yhat, double y) {
      return 0;
    }
  }

  @Test
  void aCostOnTheBaseComputesItsMeanAndSeedAndPassesTheKit() {
    Pinball median = new Pinball();
    DMatrixRMaj Yhat = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
    DMatrixRMaj Y = new DMatrixRMaj(new double[][] {{2, 2}, {1, 5}});
    // d = y − ŷ: 1, 0, −2, 1 → losses 0.5, 0, 1, 0.5, mean over 4 entries
    assertEquals(0.5, median.value(Yhat, Y), 1e-15);
    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    median.seed(Yhat, Y, seed);
    assertEquals(-0.5 / 4, seed.get(0, 0), 1e-15);
    assertEquals(0.0, seed.get(0, 1));
    assertEquals(0.5 / 4, seed.get(1, 0), 1e-15);
    PluginChecks.checkCost(median);
    PluginChecks.checkCost(median.withParameters(Map.of("tau", 0.9)));
  }

  @Test
  void theBasesSupplyParametersSpecEqualityAndValidation() {
    Cost q9 = new Pinball().withParameters(Map.of("tau", 0.9));
    assertEquals(Map.of("tau", 0.9), q9.parameters());
    assertEquals("pinball(tau=0.9)", q9.spec());
    assertEquals("pinball(tau=0.9)", q9.toString());
    assertEquals(q9, new Pinball().withParameters(Map.of("tau", 0.9)));
    assertEquals(q9.hashCode(), new Pinball().withParameters(Map.of("tau", 0.9)).hashCode());
    assertNotEquals(q9, new Pinball());
    assertEquals(Map.of("tau", 0.5), new Pinball().parameters());
    assertEquals("pinball: tau must be in (0, 1), got 1.5", assertThrows(
        IllegalArgumentException.class, () -> new Pinball().withParameters(Map.of("tau", 1.5)))
        .getMessage());
    assertEquals("pinball has no parameter 'alpha'; it takes [tau]", assertThrows(
        IllegalArgumentException.class, () -> new Pinball().withParameters(Map.of("alpha", 1.0)))
        .getMessage());

    Activation hot = new Tempered().withParameters(Map.of("t", 2.0));
    assertEquals("tempered_softmax(t=2.0)", hot.spec());
    PluginChecks.checkActivation(new Tempered());
    PluginChecks.checkActivation(hot);
    // the registry reads specs through the bases like any plugin
    PluginRegistry registry = PluginRegistry.of(java.util.List.of(new Tempered()),
        java.util.List.of(new Pinball()));
    assertEquals(hot, registry.activation("tempered_softmax(t=2)"));
    assertEquals(q9, registry.cost("pinball(tau=0.9)"));

    IllegalStateException forgot = assertThrows(IllegalStateException.class,
        () -> new Forgetful().withParameters(Map.of("k", 2.0)));
    assertEquals(Forgetful.class.getName() + " declares parameters {k=1.0} but does not override "
        + "create(PluginParameters)", forgot.getMessage());
    AssertionError kit = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(new Forgetful()));
    assertEquals(true, kit.getMessage().contains("withParameters threw"), kit.getMessage());
  }

  @Test
  void declaredParametersAreCheckedWhenDeclared() {
    assertEquals("k must be > 0, got -1.0", assertThrows(IllegalArgumentException.class,
        () -> PluginParameters.of("k", -1, v -> v > 0, "> 0")).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PluginParameters.of("k", 1, v -> true, "any").and("k", 2, v -> true, "any"));
    assertThrows(IllegalArgumentException.class,
        () -> PluginParameters.of("Bad Name", 1, v -> true, "any"));
    PluginParameters two = PluginParameters.of("a", 1, v -> true, "any")
        .and("b", 2, v -> v > 0, "> 0");
    assertEquals("{a=1.0, b=2.0}", two.toString());
    assertEquals("{a=1.0, b=5.0}", two.with("x", Map.of("b", 5.0)).toString());
    assertEquals("x: b must be > 0, got NaN", assertThrows(IllegalArgumentException.class,
        () -> two.with("x", Map.of("b", Double.NaN))).getMessage());
  }
}

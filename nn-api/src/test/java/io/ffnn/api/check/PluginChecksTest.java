package io.ffnn.api.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Range;
import io.ffnn.api.TestPlugins;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class PluginChecksTest {

  /** {@code a[p] = tanh(Σ_{j ≤ p} z[j])}: a lower-triangular, non-symmetric Jacobian. */
  static class Skew implements Activation {
    @Override
    public String name() {
      return "skew";
    }

    @Override
    public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
      A.reshape(Z.numRows, Z.numCols);
      for (int i = 0; i < Z.numCols; i++) {
        double sum = 0;
        for (int p = 0; p < Z.numRows; p++) {
          sum += Z.get(p, i);
          A.set(p, i, Math.tanh(sum));
        }
      }
    }

    @Override
    public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
      int n = Z.numRows;
      jac.reshape(n, n);
      for (int p = 0; p < n; p++) {
        double a = A.get(p, column);
        for (int j = 0; j < n; j++) {
          jac.set(p, j, j <= p ? 1 - a * a : 0.0);
        }
      }
    }
  }

  /** Skew with its Jacobian transposed. */
  static final class SkewTransposed extends Skew {
    @Override
    public String name() {
      return "skew_transposed";
    }

    @Override
    public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
      super.jacobian(Z, A, column, jac);
      org.ejml.dense.row.CommonOps_DDRM.transpose(jac);
    }
  }

  /** Skew claiming to be elementwise. */
  static final class SkewClaimingElementwise extends Skew {
    @Override
    public String name() {
      return "skew_elementwise";
    }

    @Override
    public boolean isElementwise() {
      return true;
    }
  }

  /** {@code a = z²} with the derivative off by a factor 2. */
  static final class WrongDerivative extends TestPlugins.Square {
    @Override
    public String name() {
      return "wrong_derivative";
    }

    @Override
    protected double derivative(double z, double a) {
      return 4 * z;
    }
  }

  /** Adds the first column to every column: examples are not independent. */
  static final class MixesColumns extends Skew {
    @Override
    public String name() {
      return "mixes_columns";
    }

    @Override
    public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
      A.reshape(Z.numRows, Z.numCols);
      for (int k = 0; k < Z.getNumElements(); k++) {
        A.data[k] = Z.data[k] + Z.data[(k / Z.numCols) * Z.numCols];
      }
    }
  }

  /** Overwrites its input. */
  static final class Mutating extends Skew {
    @Override
    public String name() {
      return "mutating";
    }

    @Override
    public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
      super.forward(Z, A);
      Z.data[0] += 1e-3;
    }
  }

  /** The seed is twice the derivative of the value. */
  static final class WrongSeed extends TestPlugins.HalfMse {
    @Override
    public String name() {
      return "wrong_seed";
    }

    @Override
    public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
      super.seed(Yhat, Y, dYhat);
      for (int k = 0; k < dYhat.getNumElements(); k++) {
        dYhat.data[k] *= 2;
      }
    }

    @Override
    public void fusedOutputGradient(
        Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
      super.seed(A, Y, dZ);
    }
  }

  /** The fused form forgets the {@code 1/m}. */
  static final class WrongFused extends TestPlugins.HalfMse {
    @Override
    public String name() {
      return "wrong_fused";
    }

    @Override
    public void fusedOutputGradient(
        Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
      dZ.reshape(A.numRows, A.numCols);
      for (int k = 0; k < A.getNumElements(); k++) {
        dZ.data[k] = A.data[k] - Y.data[k];
      }
    }
  }

  @Test
  void correctPluginsPass() {
    List<CheckResult> results = PluginChecks.checkActivation(new Skew());
    assertFalse(results.isEmpty());
    results.forEach(r -> assertTrue(r.passed(), r.toString()));
    PluginChecks.checkActivation(new TestPlugins.Linear());
    PluginChecks.checkCost(new TestPlugins.HalfMse(), new TestPlugins.Linear());
    PluginChecks.checkActivation(new Skew(), PluginChecks.Options.defaults().withShape(4, 1));
  }

  @Test
  void transposedJacobianIsCaught() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new SkewTransposed()));
    assertFailed(e, "activation 'skew_transposed'", "jacobian vs finite differences");
    assertFailed(e, "activation 'skew_transposed'", "backward vs finite differences");
  }

  @Test
  void derivativeOffByAFactorIsCaught() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new WrongDerivative()));
    assertFailed(e, "activation 'wrong_derivative'", "backward vs finite differences");
    assertFailed(e, "activation 'wrong_derivative'", "jacobian vs finite differences");
  }

  @Test
  void falseElementwiseClaimIsCaught() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new SkewClaimingElementwise()));
    assertTrue(e.getMessage().contains("declares itself elementwise, but its Jacobian has"),
        e.getMessage());
  }

  @Test
  void dependenceBetweenColumnsIsCaught() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new MixesColumns()));
    assertTrue(e.getMessage().contains("column independence"), e.getMessage());
  }

  @Test
  void mutatedInputIsCaught() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new Mutating()));
    assertTrue(e.getMessage().contains("forward modified its input Z"), e.getMessage());
  }

  @Test
  void wrongSeedIsCaught() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(new WrongSeed(), new TestPlugins.Linear()));
    assertFailed(e, "cost 'wrong_seed'", "seed vs finite differences of J");
  }

  @Test
  void fusedFormInconsistentWithTheSeedIsCaught() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(new WrongFused(), new TestPlugins.Linear()));
    assertFailed(e, "cost 'wrong_fused'", "fused dZ[L] vs seed × backward");
  }

  @Test
  void anOutputSizeTheCostRejectsIsReportedBeforeAnyCheck() {
    Cost singleOutput = new TestPlugins.HalfMse() {
      @Override
      public void checkOutputLayer(Activation output, int outputSize) {
        if (outputSize != 1) {
          throw new IllegalArgumentException("one output only");
        }
      }
    };
    // a shape asked for explicitly is kept, and its refusal reported
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(singleOutput, new TestPlugins.Linear(),
            PluginChecks.Options.defaults().withShape(5, 3)));
    assertTrue(e.getMessage().contains("does not accept 5 outputs"), e.getMessage());
    assertTrue(e.getMessage().contains("one output only"), e.getMessage());
    // the default call checks the cost at a size it accepts: bce-like costs pass it
    List<CheckResult> alone = PluginChecks.checkCost(singleOutput);
    assertTrue(alone.stream().anyMatch(r -> r.where().startsWith("dŶ[0,")), alone.toString());
    PluginChecks.checkCost(singleOutput, new TestPlugins.Linear());
  }

  /** {@code a = max(0, z)} without declaring its kink. */
  static class UndeclaredKink extends ElementwiseActivation {
    @Override
    public String name() {
      return "undeclared_kink";
    }

    @Override
    protected double value(double z) {
      return Math.max(0, z);
    }

    @Override
    protected double derivative(double z, double a) {
      return z > 0 ? 1 : 0;
    }
  }

  @Test
  void finiteDifferencesSkipDeclaredKinksOnly() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new UndeclaredKink()));
    assertTrue(e.getMessage().contains(
        "jacobian vs finite differences at edge inputs: FAILED"), e.getMessage());
    assertTrue(e.getMessage().contains("jacobian vs finite differences at random inputs: ok"),
        e.getMessage());
    assertTrue(e.getMessage().contains("inputs at edge inputs: "), e.getMessage());
    PluginChecks.checkActivation(new UndeclaredKink() {
      @Override
      public double[] kinks() {
        return new double[] {0};
      }
    });
  }

  @Test
  void outputsOutsideTheDeclaredRangeAreCaught() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new TestPlugins.Square() {
          @Override
          public Range outputRange() {
            return Range.open(0, 1);
          }
        }));
    assertTrue(e.getMessage().contains("forward: A leaves the declared output range (0, 1)"),
        e.getMessage());
  }

  @Test
  void overflowAtExtremeInputsIsCaught() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new TestPlugins.Square() {
          @Override
          public String name() {
            return "naive_exp";
          }

          @Override
          protected double value(double z) {
            return Math.exp(z);
          }

          @Override
          protected double derivative(double z, double a) {
            return a;
          }
        }));
    assertTrue(e.getMessage().contains(
        "activation 'naive_exp' at edge inputs: forward: A has Infinity"), e.getMessage());

    // J = mean(log(1 + e^{2ŷ}) / 2), a softplus written naively: about ŷ at ŷ = 700, but
    // e^1400 overflows, so J is infinite where it need not be
    Cost naive = new TestPlugins.HalfMse() {
      @Override
      public String name() {
        return "naive_softplus";
      }

      @Override
      public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
        double sum = 0;
        for (int k = 0; k < Yhat.getNumElements(); k++) {
          sum += Math.log1p(Math.exp(2 * Yhat.data[k])) / 2;
        }
        return sum / Yhat.getNumElements();
      }

      @Override
      public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
        dYhat.reshape(Yhat.numRows, Yhat.numCols);
        for (int k = 0; k < Yhat.getNumElements(); k++) {
          double e = Math.exp(2 * Yhat.data[k]);
          dYhat.data[k] = e / (1 + e) / Yhat.getNumElements();
        }
      }
    };
    AssertionError cost = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(naive));
    assertTrue(cost.getMessage().contains(
        "cost 'naive_softplus' at edge inputs: value is Infinity"), cost.getMessage());
    assertTrue(cost.getMessage().contains("seed vs finite differences of J at random inputs: ok"),
        cost.getMessage());

    // J = mean(e^ŷ) is correct everywhere, and e^1000 is honestly infinite: an unbounded output
    // is checked up to 700, where e^ŷ is still a double (poisson's log link is such a cost)
    PluginChecks.checkCost(new TestPlugins.HalfMse() {
      @Override
      public String name() {
        return "exponential";
      }

      @Override
      public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
        double sum = 0;
        for (int k = 0; k < Yhat.getNumElements(); k++) {
          sum += Math.exp(Yhat.data[k]);
        }
        return sum / Yhat.getNumElements();
      }

      @Override
      public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
        dYhat.reshape(Yhat.numRows, Yhat.numCols);
        for (int k = 0; k < Yhat.getNumElements(); k++) {
          dYhat.data[k] = Math.exp(Yhat.data[k]) / Yhat.getNumElements();
        }
      }
    });
  }

  @Test
  void costsOnTheirOwnDrawFromTheirDomains() {
    Cost probabilities = new TestPlugins.HalfMse() {
      @Override
      public Range outputDomain() {
        return Range.OPEN_SIMPLEX;
      }

      @Override
      public Range targetDomain() {
        return Range.SIMPLEX;
      }

      @Override
      public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
        // targets are probability vectors; outputs (perturbed by finite differences) positive
        assertTrue(Range.SIMPLEX.firstViolation(Y, Y.numRows) == null, Y.toString());
        assertTrue(Range.open(0, 1).firstViolation(Yhat, 1) == null, Yhat.toString());
        return super.value(Yhat, Y);
      }
    };
    List<CheckResult> results = PluginChecks.checkCost(probabilities);
    assertTrue(results.stream().anyMatch(r -> r.check().endsWith("at random inputs")));
  }

  @Test
  void aPairThatCannotBuildIsReported() {
    Cost needsUnitInterval = new TestPlugins.HalfMse() {
      @Override
      public Range outputDomain() {
        return Range.open(0, 1);
      }
    };
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(needsUnitInterval, new TestPlugins.Linear()));
    assertTrue(e.getMessage().contains("cannot follow linear, whose outputs lie in (−∞, ∞)"),
        e.getMessage());
  }

  @Test
  void costAtExplicitPoints() {
    DMatrixRMaj Yhat = new DMatrixRMaj(2, 2, true, 0.1, 0.2, 0.3, 0.4);
    DMatrixRMaj Y = new DMatrixRMaj(2, 2, true, 1, 0, 0, 1);
    PluginChecks.checkCost(new TestPlugins.HalfMse(), Yhat, Y, PluginChecks.Options.defaults());
    assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(new WrongSeed(), Yhat, Y, PluginChecks.Options.defaults()));
  }

  @Test
  void pluginExceptionsBecomeAReportNamingThePlugin() {
    Activation throwing = new Skew() {
      @Override
      public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
        throw new IllegalStateException("no jacobian today");
      }
    };
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(throwing));
    assertTrue(e.getMessage().contains("activation 'skew' at random inputs: threw"),
        e.getMessage());
    assertTrue(e.getMessage().contains("inputs at random inputs: "), e.getMessage());
    assertTrue(e.getMessage().contains("no jacobian today"), e.getMessage());
  }

  // ---------------------------------------------------------------- right both ways

  /** {@code bent_identity} with its derivative scaled by {@code 1 + off}. */
  static final class Bent extends ElementwiseActivation {
    private final double off;

    Bent(double off) {
      this.off = off;
    }

    @Override
    public String name() {
      return "bent";
    }

    @Override
    protected double value(double z) {
      return (Math.hypot(z, 1) - 1) / 2 + z;
    }

    @Override
    protected double derivative(double z, double a) {
      return (z / (2 * Math.hypot(z, 1)) + 1) * (1 + off);
    }
  }

  /**
   * {@code −log} of the first output, a cross-entropy against class 0: its fifth derivative is
   * {@code 24/ŷ⁵}, so finite differences at small {@code ŷ} carry a truncation error the check
   * must account for. The seed is scaled by {@code 1 + off}.
   */
  static class LogLoss extends TestPlugins.HalfMse {
    private final double off;

    LogLoss(double off) {
      this.off = off;
    }

    @Override
    public String name() {
      return "log_loss";
    }

    @Override
    public Range outputDomain() {
      return Range.open(0, 1);
    }

    @Override
    public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
      double sum = 0;
      for (int k = 0; k < Yhat.getNumElements(); k++) {
        sum -= Math.log(Yhat.data[k]);
      }
      return sum / Yhat.numCols;
    }

    @Override
    public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
      dYhat.reshape(Yhat.numRows, Yhat.numCols);
      for (int k = 0; k < Yhat.getNumElements(); k++) {
        dYhat.data[k] = -1 / Yhat.data[k] / Yhat.numCols * (1 + off);
      }
    }
  }

  @Test
  void aCorrectPluginPassesWhereFiniteDifferencesAreLeastAccurate() {
    // at ŷ = 0.004 five-point differences with h = 1e-4 are off by 0.8 (h/ŷ)⁴ ≈ 3e-7 of the
    // derivative, beyond a fixed 1e-6 only by chance; the error model explains it
    DMatrixRMaj Yhat = new DMatrixRMaj(new double[][] {{0.004, 0.003}, {0.5, 0.9}});
    DMatrixRMaj Y = new DMatrixRMaj(2, 2);
    List<CheckResult> results = PluginChecks.checkCost(new LogLoss(0), Yhat, Y,
        PluginChecks.Options.defaults().withTolerance(1e-9));
    assertTrue(results.stream().allMatch(CheckResult::passed), results.toString());
    PluginChecks.checkCost(new LogLoss(0));
    PluginChecks.checkActivation(new Bent(0));
  }

  @Test
  void aDerivativeOffBy1eMinus4RelativeIsCaught() {
    AssertionError activation = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new Bent(1e-4)));
    assertFailed(activation, "activation 'bent'", "jacobian vs finite differences");
    AssertionError cost = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(new LogLoss(1e-4)));
    assertFailed(cost, "cost 'log_loss'", "seed vs finite differences of J");
    AssertionError small = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(new LogLoss(1e-4),
            new DMatrixRMaj(new double[][] {{0.004, 0.003}, {0.5, 0.9}}), new DMatrixRMaj(2, 2),
            PluginChecks.Options.defaults()));
    assertTrue(small.getMessage().contains("seed vs finite differences of J at given inputs: "
        + "FAILED"), small.getMessage());
  }

  @Test
  void finiteDifferencesNeverStepAcrossTheDomainsEdge() {
    // ŷ = 2e-7 and 1e-12: a step of 1e-4 reaches below 0, where −log is not defined; the step
    // shrinks to a sixteenth of the way to the edge
    DMatrixRMaj Yhat = new DMatrixRMaj(new double[][] {{2e-7, 1e-12}, {0.5, 1 - 1e-9}});
    DMatrixRMaj Y = new DMatrixRMaj(2, 2);
    List<CheckResult> results = PluginChecks.checkCost(new LogLoss(0), Yhat, Y,
        PluginChecks.Options.defaults());
    assertTrue(results.stream().allMatch(CheckResult::passed), results.toString());
    // and a seed off by 1e-4 there is still caught, the plugin named as the suspect
    AssertionError e = assertThrows(AssertionError.class, () -> PluginChecks.checkCost(
        new LogLoss(1e-4), new DMatrixRMaj(new double[][] {{2e-7, 1e-12}}), new DMatrixRMaj(1, 2),
        PluginChecks.Options.defaults()));
    assertTrue(e.getMessage().contains("seed vs finite differences of J at given inputs: FAILED"),
        e.getMessage());
    assertTrue(e.getMessage().contains("(finite differences "), e.getMessage());
    assertTrue(e.getMessage().contains("; suspect: the plugin's seed dŶ: finite differences are "
        + "accurate here"), e.getMessage());
    // an output on the edge itself is not differenced, and the check says so
    List<CheckResult> edge = PluginChecks.checkCost(new TestPlugins.HalfMse() {
      @Override
      public Range outputDomain() {
        return Range.interval(0, true, 1, false);
      }
    }, new DMatrixRMaj(new double[][] {{0, 0.5}}), new DMatrixRMaj(1, 2),
        PluginChecks.Options.defaults());
    assertTrue(edge.stream().anyMatch(r -> r.check().startsWith("seed vs finite differences of J "
        + "(1 entry on the domain's edge not differenced)") && r.passed()), edge.toString());
  }

  /**
   * {@code softmax} as a test plugin: backward {@code a_j (dA_j − Σ a_k dA_k)}, Jacobian {@code
   * a_j (δ_pj − a_p)}, both exact; optionally with a backward off by {@code off} relative.
   */
  static final class Softmax implements Activation {
    private final double off;

    Softmax(double off) {
      this.off = off;
    }

    @Override
    public String name() {
      return "softmax";
    }

    @Override
    public Range outputRange() {
      return Range.OPEN_SIMPLEX;
    }

    @Override
    public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
      A.reshape(Z.numRows, Z.numCols);
      for (int i = 0; i < Z.numCols; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < Z.numRows; p++) {
          max = Math.max(max, Z.get(p, i));
        }
        double sum = 0;
        for (int p = 0; p < Z.numRows; p++) {
          sum += Math.exp(Z.get(p, i) - max);
        }
        for (int p = 0; p < Z.numRows; p++) {
          A.set(p, i, Math.exp(Z.get(p, i) - max) / sum);
        }
      }
    }

    @Override
    public void backward(DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
      dZ.reshape(Z.numRows, Z.numCols);
      for (int i = 0; i < Z.numCols; i++) {
        double s = 0;
        for (int p = 0; p < Z.numRows; p++) {
          s += A.get(p, i) * dA.get(p, i);
        }
        for (int p = 0; p < Z.numRows; p++) {
          dZ.set(p, i, A.get(p, i) * (dA.get(p, i) - s) * (1 + off));
        }
      }
    }

    @Override
    public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
      int n = Z.numRows;
      jac.reshape(n, n);
      for (int p = 0; p < n; p++) {
        for (int j = 0; j < n; j++) {
          jac.set(p, j, A.get(j, column) * ((p == j ? 1 : 0) - A.get(p, column)));
        }
      }
    }
  }

  @Test
  void twoExactFormsMayDifferByWhatRoundingExplainsAndNoMore() {
    // the column [20, 1, 0, 0.5]: a_0 = 1 − 4e-9, and both forms lose the digits of 1 − a_0:
    // dZ_0 comes out 2.3e-9 in both, 2.5e-8 apart relative, a difference rounding explains
    DMatrixRMaj saturated = new DMatrixRMaj(new double[][] {{20}, {1}, {0}, {0.5}});
    List<CheckResult> results = PluginChecks.checkActivation(new Softmax(0), saturated,
        PluginChecks.Options.defaults());
    assertTrue(results.stream().allMatch(CheckResult::passed), results.toString());
    PluginChecks.checkActivation(new Softmax(0), PluginChecks.Options.defaults().withScale(20));
    // a backward off by 1e-7 relative, below what finite differences resolve (1e-6), is caught
    // between the exact forms, with backward named as the suspect
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new Softmax(1e-7)));
    assertTrue(e.getMessage().contains("backward vs finite differences at random inputs: ok"),
        e.getMessage());
    assertTrue(e.getMessage().contains("backward vs Jacobianᵀ dA at random inputs: FAILED"),
        e.getMessage());
    assertTrue(e.getMessage().contains("(Jacobianᵀ dA (from jacobian) "), e.getMessage());
    assertTrue(e.getMessage().contains("; suspect: either form: both agree with finite "
        + "differences"), e.getMessage());
    // off by 1e-4: finite differences see it too, and point at backward
    AssertionError far = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new Softmax(1e-4)));
    assertTrue(far.getMessage().contains("; suspect: the plugin's backward: the Jacobian agrees "
        + "with finite differences, backward does not"), far.getMessage());
  }

  /**
   * {@code l2_normalize}: {@code a = z / s}, {@code s = sqrt(‖z‖² + ε)}; {@code Jac = I/s − z
   * zᵀ/s³}. With {@code exact = false} its Jacobian guards against dividing by a zero norm and
   * gives 0 on an all-zero column, forgetting that {@code ε} keeps it {@code I/√ε} there: wrong
   * only on such a column.
   */
  static final class L2Normalize implements Activation {
    private static final double EPS = 1e-4;
    private final boolean exact;

    L2Normalize(boolean exact) {
      this.exact = exact;
    }

    @Override
    public String name() {
      return "l2_normalize";
    }

    @Override
    public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
      A.reshape(Z.numRows, Z.numCols);
      for (int i = 0; i < Z.numCols; i++) {
        double s = norm(Z, i, EPS);
        for (int p = 0; p < Z.numRows; p++) {
          A.set(p, i, Z.get(p, i) / s);
        }
      }
    }

    @Override
    public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
      int n = Z.numRows;
      jac.reshape(n, n);
      jac.zero();
      double s = norm(Z, column, EPS);
      if (!exact && norm(Z, column, 0) == 0) {
        return;
      }
      for (int p = 0; p < n; p++) {
        for (int j = 0; j < n; j++) {
          jac.set(p, j, (p == j ? 1 / s : 0) - Z.get(p, column) * Z.get(j, column) / (s * s * s));
        }
      }
    }

    private static double norm(DMatrixRMaj Z, int i, double eps) {
      double sum = eps;
      for (int p = 0; p < Z.numRows; p++) {
        sum += Z.get(p, i) * Z.get(p, i);
      }
      return Math.sqrt(sum);
    }
  }

  @Test
  void aVectorValuedActivationWrongOnlyOnAnAllZeroColumnIsCaughtNamingTheColumn() {
    PluginChecks.checkActivation(new L2Normalize(true));
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new L2Normalize(false)));
    String report = e.getMessage();
    // only the special columns fail, at column 0 (all zero)
    assertTrue(report.contains("jacobian vs finite differences at random inputs: ok"), report);
    assertTrue(report.contains("jacobian vs finite differences at edge inputs: ok"), report);
    assertTrue(report.contains("jacobian vs finite differences at special columns (0: all 0;"),
        report);
    assertTrue(report.contains("at Jac[0][0] of column 0 (finite differences 99.99"), report);
  }

  /** What a {@link Scale} gets wrong. */
  enum Fault {
    NONE,
    /** withParameters returns the plugin unchanged. */
    IGNORES_WITH_PARAMETERS,
    /** spec() names the parameter differently. */
    MISSPELLS,
    /** withParameters merges a key it does not declare instead of refusing it. */
    MERGES_UNKNOWN_KEYS,
    /** Reports k but computes 2z whatever k is. */
    IGNORES_K_IN_ITS_MATH,
    /** Uses k in forward, but its derivative is 2 whatever k is. */
    DERIVATIVE_IGNORES_K
  }

  /** {@code scale(k=2.0)}: {@code a = k z}, with one deliberate {@link Fault}. */
  static final class Scale extends ElementwiseActivation {
    private final double k;
    private final Fault fault;

    Scale(double k, Fault fault) {
      this.k = k;
      this.fault = fault;
    }

    @Override
    public String name() {
      return "scale";
    }

    @Override
    public Map<String, Double> parameters() {
      return Map.of("k", k);
    }

    @Override
    public Activation withParameters(Map<String, Double> parameters) {
      if (fault == Fault.IGNORES_WITH_PARAMETERS) {
        return this;
      }
      if (fault != Fault.MERGES_UNKNOWN_KEYS && !parameters.keySet().equals(Set.of("k"))) {
        throw new IllegalArgumentException("scale takes k alone, got " + parameters);
      }
      return new Scale(parameters.get("k"), fault);
    }

    @Override
    public String spec() {
      return fault == Fault.MISSPELLS ? "scale(factor=" + k + ")" : super.spec();
    }

    @Override
    protected double value(double z) {
      return (fault == Fault.IGNORES_K_IN_ITS_MATH ? 2 : k) * z;
    }

    @Override
    protected double derivative(double z, double a) {
      return fault == Fault.IGNORES_K_IN_ITS_MATH || fault == Fault.DERIVATIVE_IGNORES_K ? 2 : k;
    }
  }

  @Test
  void parametersMustBeHonouredAndSpecsMustRoundTrip() {
    PluginChecks.checkActivation(new Scale(2, Fault.NONE));
    PluginChecks.checkActivation(new TestPlugins.Scaled());
    AssertionError ignored = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new Scale(2, Fault.IGNORES_WITH_PARAMETERS)));
    assertTrue(ignored.getMessage().contains("activation 'scale(k=2.0)' at parameters {k=2.0}: "
        + "withParameters ignores its argument: asked for k=2.5, the plugin it returned has "
        + "parameters {k=2.0}"), ignored.getMessage());
    AssertionError spec = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new Scale(2, Fault.MISSPELLS)));
    assertTrue(spec.getMessage().contains("spec() does not round-trip: 'scale(factor=2.0)' reads "
        + "as scale {k=2.0, factor=2.0} but the plugin is scale {k=2.0}"), spec.getMessage());
  }

  @Test
  void anUnknownKeyMustBeRefusedNotMerged() {
    AssertionError merged = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new Scale(2, Fault.MERGES_UNKNOWN_KEYS)));
    assertTrue(merged.getMessage().contains("activation 'scale(k=2.0)' at parameters {k=2.0}: "
        + "withParameters accepts the unknown parameter 'no_such_parameter' instead of refusing "
        + "it"), merged.getMessage());
    // a plugin without parameters refuses any through Plugin's default
    PluginChecks.checkActivation(new TestPlugins.Square());
    // a cost whose withParameters takes anything
    AssertionError cost = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(new TestPlugins.HalfMse() {
          @Override
          public Cost withParameters(Map<String, Double> parameters) {
            return this;
          }
        }));
    assertTrue(cost.getMessage().contains("withParameters accepts the unknown parameter "
        + "'no_such_parameter'"), cost.getMessage());
  }

  @Test
  void aParameterTheMathIgnoresIsCaught() {
    // reports k = 2.5 after withParameters, but still computes 2z: the default k = 2 hides it
    AssertionError unused = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new Scale(2, Fault.IGNORES_K_IN_ITS_MATH)));
    assertTrue(unused.getMessage().contains("activation 'scale(k=2.0)' at random inputs with "
        + "parameters {k=2.5} (k changed from 2.0): ignores the changed parameter: forward, backward and jacobian "
        + "give exactly what scale(k=2.0) gives at random inputs"), unused.getMessage());
    // forward uses k, the derivative does not: right at k = 2 only
    AssertionError derivative = assertThrows(AssertionError.class,
        () -> PluginChecks.checkActivation(new Scale(2, Fault.DERIVATIVE_IGNORES_K)));
    assertTrue(derivative.getMessage().contains("activation 'scale(k=2.0)' jacobian vs finite "
        + "differences at random inputs with parameters {k=2.5} (k changed from 2.0): FAILED"),
        derivative.getMessage());
    assertTrue(derivative.getMessage().contains("suspect: the plugin's jacobian: finite "
        + "differences are accurate here"), derivative.getMessage());
    assertFalse(derivative.getMessage().contains("ignores the changed parameter"),
        derivative.getMessage());
    // a cost: ½ w (ŷ − y)² whose seed forgets w
    AssertionError cost = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(new WeightedMse(1, true)));
    assertTrue(cost.getMessage().contains("cost 'weighted_mse(w=1.0)' seed vs finite "
        + "differences of J at random inputs with parameters {w=1.25} (w changed from 1.0): "
        + "FAILED"),
        cost.getMessage());
    PluginChecks.checkCost(new WeightedMse(1, false));
  }

  /** {@code J = (1/m) Σ ½ w (ŷ − y)²}; its seed optionally forgets {@code w}. */
  static final class WeightedMse extends TestPlugins.HalfMse {
    private final double w;
    private final boolean seedForgetsW;

    WeightedMse(double w, boolean seedForgetsW) {
      this.w = w;
      this.seedForgetsW = seedForgetsW;
    }

    @Override
    public String name() {
      return "weighted_mse";
    }

    @Override
    public Map<String, Double> parameters() {
      return Map.of("w", w);
    }

    @Override
    public Cost withParameters(Map<String, Double> parameters) {
      if (!parameters.keySet().equals(Set.of("w")) || !(parameters.get("w") > 0)) {
        throw new IllegalArgumentException("weighted_mse takes w > 0 alone, got " + parameters);
      }
      return new WeightedMse(parameters.get("w"), seedForgetsW);
    }

    @Override
    public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
      return w * super.value(Yhat, Y);
    }

    @Override
    public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
      super.seed(Yhat, Y, dYhat);
      if (!seedForgetsW) {
        for (int k = 0; k < dYhat.getNumElements(); k++) {
          dYhat.data[k] *= w;
        }
      }
    }

    @Override
    public boolean fusesWith(Activation output) {
      return false;
    }
  }

  private static void assertFailed(AssertionError e, String plugin, String check) {
    String line = " " + check + " at random inputs: FAILED";
    assertTrue(e.getMessage().contains(line), "expected '" + line + "' in:\n" + e.getMessage());
    assertTrue(e.getMessage().startsWith("plugin check failed for " + plugin), e.getMessage());
  }
}

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
    AssertionError e = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(singleOutput, new TestPlugins.Linear()));
    assertTrue(e.getMessage().contains("does not accept 5 outputs"), e.getMessage());
    assertTrue(e.getMessage().contains("one output only"), e.getMessage());
    PluginChecks.checkCost(singleOutput, new TestPlugins.Linear(),
        PluginChecks.Options.defaults().withShape(1, 4));
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

    // J = mean(e^ŷ): correct everywhere, but e^1000 overflows
    Cost exponential = new TestPlugins.HalfMse() {
      @Override
      public String name() {
        return "naive_exponential";
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
    };
    AssertionError cost = assertThrows(AssertionError.class,
        () -> PluginChecks.checkCost(exponential));
    assertTrue(cost.getMessage().contains(
        "cost 'naive_exponential' at edge inputs: value is Infinity"), cost.getMessage());
    assertTrue(cost.getMessage().contains("seed vs finite differences of J at random inputs: ok"),
        cost.getMessage());
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

  private static void assertFailed(AssertionError e, String plugin, String check) {
    String line = " " + check + " at random inputs: FAILED";
    assertTrue(e.getMessage().contains(line), "expected '" + line + "' in:\n" + e.getMessage());
    assertTrue(e.getMessage().startsWith("plugin check failed for " + plugin), e.getMessage());
  }
}

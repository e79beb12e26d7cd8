package io.ffnn.api;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Plugins used only by this module's tests. */
public final class TestPlugins {

  private TestPlugins() {}

  /**
   * {@code square}: {@code a = z²}, registered only in this test module's {@code
   * META-INF/services}.
   */
  public static class Square extends ElementwiseActivation {
    /** ServiceLoader constructor. */
    public Square() {}

    @Override
    public String name() {
      return "square";
    }

    @Override
    protected double value(double z) {
      return z * z;
    }

    /** {@inheritDoc} */
    @Override
    protected double derivative(double z, double a) {
      return 2 * z;
    }
  }

  /** {@code scaled(k=1.0)}: {@code a = k z}, with {@code k > 0}. */
  public static final class Scaled extends ElementwiseActivation {
    private final double k;

    /** ServiceLoader constructor: {@code k = 1}. */
    public Scaled() {
      this(1.0);
    }

    Scaled(double k) {
      this.k = k;
    }

    @Override
    public String name() {
      return "scaled";
    }

    @Override
    public Map<String, Double> parameters() {
      return Map.of("k", k);
    }

    @Override
    public Activation withParameters(Map<String, Double> parameters) {
      if (!parameters.keySet().equals(java.util.Set.of("k"))) {
        throw new IllegalArgumentException("scaled takes k alone, got " + parameters);
      }
      double value = parameters.get("k");
      if (!(value > 0)) {
        throw new IllegalArgumentException("k must be > 0, got " + value);
      }
      return new Scaled(value);
    }

    @Override
    protected double value(double z) {
      return k * z;
    }

    @Override
    protected double derivative(double z, double a) {
      return k;
    }
  }

  /** {@code linear}: {@code a = z}, the natural output of {@link HalfMse}; not registered. */
  public static class Linear extends ElementwiseActivation {
    /** ServiceLoader constructor. */
    public Linear() {}

    @Override
    public String name() {
      return "linear";
    }

    @Override
    protected double value(double z) {
      return z;
    }

    @Override
    protected double derivative(double z, double a) {
      return 1;
    }
  }

  /** Registered by the duplicate test under the name {@code dup}. */
  public static class DuplicateA extends Linear {
    /** ServiceLoader constructor. */
    public DuplicateA() {}

    @Override
    public String name() {
      return "dup";
    }
  }

  /** A second class claiming {@code dup}. */
  public static final class DuplicateB extends DuplicateA {
    /** ServiceLoader constructor. */
    public DuplicateB() {}
  }

  /** A provider whose constructor fails. */
  public static final class Broken extends DuplicateA {
    /** ServiceLoader constructor; always throws. */
    public Broken() {
      throw new IllegalStateException("broken on purpose");
    }

    @Override
    public String name() {
      return "broken";
    }
  }

  /**
   * {@code half_mse}: {@code J = (1/m) Σ ½ (ŷ − y)²}, seed {@code (ŷ − y)/m}; fused with an
   * activation named {@code linear} to the same {@code (A − Y) / m}.
   */
  public static class HalfMse implements Cost {
    /** ServiceLoader constructor. */
    public HalfMse() {}

    @Override
    public String name() {
      return "half_mse";
    }

    @Override
    public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
      Shapes.requireSameShape(name(), "Ŷ", Yhat, "Y", Y);
      double sum = 0;
      for (int k = 0; k < Yhat.getNumElements(); k++) {
        double d = Yhat.data[k] - Y.data[k];
        sum += 0.5 * d * d;
      }
      return sum / Yhat.numCols;
    }

    @Override
    public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
      Shapes.requireSameShape(name(), "Ŷ", Yhat, "Y", Y);
      dYhat.reshape(Yhat.numRows, Yhat.numCols);
      for (int k = 0; k < Yhat.getNumElements(); k++) {
        dYhat.data[k] = (Yhat.data[k] - Y.data[k]) / Yhat.numCols;
      }
    }

    @Override
    public boolean fusesWith(Activation output) {
      return output.spec().equals("linear");
    }

    @Override
    public void fusedOutputGradient(
        Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
      seed(A, Y, dZ);
    }
  }
}

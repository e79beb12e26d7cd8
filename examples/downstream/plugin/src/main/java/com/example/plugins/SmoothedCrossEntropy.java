package com.example.plugins;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.CostMath;
import io.ffnn.api.ParameterizedPlugin;
import io.ffnn.api.PluginParameters;
import io.ffnn.api.Range;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code smoothed_cce(smoothing=0.1)}: cross-entropy against label-smoothed targets {@code y' =
 * (1 − s) y + s / n}, {@code J = −(1/m) Σ y' log ŷ}. After softmax it fuses: {@code dZ = (A −
 * y') / m}.
 */
public final class SmoothedCrossEntropy extends ParameterizedPlugin<Cost> implements Cost {

  private final double s;

  /** The ServiceLoader constructor: {@code s = 0.1}. */
  public SmoothedCrossEntropy() {
    this(PluginParameters.of("smoothing", 0.1, v -> v >= 0 && v < 1, "in [0, 1)"));
  }

  private SmoothedCrossEntropy(PluginParameters parameters) {
    super(parameters);
    this.s = parameter("smoothing");
  }

  @Override
  public String name() {
    return "smoothed_cce";
  }

  @Override
  protected SmoothedCrossEntropy create(PluginParameters parameters) {
    return new SmoothedCrossEntropy(parameters);
  }

  @Override
  public Range outputDomain() {
    return Range.OPEN_SIMPLEX;
  }

  @Override
  public Range targetDomain() {
    return Range.SIMPLEX;
  }

  private double smoothed(double y, int n) {
    return (1 - s) * y + s / n;
  }

  @Override
  public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    CostMath.requireShapes(name(), Yhat, Y);
    double sum = 0;
    for (int k = 0; k < Yhat.getNumElements(); k++) {
      sum += smoothed(Y.data[k], Yhat.numRows) * CostMath.safeLog(Yhat.data[k]);
    }
    return -sum / Yhat.numCols;
  }

  @Override
  public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
    CostMath.requireShapes(name(), Yhat, Y);
    dYhat.reshape(Yhat.numRows, Yhat.numCols);
    for (int k = 0; k < Yhat.getNumElements(); k++) {
      dYhat.data[k] = -smoothed(Y.data[k], Yhat.numRows) / CostMath.safe(Yhat.data[k])
          / Yhat.numCols;
    }
  }

  @Override
  public boolean fusesWith(Activation output) {
    return output.name().equals("softmax");
  }

  @Override
  public void fusedOutputGradient(Activation output, DMatrixRMaj Z, DMatrixRMaj A,
      DMatrixRMaj Y, DMatrixRMaj dZ) {
    CostMath.requireShapes(name(), A, Y);
    dZ.reshape(A.numRows, A.numCols);
    for (int k = 0; k < A.getNumElements(); k++) {
      dZ.data[k] = (A.data[k] - smoothed(Y.data[k], A.numRows)) / A.numCols;
    }
  }

  @Override
  public void checkOutputLayer(Activation output, int outputSize) {
    if (outputSize < 2) {
      throw new IllegalArgumentException("smoothed_cce needs at least 2 classes, got "
          + outputSize);
    }
  }
}

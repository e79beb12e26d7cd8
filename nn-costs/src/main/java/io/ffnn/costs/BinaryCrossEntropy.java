package io.ffnn.costs;

import io.ffnn.api.Activation;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code bce}: binary cross-entropy of a single output ({@code n[L] = 1}), {@code J = −(1/m) Σ_i
 * [y log ŷ + (1 − y) log(1 − ŷ)]} with targets {@code y ∈ [0, 1]}; seed {@code −(1/m) [y/ŷ − (1 −
 * y)/(1 − ŷ)]}; fused with {@code sigmoid}: {@code dZ = (A − Y) / m}. For several independent
 * labels use {@code multilabel_bce}.
 */
public final class BinaryCrossEntropy extends AbstractBinaryCrossEntropy {

  /** The ServiceLoader constructor. */
  public BinaryCrossEntropy() {}

  @Override
  public String name() {
    return "bce";
  }

  @Override
  public void checkOutputLayer(Activation output, int outputSize) {
    if (outputSize != 1) {
      throw new IllegalArgumentException(singleOutputMessage(outputSize));
    }
  }

  @Override
  protected void checkShapes(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    super.checkShapes(Yhat, Y);
    if (Yhat.numRows != 1) {
      throw new IllegalArgumentException(singleOutputMessage(Yhat.numRows));
    }
  }

  private static String singleOutputMessage(int rows) {
    return "bce is for one binary output (n[L] = 1) but the output has " + rows
        + " rows; use multilabel_bce for independent labels or cce for one class among several";
  }
}

package io.ffnn.costs;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.CostMath;
import io.ffnn.api.Range;
import io.ffnn.api.Shapes;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code sparse_cce}: categorical cross-entropy with targets given as class indices, a {@code 1 ×
 * m} row {@code c}: {@code J = −(1/m) Σ_i log ŷ[c_i, i]}; seed {@code −1 / (m ŷ[c_i, i])} at the
 * target class, 0 elsewhere; fused with {@code softmax}: {@code dZ = (A − onehot(c)) / m}. The same
 * as {@code cce} with one-hot targets, without building them.
 */
public final class SparseCategoricalCrossEntropy implements Cost {

  /** The ServiceLoader constructor. */
  public SparseCategoricalCrossEntropy() {}

  @Override
  public String name() {
    return "sparse_cce";
  }

  /**
   * {@inheritDoc}
   *
   * @return the open probability simplex
   */
  @Override
  public Range outputDomain() {
    return Range.OPEN_SIMPLEX;
  }

  /**
   * {@inheritDoc}
   *
   * @return class indices: a {@code 1 × m} row
   */
  @Override
  public Range targetDomain() {
    return Range.CLASS_INDEX;
  }

  @Override
  public double value(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    checkTargets(Yhat, Y);
    final int m = Yhat.numCols;
    double sum = 0;
    for (int i = 0; i < m; i++) {
      sum += CostMath.safeLog(Yhat.data[(int) Y.data[i] * m + i]);
    }
    return -sum / m;
  }

  @Override
  public void seed(DMatrixRMaj Yhat, DMatrixRMaj Y, DMatrixRMaj dYhat) {
    checkTargets(Yhat, Y);
    final int m = Yhat.numCols;
    dYhat.reshape(Yhat.numRows, m);
    dYhat.zero();
    for (int i = 0; i < m; i++) {
      int k = (int) Y.data[i] * m + i;
      dYhat.data[k] = -1.0 / (m * CostMath.safe(Yhat.data[k]));
    }
  }

  @Override
  public boolean fusesWith(Activation output) {
    return "softmax".equals(output.spec());
  }

  @Override
  public void fusedOutputGradient(
      Activation output, DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj Y, DMatrixRMaj dZ) {
    if (!fusesWith(output)) {
      Cost.super.fusedOutputGradient(output, Z, A, Y, dZ);
    }
    checkTargets(A, Y);
    final int m = A.numCols;
    dZ.reshape(A.numRows, m);
    final double inv = 1.0 / m;
    for (int k = 0; k < A.getNumElements(); k++) {
      dZ.data[k] = A.data[k] * inv;
    }
    for (int i = 0; i < m; i++) {
      dZ.data[(int) Y.data[i] * m + i] -= inv;
    }
  }

  @Override
  public void checkOutputLayer(Activation output, int outputSize) {
    if (outputSize < 2) {
      throw new IllegalArgumentException("sparse_cce needs at least 2 classes but the output "
          + "layer has n[L] = " + outputSize);
    }
  }

  /** {@code Y} must be one row of valid class indices, one per column of {@code Ŷ}. */
  private void checkTargets(DMatrixRMaj Yhat, DMatrixRMaj Y) {
    Shapes.requireNonEmpty(name(), "Ŷ", Yhat);
    if (Y.numRows != 1 || Y.numCols != Yhat.numCols) {
      throw new IllegalArgumentException(name() + ": Y is " + Shapes.of(Y) + " but Ŷ is "
          + Shapes.of(Yhat) + "; sparse_cce takes a 1x" + Yhat.numCols
          + " row of class indices");
    }
    final int classes = Yhat.numRows;
    for (int i = 0; i < Y.numCols; i++) {
      double c = Y.data[i];
      if (!(c >= 0 && c < classes && c == Math.rint(c))) {
        throw new IllegalArgumentException(name() + ": Y[0," + i + "] = " + c
            + " is not a class index 0.." + (classes - 1));
      }
    }
  }
}

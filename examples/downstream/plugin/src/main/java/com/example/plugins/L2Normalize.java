package com.example.plugins;

import io.ffnn.api.Activation;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code l2_normalize}: each column scaled to (almost) unit length, {@code a = z / s} with {@code
 * s = sqrt(‖z‖² + ε)}, {@code ε = 1e-4}, so that an all-zero column stays 0 with a finite
 * Jacobian {@code ∂a[p]/∂z[j] = δ_pj / s − z_p z_j / s³}. Vector-valued: each output depends on
 * the whole column.
 */
public final class L2Normalize implements Activation {

  private static final double EPS = 1e-4;

  /** The ServiceLoader constructor. */
  public L2Normalize() {}

  @Override
  public String name() {
    return "l2_normalize";
  }

  @Override
  public void forward(DMatrixRMaj Z, DMatrixRMaj A) {
    A.reshape(Z.numRows, Z.numCols);
    for (int i = 0; i < Z.numCols; i++) {
      double s = length(Z, i);
      for (int p = 0; p < Z.numRows; p++) {
        A.set(p, i, Z.get(p, i) / s);
      }
    }
  }

  @Override
  public void jacobian(DMatrixRMaj Z, DMatrixRMaj A, int column, DMatrixRMaj jac) {
    int n = Z.numRows;
    double s = length(Z, column);
    jac.reshape(n, n);
    for (int p = 0; p < n; p++) {
      for (int j = 0; j < n; j++) {
        jac.set(p, j, (p == j ? 1 / s : 0) - Z.get(p, column) * Z.get(j, column) / (s * s * s));
      }
    }
  }

  /** {@code dZ = dA / s − z (zᵀ dA) / s³}, column by column, in O(n) per column. */
  @Override
  public void backward(DMatrixRMaj Z, DMatrixRMaj A, DMatrixRMaj dA, DMatrixRMaj dZ) {
    dZ.reshape(Z.numRows, Z.numCols);
    for (int i = 0; i < Z.numCols; i++) {
      double s = length(Z, i);
      double dot = 0;
      for (int p = 0; p < Z.numRows; p++) {
        dot += Z.get(p, i) * dA.get(p, i);
      }
      for (int p = 0; p < Z.numRows; p++) {
        dZ.set(p, i, dA.get(p, i) / s - Z.get(p, i) * dot / (s * s * s));
      }
    }
  }

  private static double length(DMatrixRMaj Z, int i) {
    double sum = EPS;
    for (int p = 0; p < Z.numRows; p++) {
      sum += Z.get(p, i) * Z.get(p, i);
    }
    return Math.sqrt(sum);
  }
}

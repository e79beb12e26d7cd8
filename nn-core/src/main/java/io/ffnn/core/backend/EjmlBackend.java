package io.ffnn.core.backend;

import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.internal.FloatKernels;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The pure-Java default: EJML's {@link CommonOps_DDRM} products, and {@code DoubleKernels.multiply} when
 * the right factor is a single column.
 */
public final class EjmlBackend implements Backend {

  /** The ServiceLoader constructor. */
  public EjmlBackend() {}

  @Override
  public String name() {
    return "ejml";
  }

  @Override
  public String description() {
    return "ejml: pure Java (EJML 0.46 CommonOps_DDRM; float products on FMatrixRMaj), "
        + "single-threaded";
  }

  @Override
  public void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj A, DMatrixRMaj B,
      double beta, DMatrixRMaj C) {
    Backend.prepare(transA, transB, A, B, beta, C);
    if (DoubleKernels.appliesTo(transA, transB, B)) {
      DoubleKernels.multiply(alpha, A, B, beta, C);
      return;
    }
    if (beta == 0) {
      if (!transA && !transB) {
        CommonOps_DDRM.mult(alpha, A, B, C);
      } else if (transA && !transB) {
        CommonOps_DDRM.multTransA(alpha, A, B, C);
      } else if (!transA) {
        CommonOps_DDRM.multTransB(alpha, A, B, C);
      } else {
        CommonOps_DDRM.multTransAB(alpha, A, B, C);
      }
      return;
    }
    if (beta != 1) {
      CommonOps_DDRM.scale(beta, C);
    }
    if (!transA && !transB) {
      CommonOps_DDRM.multAdd(alpha, A, B, C);
    } else if (transA && !transB) {
      CommonOps_DDRM.multAddTransA(alpha, A, B, C);
    } else if (!transA) {
      CommonOps_DDRM.multAddTransB(alpha, A, B, C);
    } else {
      CommonOps_DDRM.multAddTransAB(alpha, A, B, C);
    }
  }

  @Override
  public void gemm(boolean transA, boolean transB, float alpha, FMatrixRMaj A, FMatrixRMaj B,
      float beta, FMatrixRMaj C) {
    Backend.prepare(transA, transB, A, B, beta, C);
    if (FloatKernels.appliesTo(transA, transB, B)) {
      FloatKernels.multiply(alpha, A, B, beta, C);
      return;
    }
    FloatProducts.gemm(transA, transB, alpha, A, B, beta, C);
  }

  @Override
  public String toString() {
    return name();
  }
}

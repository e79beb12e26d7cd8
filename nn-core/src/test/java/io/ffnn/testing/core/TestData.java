package io.ffnn.testing.core;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Seeded inputs and targets for the tests of ffnn's modules. */
public final class TestData {

  private TestData() {}

  /**
   * Entries drawn from N(0, 1).
   *
   * @param rows the rows
   * @param cols the columns (examples)
   * @param rng the source
   * @return the matrix
   */
  public static DMatrixRMaj gaussian(int rows, int cols, Random rng) {
    DMatrixRMaj M = new DMatrixRMaj(rows, cols);
    for (int k = 0; k < M.data.length; k++) {
      M.data[k] = rng.nextGaussian();
    }
    return M;
  }

  /**
   * One random class per column.
   *
   * @param classes the rows
   * @param cols the columns (examples)
   * @param rng the source
   * @return the one-hot targets
   */
  public static DMatrixRMaj oneHot(int classes, int cols, Random rng) {
    DMatrixRMaj Y = new DMatrixRMaj(classes, cols);
    for (int i = 0; i < cols; i++) {
      Y.set(rng.nextInt(classes), i, 1.0);
    }
    return Y;
  }

  /**
   * Entries 0 or 1.
   *
   * @param rows the rows
   * @param cols the columns (examples)
   * @param rng the source
   * @return the targets
   */
  public static DMatrixRMaj binary(int rows, int cols, Random rng) {
    DMatrixRMaj Y = new DMatrixRMaj(rows, cols);
    for (int k = 0; k < Y.data.length; k++) {
      Y.data[k] = rng.nextBoolean() ? 1.0 : 0.0;
    }
    return Y;
  }

  /**
   * Targets that suit a cost: one-hot for cce, 0/1 for the binary ones, N(0,1) otherwise.
   *
   * @param cost the cost's name
   * @param rows the rows
   * @param cols the columns (examples)
   * @param rng the source
   * @return the targets
   */
  public static DMatrixRMaj targetsFor(String cost, int rows, int cols, Random rng) {
    switch (cost) {
      case "cce":
        return oneHot(rows, cols, rng);
      case "bce":
      case "multilabel_bce":
        return binary(rows, cols, rng);
      default:
        return gaussian(rows, cols, rng);
    }
  }
}

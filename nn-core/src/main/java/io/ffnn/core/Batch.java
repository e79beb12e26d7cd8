package io.ffnn.core;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The examples of one forward (and backward) pass, with their precision and layout: columns
 * ({@code n[0] × m}, the textbook layout) in {@code double} or {@code float}, or rows ({@code m ×
 * n[0]}, whole examples as training gathers them from an example-major copy) in {@code float},
 * which a float32 network multiplies transposed, without copying.
 *
 * <p>A batch refers to its matrix, not a copy: a training loop keeps one batch per buffer and
 * refills the buffer (reshaping it) for each step.
 */
public final class Batch {

  final DMatrixRMaj X;
  final FMatrixRMaj X32;
  final boolean rows;

  private Batch(DMatrixRMaj X, FMatrixRMaj X32, boolean rows) {
    this.X = X;
    this.X32 = X32;
    this.rows = rows;
  }

  /**
   * A batch of {@code double} columns.
   *
   * @param X {@code n[0] × m}, one example per column. Referenced.
   * @return the batch
   */
  public static Batch columns(DMatrixRMaj X) {
    return new Batch(Objects.requireNonNull(X, "X"), null, false);
  }

  /**
   * A batch of {@code float} columns: a float32 network multiplies them as they are, a float64
   * one widens them (exactly).
   *
   * @param X {@code n[0] × m}, one example per column. Referenced.
   * @return the batch
   */
  public static Batch columns(FMatrixRMaj X) {
    return new Batch(null, Objects.requireNonNull(X, "X"), false);
  }

  /**
   * A batch of {@code float} rows, one example per row.
   *
   * @param rows {@code m × n[0]}. Referenced.
   * @return the batch
   */
  public static Batch rows(FMatrixRMaj rows) {
    return new Batch(null, Objects.requireNonNull(rows, "rows"), true);
  }

  /**
   * The number of examples.
   *
   * @return {@code m}, as the matrix is now shaped
   */
  public int examples() {
    return examples(X, X32, rows);
  }

  /** The examples of a batch given by its parts: {@code X}, or else {@code X32} in its layout. */
  static int examples(DMatrixRMaj X, FMatrixRMaj X32, boolean rows) {
    return X != null ? X.numCols : rows ? X32.numRows : X32.numCols;
  }

  /** The features of a batch given by its parts. */
  static int features(DMatrixRMaj X, FMatrixRMaj X32, boolean rows) {
    return X != null ? X.numRows : rows ? X32.numCols : X32.numRows;
  }

  /**
   * The number of features of each example.
   *
   * @return {@code n[0]} for the network the batch is for
   */
  public int features() {
    return features(X, X32, rows);
  }

  @Override
  public String toString() {
    return "Batch[" + features() + " features × " + examples() + " examples, "
        + (X != null ? "double columns" : rows ? "float rows" : "float columns") + "]";
  }
}

package io.ffnn.api;

import org.ejml.data.DMatrixRMaj;

/**
 * Shape preconditions whose messages carry the shapes, for plugins and the core alike.
 */
public final class Shapes {

  private Shapes() {}

  /**
   * Writes a matrix's shape as {@code rows×cols}.
   *
   * @param M the matrix. Not modified.
   * @return e.g. {@code "4x7"}
   */
  public static String of(DMatrixRMaj M) {
    return M.numRows + "x" + M.numCols;
  }

  /**
   * Requires two matrices to have the same shape.
   *
   * @param context who is checking, e.g. the plugin name; starts the message
   * @param nameA how to call {@code a} in the message
   * @param a the first matrix. Not modified.
   * @param nameB how to call {@code b} in the message
   * @param b the second matrix. Not modified.
   * @throws IllegalArgumentException {@code "context: Ŷ is 3x5 but Y is 3x4"} if they differ
   */
  public static void requireSameShape(
      String context, String nameA, DMatrixRMaj a, String nameB, DMatrixRMaj b) {
    if (a.numRows != b.numRows || a.numCols != b.numCols) {
      throw new IllegalArgumentException(
          context + ": " + nameA + " is " + of(a) + " but " + nameB + " is " + of(b));
    }
  }

  /**
   * Requires two matrices to have the same shape, for a plugin's operation. The message, {@code
   * "softmax backward: A is 3x5 but dA is 3x4"}, is built only on failure, so the check allocates
   * nothing on the training path.
   *
   * @param plugin the plugin that checks; its spec starts the message
   * @param operation what it is doing, e.g. {@code "backward"}
   * @param nameA how to call {@code a} in the message
   * @param a the first matrix. Not modified.
   * @param nameB how to call {@code b} in the message
   * @param b the second matrix. Not modified.
   * @throws IllegalArgumentException if they differ
   */
  public static void requireSameShape(Plugin plugin, String operation, String nameA,
      DMatrixRMaj a, String nameB, DMatrixRMaj b) {
    if (a.numRows != b.numRows || a.numCols != b.numCols) {
      requireSameShape(plugin.spec() + " " + operation, nameA, a, nameB, b);
    }
  }

  /**
   * Requires a matrix to hold at least one column.
   *
   * @param context who is checking; starts the message
   * @param name how to call the matrix in the message
   * @param M the matrix. Not modified.
   * @throws IllegalArgumentException if {@code M} has no columns or no rows
   */
  public static void requireNonEmpty(String context, String name, DMatrixRMaj M) {
    if (M.numRows == 0 || M.numCols == 0) {
      throw new IllegalArgumentException(
          context + ": " + name + " is " + of(M) + "; it needs at least one row and one column");
    }
  }
}

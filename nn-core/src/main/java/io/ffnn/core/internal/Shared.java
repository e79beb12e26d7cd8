package io.ffnn.core.internal;

import io.ffnn.core.Network;
import io.ffnn.core.ParameterLayout;
import io.ffnn.core.Workspace;
import io.ffnn.core.optimizers.Optimizer;

/**
 * Operations of nn-core's public types that its other packages need and users do not: each type
 * registers them when it initialises, so that they need not be public (the JDK's own {@code
 * SharedSecrets} pattern). The multi-threaded training step uses them.
 */
public final class Shared {

  /** A step of an optimizer done by ranges of entries, from several threads at once. */
  public interface Steps {

    /**
     * Starts a step done by ranges, see {@link Optimizer#updatesByRange()}.
     *
     * @param optimizer the optimizer
     * @param network the network it updates
     */
    void begin(Optimizer optimizer, Network network);

    /**
     * Updates the entries {@code from ≤ k < to} of one parameter in the step begun.
     *
     * @param optimizer the optimizer
     * @param network the network
     * @param ws the workspace holding the step's gradients
     * @param p the parameter
     * @param from the first entry
     * @param to one past the last entry
     */
    void update(Optimizer optimizer, Network network, Workspace ws, ParameterLayout.Parameter p,
        int from, int to);
  }

  /** Combining the gradients of the parts of a batch. */
  public interface Gradients {

    /**
     * {@code g ← a g + b g'} for every gradient of {@code target}, {@code g'} being {@code
     * other}'s.
     *
     * @param target the workspace that receives the combination
     * @param a the factor of its gradients
     * @param other a workspace of the same shape
     * @param b the factor of the other's
     */
    void combine(Workspace target, double a, Workspace other, double b);
  }

  // volatile, no lock: a lock held while a class initialises could deadlock with that class's
  // own static initialiser on another thread
  private static volatile Steps steps;
  private static volatile Gradients gradients;

  private Shared() {}

  /**
   * Called once by {@link Optimizer} when it initialises.
   *
   * @param s its steps
   */
  public static void register(Steps s) {
    steps = s;
  }

  /**
   * Called once by {@link Workspace} when it initialises.
   *
   * @param g its gradient operations
   */
  public static void register(Gradients g) {
    gradients = g;
  }

  /**
   * The optimizers' step by ranges.
   *
   * @return the operations {@link Optimizer} registered
   */
  public static Steps steps() {
    initialize(Optimizer.class);
    return steps;
  }

  /**
   * The workspaces' gradient combination.
   *
   * @return the operations {@link Workspace} registered
   */
  public static Gradients gradients() {
    initialize(Workspace.class);
    return gradients;
  }

  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}

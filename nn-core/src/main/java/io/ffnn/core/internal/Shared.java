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

    /**
     * Updates the entries {@code from ≤ k < to} of a float32 network's parameter in the step
     * begun, from its float gradient.
     *
     * @param optimizer the optimizer
     * @param network the network
     * @param p the parameter
     * @param theta the parameter's float entries. Modified.
     * @param g its float gradient. Not modified.
     * @param from the first entry
     * @param to one past the last entry
     */
    void update(Optimizer optimizer, Network network, ParameterLayout.Parameter p, float[] theta,
        float[] g, int from, int to);
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

  /** The floats of a float32 network and its workspaces' float gradients. */
  public interface Float32 {

    /**
     * The floats of a parameter, which a step by ranges updates.
     *
     * @param net the network
     * @param p the parameter
     * @return the floats, or null for a float64 network
     */
    float[] parameter32(Network net, ParameterLayout.Parameter p);

    /**
     * Rounds the double matrices into the floats if they were handed out: before propagating on
     * several threads at once.
     *
     * @param net the network
     */
    void refresh(Network net);

    /**
     * Declares the floats newer than the double matrices: after a step that updated the floats.
     *
     * @param net the network
     */
    void updated(Network net);

    /**
     * The float gradient of a parameter from the workspace's last backward pass.
     *
     * @param ws the workspace
     * @param p the parameter
     * @return its data, or null if the workspace holds its gradients in double (float64)
     */
    float[] gradient32(Workspace ws, ParameterLayout.Parameter p);

    /**
     * {@link Network#computeGradients(org.ejml.data.FMatrixRMaj, org.ejml.data.DMatrixRMaj,
     * Workspace)} of a batch gathered as rows, {@code m × n[0]}: a float32 network multiplies it
     * transposed, so that training gathers whole examples rather than transposing them.
     *
     * @param net a float32 network
     * @param rows the batch, one example per row. Not modified.
     * @param Y the targets, one column per example. Not modified.
     * @param ws the workspace. Modified.
     * @return {@code J}
     */
    double computeGradientsOfRows(Network net, org.ejml.data.FMatrixRMaj rows,
        org.ejml.data.DMatrixRMaj Y, Workspace ws);
  }

  // volatile, no lock: a lock held while a class initialises could deadlock with that class's
  // own static initialiser on another thread
  private static volatile Steps steps;
  private static volatile Gradients gradients;
  private static volatile Float32 float32;

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
   * Called once by {@link Network} when it initialises.
   *
   * @param f its float-copy operations
   */
  public static void register(Float32 f) {
    float32 = f;
  }

  /**
   * The float copies' operations.
   *
   * @return the operations {@link Network} registered
   */
  public static Float32 float32() {
    initialize(Network.class);
    return float32;
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

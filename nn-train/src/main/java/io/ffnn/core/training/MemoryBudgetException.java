package io.ffnn.core.training;

/**
 * A run refused before it starts because what it would hold — the network, its gradients and
 * workspaces, the optimizer's state, the validation pass, the copies of the data — is more than
 * the memory budget, a share of the maximum heap ({@code -Xmx}). Thrown by {@link Trainer#fit}
 * before anything of the run is allocated; the message gives the figure and its parts.
 */
public final class MemoryBudgetException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The bytes the run would need. */
  private final long needed;
  /** The bytes a run may take. */
  private final long budget;

  MemoryBudgetException(String message, long needed, long budget) {
    super(message);
    this.needed = needed;
    this.budget = budget;
  }

  /**
   * The bytes the run would hold at its peak, estimated.
   *
   * @return the estimate
   */
  public long needed() {
    return needed;
  }

  /**
   * The bytes a run may hold.
   *
   * @return the budget
   */
  public long budget() {
    return budget;
  }
}

package io.ffnn.core;

/**
 * A plugin failed, or broke its contract, while a network propagated: the message names the
 * layer, the plugin's spec and the operation; the plugin's own exception is the cause.
 */
public class PropagationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The layer {@code l} (the output layer {@code L} for the cost). */
  private final int layer;

  /** The plugin's spec. */
  private final String plugin;

  /**
   * Creates the exception.
   *
   * @param layer the layer {@code l}
   * @param plugin a description of the plugin, e.g. {@code "activation 'tanh'"}
   * @param operation what was being done, e.g. {@code "forward"}
   * @param problem what went wrong
   * @param cause the plugin's exception, or null
   */
  public PropagationException(
      int layer, String plugin, String operation, String problem, Throwable cause) {
    super("layer " + layer + " (" + plugin + "): " + operation + " " + problem, cause);
    this.layer = layer;
    this.plugin = plugin;
  }

  /**
   * The layer where it happened.
   *
   * @return {@code l}
   */
  public int layer() {
    return layer;
  }

  /**
   * The plugin that failed.
   *
   * @return e.g. {@code "activation 'tanh'"}
   */
  public String plugin() {
    return plugin;
  }
}

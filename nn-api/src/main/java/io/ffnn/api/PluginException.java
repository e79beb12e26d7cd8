package io.ffnn.api;

/**
 * A plugin could not be found, parsed, configured or loaded: an unknown name (the message lists
 * what is available), a malformed spec (the message quotes it and says what was expected), a name
 * registered twice (the message names both classes) or a provider that failed to load (the message
 * names its class).
 *
 * <p>It is an {@link IllegalArgumentException} because it is almost always raised for a spec that
 * the caller passed in.
 */
public class PluginException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message what went wrong, naming the plugin or spec
   */
  public PluginException(String message) {
    super(message);
  }

  /**
   * An exception with a message and a cause.
   *
   * @param message what went wrong, naming the plugin or spec
   * @param cause the underlying failure
   */
  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}

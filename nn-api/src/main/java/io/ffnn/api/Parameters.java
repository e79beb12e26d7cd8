package io.ffnn.api;

import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * Reads a plugin parameter in {@link Plugin#withParameters(Map)} and rejects values out of range
 * with a message that names the plugin, the parameter, the rule and the value.
 *
 * <pre>{@code
 * double alpha = Parameters.get(parameters, "elu", "alpha", a -> a > 0, "> 0");
 * }</pre>
 *
 * @deprecated declare parameters with {@link PluginParameters} on one of the parameter-holding
 *     bases ({@link ElementwiseActivation}, {@link ElementwiseCost}, {@link ParameterizedPlugin}),
 *     which validate them and supply {@code parameters()}, {@code withParameters} and {@code
 *     spec()}; the built-ins no longer use this class
 */
@Deprecated
public final class Parameters {

  private Parameters() {}

  /**
   * One parameter's value.
   *
   * @param parameters the complete parameter map given to {@code withParameters}. Not modified.
   * @param plugin the plugin name, for the message
   * @param key the parameter
   * @param valid the rule the value must satisfy
   * @param rule the rule in words, e.g. {@code "> 0"} or {@code "in (0, 1)"}
   * @return the value
   * @throws IllegalArgumentException {@code "elu: alpha must be > 0, got -1.0"} if the value is
   *     missing or breaks the rule
   */
  public static double get(Map<String, Double> parameters, String plugin, String key,
      DoublePredicate valid, String rule) {
    Double value = parameters.get(key);
    if (value == null) {
      throw new IllegalArgumentException(plugin + ": parameter " + key + " is missing");
    }
    if (!Double.isFinite(value) || !valid.test(value)) {
      throw new IllegalArgumentException(plugin + ": " + key + " must be " + rule + ", got "
          + value);
    }
    return value;
  }
}

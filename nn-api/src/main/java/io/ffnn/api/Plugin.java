package io.ffnn.api;

import java.util.Map;

/**
 * What activations and costs have in common: a stable lower-case name, optional numeric
 * parameters, and the spec string that identifies a configured instance.
 *
 * <p>Implementations are immutable, stateless and thread-safe. The instance that {@link
 * java.util.ServiceLoader} creates with the public no-argument constructor carries the default
 * parameters; {@link #withParameters(Map)} makes configured copies.
 */
public interface Plugin {

  /**
   * The plugin's name, as used in specs: lower-case letters, digits and {@code '_'}, stable across
   * versions (model files store it).
   *
   * @return the name, e.g. {@code "leaky_relu"}
   */
  String name();

  /**
   * The parameters of this instance, in a fixed order. The default instance returns every
   * parameter the plugin accepts with its default value; a plugin without parameters returns an
   * empty map.
   *
   * @return an immutable map from parameter key to value
   */
  default Map<String, Double> parameters() {
    return Map.of();
  }

  /**
   * A configured instance. The registry calls this with every key of {@link #parameters()}, the
   * ones in the user's spec replacing the defaults, so implementations see a complete map.
   *
   * @param parameters the complete parameter map. Not modified.
   * @return an instance whose {@link #parameters()} equal the argument
   * @throws IllegalArgumentException if a value is out of range for this plugin; the message names
   *     the plugin, the parameter and the allowed range
   */
  default Plugin withParameters(Map<String, Double> parameters) {
    if (!parameters.isEmpty()) {
      throw new IllegalArgumentException(name() + " takes no parameters, got " + parameters);
    }
    return this;
  }

  /**
   * The spec that recreates this instance, e.g. {@code leaky_relu(alpha=0.2)}: the name followed
   * by every parameter. Parsing it with the registry gives an equal instance.
   *
   * @return the canonical spec
   */
  default String spec() {
    return PluginSpec.format(name(), parameters());
  }
}

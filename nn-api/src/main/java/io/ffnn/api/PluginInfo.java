package io.ffnn.api;

import java.util.Map;

/**
 * What the registry knows about one discovered plugin.
 *
 * @param kind {@code "activation"} or {@code "cost"}
 * @param name the plugin name used in specs
 * @param defaultParameters the parameters it accepts, with their defaults, in order; empty if none
 * @param className the implementing class
 * @param location where the class was loaded from (a jar or a directory), or {@code "unknown"}
 */
public record PluginInfo(
    String kind, String name, Map<String, Double> defaultParameters, String className,
    String location) {

  /** {@return {@code "activation"} or {@code "cost"}} */
  public String kind() {
    return kind;
  }

  /** {@return the plugin name used in specs} */
  public String name() {
    return name;
  }

  /** {@return the parameters it accepts, with their defaults, in order; empty if none} */
  public Map<String, Double> defaultParameters() {
    return defaultParameters;
  }

  /** {@return the implementing class} */
  public String className() {
    return className;
  }

  /** {@return where the class was loaded from (a jar or a directory), or {@code "unknown"}} */
  public String location() {
    return location;
  }

  /**
   * The default spec, e.g. {@code leaky_relu(alpha=0.01)}.
   *
   * @return the name with every default parameter
   */
  public String defaultSpec() {
    return PluginSpec.format(name, defaultParameters);
  }
}

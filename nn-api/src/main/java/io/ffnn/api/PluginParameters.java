package io.ffnn.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoublePredicate;

/**
 * The declared parameters of a plugin: each one's name, value and the rule its values obey, e.g.
 * {@code PluginParameters.of("tau", 0.5, t -> t > 0 && t < 1, "in (0, 1)")}. What the
 * parameter-holding bases ({@link ElementwiseActivation}, {@link ElementwiseCost}, {@link
 * ParameterizedPlugin}) keep, so that a plugin gets {@code parameters()}, {@code
 * withParameters(map)} with validation, {@code spec()}, {@code equals}, {@code hashCode} and
 * {@code toString} without writing them.
 *
 * <p>Immutable; names keep the order in which they were declared.
 */
public final class PluginParameters {

  private static final PluginParameters NONE = new PluginParameters(List.of());

  /** One declared parameter. */
  private record Declared(String key, double value, DoublePredicate valid, String rule) {}

  private final List<Declared> declared;
  private final Map<String, Double> values;

  private PluginParameters(List<Declared> declared) {
    this.declared = List.copyOf(declared);
    Map<String, Double> map = new LinkedHashMap<>();
    for (Declared d : declared) {
      map.put(d.key(), d.value());
    }
    this.values = Collections.unmodifiableMap(map);
  }

  /**
   * No parameters.
   *
   * @return the empty set
   */
  public static PluginParameters none() {
    return NONE;
  }

  /**
   * One parameter.
   *
   * @param key its name, as in specs: lower-case letters, digits and {@code _}
   * @param value its default value, which must obey the rule
   * @param valid the rule its values obey
   * @param rule the rule in words, for messages: {@code "> 0"}, {@code "in (0, 1)"}
   * @return the parameters
   * @throws IllegalArgumentException if the key is not a valid name or the value breaks the rule
   */
  public static PluginParameters of(String key, double value, DoublePredicate valid,
      String rule) {
    return NONE.and(key, value, valid, rule);
  }

  /**
   * These parameters and one more.
   *
   * @param key its name, as in specs, not declared yet
   * @param value its default value, which must obey the rule
   * @param valid the rule its values obey
   * @param rule the rule in words, for messages
   * @return the parameters
   * @throws IllegalArgumentException if the key is not a valid name or already declared, or the
   *     value breaks the rule
   */
  public PluginParameters and(String key, double value, DoublePredicate valid, String rule) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(valid, "valid");
    Objects.requireNonNull(rule, "rule");
    if (!PluginSpec.NAME.matcher(key).matches() || values.containsKey(key)) {
      throw new IllegalArgumentException("parameter key '" + key + "' is not a valid name or is "
          + "declared twice");
    }
    if (!Double.isFinite(value) || !valid.test(value)) {
      throw new IllegalArgumentException(key + " must be " + rule + ", got " + value);
    }
    List<Declared> more = new ArrayList<>(declared);
    more.add(new Declared(key, value, valid, rule));
    return new PluginParameters(more);
  }

  /**
   * A parameter's value.
   *
   * @param key a declared name
   * @return its value
   * @throws IllegalArgumentException if no such parameter is declared
   */
  public double get(String key) {
    Double v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no parameter '" + key + "'; declared: "
          + values.keySet());
    }
    return v;
  }

  /**
   * The values by name, in declaration order.
   *
   * @return an unmodifiable map
   */
  public Map<String, Double> values() {
    return values;
  }

  /**
   * The same parameters with new values: each given value is checked against its rule; a
   * declared parameter not given keeps its value.
   *
   * @param plugin the plugin's name, for messages
   * @param given new values by name
   * @return the parameters with those values
   * @throws IllegalArgumentException naming the plugin and the parameter, if a name is not
   *     declared or a value is not finite or breaks its rule
   */
  public PluginParameters with(String plugin, Map<String, Double> given) {
    Objects.requireNonNull(given, "given");
    for (String key : given.keySet()) {
      if (!values.containsKey(key)) {
        throw new IllegalArgumentException(plugin + " has no parameter '" + key + "'"
            + (values.isEmpty() ? "; it takes none" : "; it takes " + values.keySet()));
      }
    }
    List<Declared> changed = new ArrayList<>();
    for (Declared d : declared) {
      Double v = given.get(d.key());
      if (v == null) {
        changed.add(d);
      } else if (!Double.isFinite(v) || !d.valid().test(v)) {
        throw new IllegalArgumentException(plugin + ": " + d.key() + " must be " + d.rule()
            + ", got " + v);
      } else {
        changed.add(new Declared(d.key(), v, d.valid(), d.rule()));
      }
    }
    return new PluginParameters(changed);
  }

  /**
   * Equal when the values are: the rules are part of the plugin's class.
   *
   * @param o another object
   * @return true for parameters with equal values
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof PluginParameters && values.equals(((PluginParameters) o).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /**
   * The values.
   *
   * @return e.g. {@code {tau=0.5}}
   */
  @Override
  public String toString() {
    return values.toString();
  }
}

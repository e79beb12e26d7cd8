package io.ffnn.api;

import java.util.Map;
import java.util.Objects;

/**
 * A base for any plugin with parameters (a vector-valued activation, a cost that is not
 * elementwise): it keeps the {@link PluginParameters} and supplies {@link #parameters()}, {@link
 * #withParameters} with validation, {@link #spec()}, {@code equals}, {@code hashCode} and {@code
 * toString}. A subclass declares its parameters in its public no-argument constructor and says
 * how to make itself with other values in {@link #create}. {@link ElementwiseActivation} and
 * {@link ElementwiseCost} are such plugins; a plugin without parameters simply declares none.
 *
 * <pre>{@code
 * public final class Temperature extends ParameterizedPlugin<Activation> implements Activation {
 *   public Temperature() { this(PluginParameters.of("t", 1.0, v -> v > 0, "> 0")); }
 *   private Temperature(PluginParameters p) { super(p); }
 *   @Override public String name() { return "temperature_softmax"; }
 *   @Override protected Temperature create(PluginParameters p) { return new Temperature(p); }
 *   ... forward and jacobian, reading parameter("t")
 * }
 * }</pre>
 *
 * @param <P> the plugin type {@code withParameters} returns: {@link Activation} or {@link Cost}
 */
public abstract class ParameterizedPlugin<P extends Plugin> implements Plugin {

  private final PluginParameters parameters;

  /**
   * For subclasses.
   *
   * @param parameters the declared parameters with this instance's values; {@link
   *     PluginParameters#none()} for a plugin without any
   */
  protected ParameterizedPlugin(PluginParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  /**
   * This plugin with other parameter values; a subclass that declares parameters overrides it.
   *
   * @param parameters the declared parameters with the new values, already checked
   * @return a new instance
   * @throws IllegalStateException if the subclass declares parameters but does not override it
   */
  protected P create(PluginParameters parameters) {
    throw new IllegalStateException(getClass().getName() + " declares parameters "
        + this.parameters + " but does not override create(PluginParameters)");
  }

  /**
   * A parameter's value.
   *
   * @param key a declared name
   * @return its value
   */
  protected final double parameter(String key) {
    return parameters.get(key);
  }

  /**
   * {@inheritDoc}
   *
   * @return the declared parameters' values, in declaration order
   */
  @Override
  public Map<String, Double> parameters() {
    return parameters.values();
  }

  /**
   * {@inheritDoc} Each given value is checked against its declared rule; parameters not given
   * keep their values.
   *
   * @throws IllegalArgumentException naming the plugin and the parameter
   */
  @Override
  public P withParameters(Map<String, Double> values) {
    if (parameters.values().isEmpty()) {
      if (!values.isEmpty()) {
        throw new IllegalArgumentException(name() + " takes no parameters, got " + values);
      }
      return self();
    }
    return create(parameters.with(name(), values));
  }

  /** This plugin as the type it implements: a subclass implements {@code P} by contract. */
  @SuppressWarnings("unchecked")
  private P self() {
    return (P) this;
  }

  /**
   * Equal when of the same class with equal {@link #parameters()}: a parameterised plugin's
   * parameters are its whole state.
   *
   * @param o another object
   * @return whether it is the same plugin
   */
  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass()
        && parameters().equals(((Plugin) o).parameters());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), parameters());
  }

  /** The spec, e.g. {@code temperature_softmax(t=2.0)}. */
  @Override
  public String toString() {
    return spec();
  }
}

package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.PluginParameters;
import java.util.function.DoublePredicate;

/**
 * An elementwise activation with one numeric parameter, such as {@code elu(alpha=1.0)}: declares
 * it to the {@link PluginParameters} base, which supplies {@code parameters()} and validated
 * {@code withParameters}; a subclass says how to make itself with another value.
 */
abstract class OneParameterActivation extends ElementwiseActivation {

  private final String key;

  /**
   * @param key the parameter's name in specs
   * @param value its value in this instance
   * @param valid what values are allowed
   * @param rule the same in words, for error messages
   */
  OneParameterActivation(String key, double value, DoublePredicate valid, String rule) {
    super(PluginParameters.of(key, value, valid, rule));
    this.key = key;
  }

  /** A new instance of the concrete class with another value. */
  abstract OneParameterActivation create(double newValue);

  @Override
  protected final OneParameterActivation create(PluginParameters parameters) {
    return create(parameters.get(key));
  }
}

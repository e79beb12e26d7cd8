package io.ffnn.activations;

import io.ffnn.api.ElementwiseActivation;
import io.ffnn.api.Parameters;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * An elementwise activation with one numeric parameter, such as {@code elu(alpha=1.0)}: holds the
 * value and implements {@link #parameters()} and {@link #withParameters(Map)} with validation.
 */
abstract class OneParameterActivation extends ElementwiseActivation {

  private final String key;
  private final double value;
  private final DoublePredicate valid;
  private final String rule;

  /**
   * @param key the parameter's name in specs
   * @param value its value in this instance
   * @param valid what values are allowed
   * @param rule the same in words, for error messages
   */
  OneParameterActivation(String key, double value, DoublePredicate valid, String rule) {
    this.key = key;
    this.value = value;
    this.valid = valid;
    this.rule = rule;
  }

  /** A new instance of the concrete class with another value. */
  abstract OneParameterActivation create(double newValue);

  /**
   * {@inheritDoc}
   *
   * @return the one parameter and its value
   */
  @Override
  public final Map<String, Double> parameters() {
    return Map.of(key, value);
  }

  @Override
  public final OneParameterActivation withParameters(Map<String, Double> parameters) {
    return create(Parameters.get(parameters, name(), key, valid, rule));
  }
}

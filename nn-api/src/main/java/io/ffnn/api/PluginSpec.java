package io.ffnn.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The textual identity of a plugin: a lower-case name with optional numeric parameters, such as
 * {@code relu}, {@code leaky_relu(alpha=0.2)} or {@code huber(delta=1.5)}.
 *
 * <p>Grammar: {@code name [ "(" [ key "=" number { "," key "=" number } ] ")" ]}, where names and
 * keys match {@code [a-z_][a-z0-9_]*} (upper-case letters are accepted and lower-cased) and numbers
 * are decimal literals such as {@code 0.2}, {@code -1}, {@code 1e-3}. Whitespace around tokens is
 * ignored. {@link #toString()} writes the canonical form that {@link #parse(String)} reads back, so
 * {@code parse(s.toString()).equals(s)}.
 *
 * <p>Instances are immutable; parameters keep the order in which they were written.
 */
public final class PluginSpec {

  /** What a plugin name or parameter key must look like. */
  public static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private final String name;
  private final Map<String, Double> parameters;

  private PluginSpec(String name, Map<String, Double> parameters) {
    this.name = name;
    this.parameters = parameters;
  }

  /**
   * A spec with the given name and parameters.
   *
   * @param name the plugin name; must match {@link #NAME}
   * @param parameters parameter values by key, in the order to write them; keys must match {@link
   *     #NAME} and values must be finite
   * @return the spec
   * @throws IllegalArgumentException if the name, a key or a value is not valid
   */
  public static PluginSpec of(String name, Map<String, Double> parameters) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parameters, "parameters");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "plugin name '" + name + "' is not valid: expected lower-case letters, digits and '_'");
    }
    for (Map.Entry<String, Double> e : parameters.entrySet()) {
      if (!NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException(
            name + ": parameter key '" + e.getKey() + "' is not valid");
      }
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(
            name + ": parameter " + e.getKey() + " must be a finite number, got " + e.getValue());
      }
    }
    return new PluginSpec(name, frozen(parameters));
  }

  /**
   * A spec with no parameters.
   *
   * @param name the plugin name
   * @return the spec
   * @throws IllegalArgumentException if the name is not valid
   */
  public static PluginSpec of(String name) {
    return of(name, Map.of());
  }

  /**
   * Parses a spec string.
   *
   * @param text the spec, e.g. {@code leaky_relu(alpha=0.2)}
   * @return the parsed spec
   * @throws PluginException if the text is not a well-formed spec; the message quotes the text,
   *     the position and what was expected there
   */
  public static PluginSpec parse(String text) {
    Objects.requireNonNull(text, "spec");
    return new Parser(text).spec();
  }

  /**
   * The plugin name.
   *
   * @return the lower-case name
   */
  public String name() {
    return name;
  }

  /**
   * The parameters given in this spec, in the order written.
   *
   * @return an immutable map from key to value; empty when the spec has no parentheses or none
   */
  public Map<String, Double> parameters() {
    return parameters;
  }

  /**
   * The canonical form: {@code name} alone when there are no parameters, else {@code
   * name(k1=v1, k2=v2)} with values written by {@link Double#toString(double)}.
   */
  @Override
  public String toString() {
    return format(name, parameters);
  }

  /**
   * Writes a name and parameters in canonical spec form.
   *
   * @param name the plugin name
   * @param parameters the parameters, in order; may be empty
   * @return {@code name} or {@code name(k=v, ...)}
   */
  public static String format(String name, Map<String, Double> parameters) {
    if (parameters.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append('(');
    String sep = "";
    for (Map.Entry<String, Double> e : parameters.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ", ";
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PluginSpec)) {
      return false;
    }
    PluginSpec other = (PluginSpec) o;
    // Map.equals ignores order; the canonical text does not, and order is cosmetic.
    return name.equals(other.name) && parameters.equals(other.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, parameters);
  }

  /** A recursive-descent parser over the grammar in the class documentation. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    PluginSpec spec() {
      skipSpace();
      String name = identifier("a plugin name");
      skipSpace();
      Map<String, Double> params = new LinkedHashMap<>();
      if (peek() == '(') {
        pos++;
        skipSpace();
        if (peek() != ')') {
          while (true) {
            int keyAt = pos;
            String key = identifier("a parameter name or ')'");
            skipSpace();
            expect('=', "'=' after parameter '" + key + "'");
            skipSpace();
            double value = number(key);
            if (params.put(key, value) != null) {
              throw error(keyAt, "parameter '" + key + "' given twice");
            }
            skipSpace();
            if (peek() == ',') {
              pos++;
              skipSpace();
              continue;
            }
            expect(')', "',' or ')'");
            break;
          }
        } else {
          pos++;
        }
        skipSpace();
      }
      if (pos != text.length()) {
        throw error(pos, "expected the end of the spec");
      }
      return new PluginSpec(name, frozen(params));
    }

    private String identifier(String what) {
      int start = pos;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        boolean ok = c == '_' || Character.isLetter(c) && c < 128 || pos > start && isDigit(c);
        if (!ok) {
          break;
        }
        pos++;
      }
      if (start == pos) {
        throw error(start, "expected " + what);
      }
      return text.substring(start, pos).toLowerCase(Locale.ROOT);
    }

    private double number(String key) {
      int start = pos;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      int digits = 0;
      while (isDigit(peek())) {
        pos++;
        digits++;
      }
      if (peek() == '.') {
        pos++;
        while (isDigit(peek())) {
          pos++;
          digits++;
        }
      }
      if (digits > 0 && (peek() == 'e' || peek() == 'E')) {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        int exponentDigits = 0;
        while (isDigit(peek())) {
          pos++;
          exponentDigits++;
        }
        if (exponentDigits == 0) {
          throw error(pos, "expected the exponent digits of the value of '" + key + "'");
        }
      }
      if (digits == 0) {
        throw error(start, "expected a number as the value of '" + key + "'");
      }
      double value = Double.parseDouble(text.substring(start, pos));
      if (!Double.isFinite(value)) {
        throw error(start, "the value of '" + key + "' is out of range");
      }
      return value;
    }

    private void expect(char c, String what) {
      if (peek() != c) {
        throw error(pos, "expected " + what);
      }
      pos++;
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private PluginException error(int at, String expected) {
      String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end";
      return new PluginException(
          "malformed plugin spec '" + text + "': " + expected + " at position " + at
              + ", found " + found
              + " (a spec looks like name or name(key=number, ...), e.g. leaky_relu(alpha=0.2))");
    }
  }

  /** An unmodifiable copy that keeps the order of {@code parameters}. */
  static Map<String, Double> frozen(Map<String, Double> parameters) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }
}

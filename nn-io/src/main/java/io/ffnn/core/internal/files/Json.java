package io.ffnn.core.internal.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reading the JSON entries of model files and checkpoints with validation that names the file and
 * the field. Internal to ffnn: this package is not part of the API (the module does not export
 * it), so Jackson's types may appear here and nowhere a user sees. What is wrong is reported
 * through the caller's {@link Invalid}, which makes the exception its API declares (a model
 * file's, a checkpoint's), so that this package depends on no other.
 */
public final class Json {

  /**
   * Makes the exception for a problem found in a JSON entry.
   *
   * @param <E> the exception
   */
  @FunctionalInterface
  public interface Invalid<E extends Exception> {
    /**
     * The exception.
     *
     * @param problem what is wrong, naming the entry or field
     * @param cause the parser's exception, or null
     * @return the exception to throw
     */
    E because(String problem, Throwable cause);
  }

  /** The one mapper of model files and checkpoints. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Parses a JSON entry that must hold an object.
   *
   * @param invalid makes the exception
   * @param <E> the exception
   * @param name the entry, for messages
   * @param bytes its bytes
   * @return the object
   * @throws E if it is not a JSON object
   */
  public static <E extends Exception> JsonNode object(Invalid<E> invalid, String name,
      byte[] bytes) throws E {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw invalid.because(name + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw invalid.because(name + " cannot be parsed: " + e.getMessage(), e);
    }
    // outside the try, whose catch would otherwise rewrap the exception
    if (node == null || !node.isObject()) {
      throw invalid.because(name + " is not a JSON object", null);
    }
    return node;
  }

  /**
   * Reads an array of numbers of a given length.
   *
   * @param invalid makes the exception
   * @param <E> the exception
   * @param node the array
   * @param name its name, for messages
   * @param expected the length it must have
   * @return the numbers
   * @throws E if it is not such an array
   */
  public static <E extends Exception> double[] doubles(Invalid<E> invalid, JsonNode node,
      String name, int expected) throws E {
    if (!node.isArray() || node.size() != expected) {
      throw invalid.because("'" + name + "' must be an array of " + expected
          + " numbers", null);
    }
    double[] out = new double[expected];
    for (int k = 0; k < expected; k++) {
      if (!node.get(k).isNumber()) {
        throw invalid.because("'" + name + "'[" + k + "] is not a number", null);
      }
      out[k] = node.get(k).asDouble();
    }
    return out;
  }

  /**
   * Reads an integer field in a range.
   *
   * @param invalid makes the exception
   * @param <E> the exception
   * @param root the object
   * @param field the field
   * @param min the smallest allowed
   * @param max the largest allowed
   * @return the value
   * @throws E if it is missing, not an integer or out of range
   */
  public static <E extends Exception> int integer(Invalid<E> invalid, JsonNode root,
      String field, int min, int max) throws E {
    JsonNode v = root.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min
        || v.asInt() > max) {
      throw invalid.because("'" + field + "' must be an integer in " + min + ".."
          + max + ", got " + v, null);
    }
    return v.asInt();
  }

  /**
   * A list of strings as a JSON array, escaped as JSON requires.
   *
   * @param values the strings
   * @return e.g. {@code ["a","b\"c"]}
   */
  public static String stringArray(java.util.List<String> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }
}

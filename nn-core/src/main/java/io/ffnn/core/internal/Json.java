package io.ffnn.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ffnn.core.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reading the JSON entries of model files and checkpoints with validation that names the file and
 * the field. Internal to ffnn: this package is not part of the API (the module does not export
 * it), so Jackson's types may appear here and nowhere a user sees.
 */
public final class Json {

  /** The one mapper of model files and checkpoints. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Parses a JSON entry that must hold an object.
   *
   * @param file the file, for messages
   * @param name the entry, for messages
   * @param bytes its bytes
   * @return the object
   * @throws ModelFormatException if it is not a JSON object
   */
  public static JsonNode object(Path file, String name, byte[] bytes) throws ModelFormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(file, name + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelFormatException(file, name + " cannot be parsed: " + e.getMessage(), e);
    }
    // outside the try: ModelFormatException is an IOException, which the catch would rewrap
    if (node == null || !node.isObject()) {
      throw new ModelFormatException(file, name + " is not a JSON object");
    }
    return node;
  }

  /**
   * Reads an array of numbers of a given length.
   *
   * @param file the file, for messages
   * @param node the array
   * @param name its name, for messages
   * @param expected the length it must have
   * @return the numbers
   * @throws ModelFormatException if it is not such an array
   */
  public static double[] doubles(Path file, JsonNode node, String name, int expected)
      throws ModelFormatException {
    if (!node.isArray() || node.size() != expected) {
      throw new ModelFormatException(file, "'" + name + "' must be an array of " + expected
          + " numbers");
    }
    double[] out = new double[expected];
    for (int k = 0; k < expected; k++) {
      if (!node.get(k).isNumber()) {
        throw new ModelFormatException(file, "'" + name + "'[" + k + "] is not a number");
      }
      out[k] = node.get(k).asDouble();
    }
    return out;
  }

  /**
   * Reads an integer field in a range.
   *
   * @param file the file, for messages
   * @param root the object
   * @param field the field
   * @param min the smallest allowed
   * @param max the largest allowed
   * @return the value
   * @throws ModelFormatException if it is missing, not an integer or out of range
   */
  public static int integer(Path file, JsonNode root, String field, int min, int max)
      throws ModelFormatException {
    JsonNode v = root.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min
        || v.asInt() > max) {
      throw new ModelFormatException(file, "'" + field + "' must be an integer in " + min + ".."
          + max + ", got " + v);
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

package io.ffnn.core.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model or checkpoint file is not valid: not a zip, an entry missing or too large, a checksum
 * that does not match, a newer format version, shapes that contradict the declared sizes, or a
 * plugin that is not installed. The message names the file and the problem; nothing is built from
 * a file that fails.
 */
public class ModelFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param file the file
   * @param problem what is wrong
   */
  public ModelFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param file the file
   * @param problem what is wrong
   * @param cause the underlying failure
   */
  public ModelFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}

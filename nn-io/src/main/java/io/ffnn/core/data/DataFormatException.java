package io.ffnn.core.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file (CSV, IDX) is not what it should be: the message names the file and, where they
 * are known, the line and column, and says what was wrong. Nothing is returned from a file that
 * fails this way.
 */
public class DataFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * An error somewhere in a file.
   *
   * @param file the file
   * @param problem what is wrong
   */
  public DataFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /**
   * An error at a place in a file.
   *
   * @param file the file
   * @param line the line, from 1
   * @param column the column, by name or number
   * @param problem what is wrong
   */
  public DataFormatException(Path file, long line, String column, String problem) {
    super(file + ", line " + line + (column == null ? "" : ", column " + column) + ": "
        + problem);
  }

  /**
   * An error with an underlying cause.
   *
   * @param file the file
   * @param problem what is wrong
   * @param cause the cause
   */
  public DataFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }

  /**
   * Refuses a path that exists but is not a regular file: a pipe would block a reader for ever,
   * a device such as {@code /dev/zero} never ends, and a directory is no data file.
   *
   * @param file the path about to be read
   * @throws DataFormatException naming it, if it is a directory, a pipe or a device
   */
  static void requireRegularFile(Path file) throws DataFormatException {
    if (java.nio.file.Files.exists(file) && !java.nio.file.Files.isRegularFile(file)) {
      throw new DataFormatException(file, "not a regular file (a directory, a pipe or a "
          + "device); data are read from files");
    }
  }
}

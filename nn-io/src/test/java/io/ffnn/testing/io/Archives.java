package io.ffnn.testing.io;

import io.ffnn.core.internal.files.ModelArchive;
import io.ffnn.core.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Reading model archives in tests, with the exception model files throw. */
public final class Archives {

  private Archives() {}

  /**
   * The verified entries of a model file or checkpoint.
   *
   * @param file the archive
   * @return entry name → bytes
   * @throws ModelFormatException if the archive is malformed
   * @throws IOException if it cannot be read
   */
  public static Map<String, byte[]> read(Path file) throws IOException {
    return ModelArchive.read(file, (problem, cause) -> new ModelFormatException(file, problem,
        cause));
  }
}

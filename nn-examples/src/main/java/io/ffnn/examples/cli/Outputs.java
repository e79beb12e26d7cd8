package io.ffnn.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Checks of the files a command will write, made before it does any work: a save or plot target
 * that cannot be written is a usage error found at once, not after the training it would lose.
 */
final class Outputs {

  private Outputs() {}

  /**
   * A file the command will create or replace: a non-empty name, not a directory, in an existing
   * directory it may write to.
   */
  static void requireWritableFile(CommandLine cmd, String option, Path file) {
    if (file.toString().isBlank()) {
      throw new ParameterException(cmd, option + " needs a file name");
    }
    if (Files.isDirectory(file)) {
      throw new ParameterException(cmd, option + " " + file + " is a directory; name a file");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new ParameterException(cmd, option + " " + file + ": the directory " + dir
          + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new ParameterException(cmd, option + " " + file + ": the directory " + dir
          + " is not writable");
    }
  }

  /** A directory the command will write into: it exists, or can be created; not a file. */
  static void requireDirectoryOrNew(CommandLine cmd, String option, Path dir) {
    if (dir.toString().isBlank()) {
      throw new ParameterException(cmd, option + " needs a directory name");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ParameterException(cmd, option + " " + dir + " is a file, not a directory");
    }
  }
}

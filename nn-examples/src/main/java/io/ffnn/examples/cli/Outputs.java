package io.ffnn.examples.cli;

import io.ffnn.core.internal.files.AtomicWrite;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Checks of the files a command will write, made before it does any work: a save or plot target
 * that cannot be written is a usage error found at once, not after the training it would lose.
 * And should a save still fail after training (a full disk, a directory removed meanwhile), the
 * model goes to a rescue file that the error names.
 */
final class Outputs {

  private Outputs() {}

  /**
   * A file the command will create or replace: a non-empty name, not a directory, in an existing
   * directory it may write to; if it exists, a regular file (not a link, pipe or device), and
   * none of the command's inputs.
   *
   * @param inputs the files the command reads, by option: {@code "--model", path, …}; a null
   *     path is skipped
   */
  static void requireWritableFile(CommandLine cmd, String option, Path file, Object... inputs) {
    if (file.toString().isBlank()) {
      throw new ParameterException(cmd, option + " needs a file name");
    }
    if (Files.isDirectory(file)) {
      throw new ParameterException(cmd, option + " " + file + " is a directory; name a file");
    }
    try {
      AtomicWrite.requireReplaceable(file);
    } catch (IOException e) {
      throw new ParameterException(cmd, option + " " + Cli.message(e));
    }
    for (int k = 0; k + 1 < inputs.length; k += 2) {
      Path input = (Path) inputs[k + 1];
      if (input != null && sameFile(file, input)) {
        throw new ParameterException(cmd, option + " " + file + " is the file " + inputs[k]
            + " reads; writing it would destroy the command's own input");
      }
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

  /**
   * Refuses, before training, a model its save would refuse (a description larger than a model
   * file is read with: too many or too long names), rather than after the training it would lose.
   */
  static void requireSavable(Model model) {
    try {
      ModelFile.entries(model);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Whether two paths name one existing file (links resolved, as the write would find them). */
  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
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

  /** How a model is written; {@code ModelFile::save} but for tests. */
  interface Saver {
    void save(Model model, Path file) throws IOException;
  }

  /**
   * Saves a trained model, or failing that rescues it into {@code rescueDir} under a new name.
   *
   * @return null when the model is at {@code target}; otherwise the error to report, which says
   *     where the model went (or that it could be saved nowhere)
   */
  static IOException saveOrRescue(Model model, Path target, Path rescueDir, Saver saver) {
    try {
      saver.save(model, target);
      return null;
    } catch (IOException | RuntimeException e) {
      Path parent = target.toAbsolutePath().getParent();
      String reason = parent != null && !Files.isDirectory(parent)
          ? "the directory " + parent + " no longer exists" : Cli.message(e);
      String name = target.getFileName() == null ? "model" : target.getFileName().toString()
          .replaceAll("\\.ffnn$", "").replaceAll("[^A-Za-z0-9._-]", "_");
      Path rescue = null;
      try {
        rescue = Files.createTempFile(rescueDir, "ffnn-rescued-" + name + "-", ".ffnn");
        saver.save(model, rescue);
        IOException failure = new IOException("cannot save the model to " + target + ": "
            + reason + "; the trained model was saved to " + rescue + " instead");
        failure.addSuppressed(e);
        return failure;
      } catch (IOException | RuntimeException again) {
        if (rescue != null) {
          try {
            Files.deleteIfExists(rescue);
          } catch (IOException ignored) {
            // the empty placeholder stays; the message below says the model is not there
          }
        }
        IOException failure = new IOException("cannot save the model to " + target + ": "
            + reason + "; nor to a rescue file in " + rescueDir + ": " + Cli.message(again)
            + "; the trained model is lost");
        failure.addSuppressed(e);
        failure.addSuppressed(again);
        return failure;
      }
    }
  }
}

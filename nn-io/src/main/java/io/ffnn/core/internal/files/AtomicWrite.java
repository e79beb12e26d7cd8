package io.ffnn.core.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How ffnn writes every file (model files, checkpoints, ONNX models, plots, predictions): to a
 * temporary file in the target's directory, forced to the device, given the permissions of the
 * file it replaces, then moved over the target, so that an interrupted write leaves the old file
 * intact; and first, the temporary files that writes to the same target left when their process
 * died are removed. A target that exists must be a regular file: a symbolic link (which would
 * have the write land elsewhere, or be replaced), a directory, a pipe or a device (which the move
 * would replace: {@code /dev/null} for a root user) is refused before anything is written.
 */
public final class AtomicWrite {

  /** What goes into the file. */
  public interface Content {

    /**
     * Writes the content.
     *
     * @param out the temporary file's stream; closing it is allowed
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicWrite() {}

  /**
   * Writes a file atomically.
   *
   * @param file the target; replaced if it exists
   * @param content what to write
   * @param wrap wraps the file's stream (tests use it to fail a write midway)
   * @param leftover whether the first bytes (up to 4) of a dead process's temporary file are
   *     what this kind of write starts with; only such files are removed
   * @throws IOException if writing fails; the target is then unchanged
   */
  public static void write(Path file, Content content, UnaryOperator<OutputStream> wrap,
      Predicate<byte[]> leftover) throws IOException {
    Path target = file.toAbsolutePath();
    requireReplaceable(target);
    Path dir = target.getParent();
    removeStaleTemporaries(dir, target.getFileName().toString(), leftover);
    Path tmp = newTemporary(dir, temporaryPrefix(target.getFileName().toString(),
        ProcessHandle.current().pid()));
    try {
      try (OutputStream out = wrap.apply(Files.newOutputStream(tmp))) {
        content.writeTo(out);
      }
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      // after writing: a read-only target's permissions would forbid the writing itself
      keepPermissions(target, tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Refuses a target that exists and is not a regular file, looking at the path itself (a
   * symbolic link is not followed).
   *
   * @param file the target
   * @throws FileSystemException naming what the target is, if it is not a regular file
   * @throws IOException if its attributes cannot be read
   */
  public static void requireReplaceable(Path file) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!a.isRegularFile()) {
      String kind = a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory"
          : "a pipe, socket or device";
      throw new FileSystemException(file.toString(), null, "is " + kind + ", not a regular "
          + "file; ffnn writes regular files only and will not replace it");
    }
  }

  /**
   * A new, empty temporary file named {@code prefix + number + ".tmp"}, created as any new file
   * is: with the permissions the process's umask gives (Files.createTempFile would make it
   * readable by its owner alone, and the written file with it).
   */
  private static Path newTemporary(Path dir, String prefix) throws IOException {
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve(prefix + Long.toUnsignedString(random.nextLong()) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  /** A file replacing another keeps that one's permissions, where the file system has them. */
  private static void keepPermissions(Path target, Path tmp) throws IOException {
    if (Files.isRegularFile(target)
        && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
    }
  }

  /**
   * The name a write's temporary file starts with: hidden, the target's name, and the writing
   * process's id, so that a later write can tell a temporary file of a process that died (killed
   * mid-write) from one of a write still running.
   *
   * @param target the target's file name
   * @param pid the writing process's id
   * @return the prefix
   */
  public static String temporaryPrefix(String target, long pid) {
    return "." + target + ".ffnn-" + pid + "-";
  }

  /**
   * Removes the temporary files that writes to {@code target} left when their process died: named
   * as {@link #temporaryPrefix} makes them, with the id of a process that no longer runs, and
   * starting as {@code leftover} says. Any other file is left alone.
   */
  private static void removeStaleTemporaries(Path dir, String target,
      Predicate<byte[]> leftover) {
    Pattern ours = Pattern.compile(Pattern.quote("." + target + ".ffnn-") + "(\\d+)-\\d+\\.tmp");
    String start = "." + target + ".ffnn-";
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
        f -> f.getFileName().toString().startsWith(start))) {
      for (Path f : files) {
        try {
          Matcher m = ours.matcher(f.getFileName().toString());
          if (m.matches() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
              && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty() && starts(f, leftover)) {
            Files.deleteIfExists(f);
          }
        } catch (IOException | RuntimeException e) {
          // cleaning up is a courtesy: a write must not fail because an old file could not go
        }
      }
    } catch (IOException | RuntimeException e) {
      // the same: an unreadable directory fails the write itself, a moment later
    }
  }

  private static boolean starts(Path f, Predicate<byte[]> leftover) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      return leftover.test(in.readNBytes(4));
    }
  }
}

package io.ffnn.core.internal.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write replaces a regular file or creates one, and nothing else: a symbolic link planted at
 * the target, a directory, a FIFO and a device node are refused before anything is written, and
 * stay what they were.
 */
class AtomicWriteTest {

  @TempDir Path dir;

  private static void write(Path target) throws IOException {
    AtomicWrite.write(target, out -> out.write("new".getBytes(StandardCharsets.US_ASCII)),
        UnaryOperator.identity(), head -> true);
  }

  /** Runs a command that makes a special file; false if the system does not allow it here. */
  private static boolean make(String... command) throws InterruptedException {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private void assertRefused(Path target, String kind) throws IOException {
    FileSystemException e = assertThrows(FileSystemException.class, () -> write(target));
    assertEquals(target.toAbsolutePath() + ": is " + kind + ", not a regular file; ffnn writes "
        + "regular files only and will not replace it", e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> left = files.filter(f -> f.getFileName().toString().contains(".ffnn-"))
          .toList();
      assertEquals(List.of(), left, "temporary files left");
    }
  }

  @Test
  void aRegularFileIsReplacedAndAMissingOneCreated() throws IOException {
    Path existing = Files.writeString(dir.resolve("old.bin"), "old");
    write(existing);
    assertEquals("new", Files.readString(existing));
    Path fresh = dir.resolve("fresh.bin");
    write(fresh);
    assertEquals("new", Files.readString(fresh));
  }

  @Test
  void aSymbolicLinkAtTheTargetIsNeitherFollowedNorReplaced() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
    Path link = Files.createSymbolicLink(dir.resolve("loss.png"), victim);
    assertRefused(link, "a symbolic link");
    assertEquals("precious", Files.readString(victim));
    assertTrue(Files.isSymbolicLink(link));
    // a dangling link too: the write would create the file it points to
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.png"), dir.resolve("nowhere"));
    assertRefused(dangling, "a symbolic link");
    assertFalse(Files.exists(dir.resolve("nowhere")));
  }

  @Test
  void aDirectoryIsRefused() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("model.ffnn"));
    assertRefused(sub, "a directory");
    assertTrue(Files.isDirectory(sub));
  }

  @Test
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("fifo");
    Assumptions.assumeTrue(make("mkfifo", fifo.toString()), "mkfifo is not available");
    assertRefused(fifo, "a pipe, socket or device");
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aDeviceNodeIsRefusedNotReplaced() throws Exception {
    // the null device's numbers, made in the test's own directory (needs the right to mknod)
    Path device = dir.resolve("devnull");
    Assumptions.assumeTrue(make("mknod", device.toString(), "c", "1", "3"),
        "this user may not make device nodes");
    assertRefused(device, "a pipe, socket or device");
    assertTrue(Files.exists(device, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(device, LinkOption.NOFOLLOW_LINKS), "still a device");
  }
}

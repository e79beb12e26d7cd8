package io.ffnn.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.internal.files.ModelArchive;
import io.ffnn.testing.io.Archives;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container alone: entries in, the same entries out, checked, written atomically. */
class ModelArchiveTest {

  @TempDir
  Path dir;

  private static Map<String, byte[]> entries(String text, int binary) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a.json", text.getBytes(StandardCharsets.UTF_8));
    byte[] bytes = new byte[binary];
    for (int i = 0; i < binary; i++) {
      bytes[i] = (byte) (i * 31);
    }
    entries.put("b.bin", bytes);
    return entries;
  }

  @Test
  void whatIsWrittenIsReadBackWithTheChecksumsVerified() throws IOException {
    Path file = dir.resolve("x.zip");
    Map<String, byte[]> written = entries("{\"k\" : 1}", 1000);
    ModelArchive.write(file, written);
    Map<String, byte[]> read = Archives.read(file);
    assertEquals(written.keySet(), read.keySet());
    for (String name : written.keySet()) {
      assertArrayEquals(written.get(name), read.get(name), name);
    }
  }

  @Test
  void aWriteKilledMidwayLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("x.zip");
    ModelArchive.write(file, entries("{\"first\" : true}", 5000));
    byte[] before = Files.readAllBytes(file);
    Map<String, byte[]> second = entries("{\"second\" : true}", 6000);
    for (int failAfter : new int[] {0, 10, 3000, 6100}) {
      IOException e = assertThrows(IOException.class,
          () -> ModelArchive.write(file, second, out -> failing(out, failAfter)));
      assertEquals("disk full (simulated after " + failAfter + " bytes)", e.getMessage());
      assertArrayEquals(before, Files.readAllBytes(file), "after failing at " + failAfter);
      try (Stream<Path> left = Files.list(dir)) {
        assertEquals(List.of(file), left.collect(Collectors.toList()), "temporary files left");
      }
    }
    ModelArchive.write(file, second, UnaryOperator.identity());
    assertArrayEquals(second.get("b.bin"), Archives.read(file).get("b.bin"));
  }

  private static OutputStream failing(OutputStream out, int failAfter) {
    return new FilterOutputStream(out) {
      private int written;

      @Override
      public void write(int b) throws IOException {
        if (written++ >= failAfter) {
          throw new IOException("disk full (simulated after " + failAfter + " bytes)");
        }
        super.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
          write(b[off + i]);
        }
      }
    };
  }

  /** Writes a zip by hand, as a hostile or broken writer would. */
  private Path zip(String name, Map<String, byte[]> entries) throws IOException {
    Path file = dir.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  private static String message(Path file) {
    return assertThrows(ModelFormatException.class, () -> Archives.read(file)).getMessage();
  }

  @Test
  void missingWrongAndUnlistedChecksumsAndOversizedJsonAreNamed() throws IOException {
    Map<String, byte[]> plain = entries("{}", 10);
    Path none = zip("none.zip", plain);
    assertTrue(message(none).endsWith("missing entry checksums.json"), message(none));

    Map<String, byte[]> wrong = new LinkedHashMap<>(plain);
    wrong.put("checksums.json", ("{\"sha256\" : {\"a.json\" : \"00\", \"b.bin\" : \"00\"}}")
        .getBytes(StandardCharsets.UTF_8));
    Path bad = zip("bad.zip", wrong);
    assertTrue(message(bad).endsWith("entry a.json does not match its SHA-256 checksum: the "
        + "file is corrupt"), message(bad));

    Map<String, byte[]> unlisted = new LinkedHashMap<>(plain);
    unlisted.put("checksums.json", ("{\"sha256\" : {\"a.json\" : \"" + ModelArchive.sha256(
        plain.get("a.json")) + "\"}}").getBytes(StandardCharsets.UTF_8));
    Path extra = zip("extra.zip", unlisted);
    assertTrue(message(extra).endsWith("entry b.bin has no checksum"), message(extra));

    Map<String, byte[]> listedOnly = new LinkedHashMap<>();
    listedOnly.put("a.json", plain.get("a.json"));
    listedOnly.put("checksums.json", ("{\"sha256\" : {\"a.json\" : \"" + ModelArchive.sha256(
        plain.get("a.json")) + "\", \"gone.bin\" : \"00\"}}").getBytes(StandardCharsets.UTF_8));
    Path gone = zip("gone.zip", listedOnly);
    assertTrue(message(gone).endsWith("missing entry gone.bin"), message(gone));

    Map<String, byte[]> big = new LinkedHashMap<>();
    big.put("big.json", new byte[ModelArchive.MAX_JSON_BYTES + 1]);
    Path huge = zip("huge.zip", big);
    assertTrue(message(huge).contains("entry big.json"), message(huge));
    assertTrue(message(huge).contains("more than the " + ModelArchive.MAX_JSON_BYTES + " left"),
        message(huge));
  }

  @Test
  void aDirectoryOrAPipeIsRefusedByNameWithoutBlocking() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("model.ffnn"));
    assertTrue(message(directory).endsWith("not a regular file (a directory, a pipe or a device);"
        + " a model file is read from a file"), message(directory));
    Path fifo = dir.resolve("pipe.ffnn");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException noMkfifo) {
      return; // no mkfifo on this system: the directory case stands for both
    }
    if (mkfifo.waitFor() == 0) {
      // a reader that opened the pipe would wait for a writer for ever
      assertTrue(message(fifo).contains("not a regular file"), message(fifo));
    }
  }

  @Test
  void aJsonBombIsRefusedWithinTheBudgetWholeNotOnlyPerEntry() throws IOException {
    // ten entries of 4 MiB of zeros, each under the per-entry limit, 40 MiB in all; compressed
    // the file is a few hundred KiB
    Path bomb = dir.resolve("bomb.zip");
    byte[] zeros = new byte[ModelArchive.MAX_JSON_BYTES];
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
      for (int k = 0; k < 10; k++) {
        zip.putNextEntry(new ZipEntry("e" + k + ".json"));
        zip.write(zeros);
        zip.closeEntry();
      }
    }
    assertTrue(Files.size(bomb) < 1 << 20, Files.size(bomb) + " bytes");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    String m = message(bomb);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(m.contains("left to read (4194304 for one JSON entry, 16777216 for all)"), m);
    // what the budget allows (16 MiB of JSON) and the buffers that read it, not 40 MiB
    assertTrue(allocated < 64L << 20, allocated + " bytes allocated");
  }

  @Test
  void tooManyEntriesAreRefused() throws IOException {
    Map<String, byte[]> many = new LinkedHashMap<>();
    for (int k = 0; k <= ModelArchive.MAX_ENTRIES; k++) {
      many.put("e" + k + ".json", "{}".getBytes(StandardCharsets.UTF_8));
    }
    Path file = zip("many.zip", many);
    assertTrue(message(file).endsWith("holds 65 entries; a model file or checkpoint has at most "
        + "64"), message(file));
  }

  @Test
  void aSavedFileHasTheUsualPermissionsOrThoseOfTheFileItReplaces() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"));
    // what any new file here gets (the umask applied), not the owner-only mode of a temp file
    java.util.Set<java.nio.file.attribute.PosixFilePermission> usual =
        Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
    Path file = dir.resolve("new.ffnn");
    ModelArchive.write(file, Map.of("a.json", "{}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(usual, Files.getPosixFilePermissions(file));
    // a file the user made private stays private when it is saved again
    java.util.Set<java.nio.file.attribute.PosixFilePermission> own =
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
    Files.setPosixFilePermissions(file, own);
    ModelArchive.write(file, Map.of("a.json", "{\"b\": 1}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(own, Files.getPosixFilePermissions(file));
    // and a read-only one can still be replaced (its directory is writable), staying read-only
    java.util.Set<java.nio.file.attribute.PosixFilePermission> readOnly =
        java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--");
    Files.setPosixFilePermissions(file, readOnly);
    ModelArchive.write(file, Map.of("a.json", "{\"b\": 2}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(readOnly, Files.getPosixFilePermissions(file));
    assertEquals("{\"b\": 2}", new String(Archives.read(file).get("a.json"),
        StandardCharsets.UTF_8));
  }

  @Test
  void aSaveRemovesTheTemporaryFilesOfSavesWhoseProcessDiedAndNothingElse() throws IOException {
    long dead = deadPid();
    long alive = ProcessHandle.current().pid();
    String prefix = ".x.zip.ffnn-";
    Path stale = Files.write(dir.resolve(prefix + dead + "-123.tmp"), new byte[] {'P', 'K', 3, 4});
    Path empty = Files.write(dir.resolve(prefix + dead + "-124.tmp"), new byte[0]);
    Path running = Files.write(dir.resolve(prefix + alive + "-125.tmp"), new byte[] {'P', 'K'});
    Path notZip = Files.write(dir.resolve(prefix + dead + "-126.tmp"), new byte[] {'h', 'i'});
    Path otherName = Files.write(dir.resolve(".x.zip.7-127.tmp"), new byte[] {'P', 'K'});
    Path otherTarget = Files.write(dir.resolve(".y.zip.ffnn-" + dead + "-128.tmp"),
        new byte[] {'P', 'K'});
    ModelArchive.write(dir.resolve("x.zip"), entries("{}", 10));
    assertTrue(Files.notExists(stale) && Files.notExists(empty), "stale temporaries removed");
    for (Path kept : List.of(running, notZip, otherName, otherTarget)) {
      assertTrue(Files.exists(kept), kept + " must be left alone");
    }
    // and a save's own temporary file carries its process id
    assertEquals(".x.zip.ffnn-" + alive + "-", io.ffnn.core.internal.files.AtomicWrite.temporaryPrefix("x.zip", alive));
  }

  /** The id of a process that has ended. */
  private static long deadPid() throws IOException {
    Process p = new ProcessBuilder("true").start();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long pid = p.pid();
    assertTrue(ProcessHandle.of(pid).isEmpty(), "process " + pid + " still runs");
    return pid;
  }

  @Test
  void theZipStructureIsCheckedEntryByEntry() throws IOException {
    Path file = dir.resolve("crc.zip");
    Map<String, byte[]> written = new LinkedHashMap<>();
    written.put("model.json", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    written.put("weights.bin", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    ModelArchive.write(file, written);
    byte[] bytes = Files.readAllBytes(file);
    // weights.bin is stored: flip one of its bytes in place, which only its CRC-32 notices
    int at = indexOf(bytes, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}) + 3;
    byte[] flipped = bytes.clone();
    flipped[at] ^= 0x20;
    Files.write(file, flipped);
    assertEquals(file + ": not a readable model archive: entry weights.bin fails its CRC-32 check",
        message(file));
    // an end record that announces a ZIP64 archive
    byte[] zip64 = bytes.clone();
    int end = lastIndexOf(zip64, new byte[] {0x50, 0x4b, 0x05, 0x06});
    zip64[end + 10] = (byte) 0xFF;
    zip64[end + 11] = (byte) 0xFF;
    Files.write(file, zip64);
    assertTrue(message(file).contains("a ZIP64 archive"), message(file));
    // the central directory said to lie past the end of the file
    byte[] outside = bytes.clone();
    outside[end + 19] = 0x7F;
    Files.write(file, outside);
    assertTrue(message(file).endsWith("the central directory lies outside the file"),
        message(file));
    // no end record at all
    Files.write(file, java.util.Arrays.copyOf(bytes, end));
    assertTrue(message(file).contains("no zip end-of-central-directory record"), message(file));
  }

  private static int indexOf(byte[] in, byte[] what) {
    for (int i = 0; i + what.length <= in.length; i++) {
      if (java.util.Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static int lastIndexOf(byte[] in, byte[] what) {
    for (int i = in.length - what.length; i >= 0; i--) {
      if (java.util.Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void whatIsWrittenFitsTheBudgetItIsReadWith() throws IOException {
    Path file = dir.resolve("budget.zip");
    // a JSON entry of exactly the largest size read: written and read back
    Map<String, byte[]> largest = new LinkedHashMap<>();
    largest.put("a.json", new byte[ModelArchive.MAX_JSON_BYTES]);
    ModelArchive.write(file, largest);
    assertEquals(ModelArchive.MAX_JSON_BYTES, Archives.read(file).get("a.json").length);
    // one byte more: refused before anything is written, the old file intact
    byte[] before = Files.readAllBytes(file);
    Map<String, byte[]> over = Map.of("a.json", new byte[ModelArchive.MAX_JSON_BYTES + 1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelArchive.write(file, over));
    assertEquals("entry a.json would be " + (ModelArchive.MAX_JSON_BYTES + 1) + " bytes, more "
        + "than the " + ModelArchive.MAX_JSON_BYTES + " bytes a JSON entry of a model file or "
        + "checkpoint is read with", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    // entries each within their limit but together over the total
    Map<String, byte[]> many = new LinkedHashMap<>();
    for (int k = 0; k < 4; k++) {
      many.put(k + ".json", new byte[ModelArchive.MAX_JSON_BYTES]);
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelArchive.write(file, many))
        .getMessage().contains("together, more than the " + ModelArchive.MAX_JSON_TOTAL));
    // and too many entries
    Map<String, byte[]> crowd = new LinkedHashMap<>();
    for (int k = 0; k < ModelArchive.MAX_ENTRIES; k++) {
      crowd.put(k + ".bin", new byte[1]);
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelArchive.write(file, crowd))
        .getMessage().contains("more than the " + ModelArchive.MAX_ENTRIES + " entries"));
    assertArrayEquals(before, Files.readAllBytes(file));
  }
}

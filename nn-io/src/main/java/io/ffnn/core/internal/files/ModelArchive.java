package io.ffnn.core.internal.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The container of model files and checkpoints (not API: {@code ModelFile} and {@code Checkpoint}
 * read and write through it): a zip archive of named entries plus {@code
 * checksums.json}, the SHA-256 of every other entry. It knows nothing of what the entries mean.
 *
 * <p>Writing is atomic: the archive goes to a temporary file in the target's directory, is forced
 * to the device, then moved over the target, so an interrupted write leaves the previous file as
 * it was. Reading refuses anything but a regular file and reads everything from one open
 * descriptor ({@link ZipReader}), so a save that replaces the file meanwhile cannot mix two files.
 * It works within a budget: at most {@value #MAX_ENTRIES} entries, JSON entries at most {@value
 * #MAX_JSON_BYTES} bytes each and {@value #MAX_JSON_TOTAL} together, binary entries together no
 * more than the file's size; so reading an archive never holds more than a small multiple of its
 * size plus 16 MiB. It refuses duplicate and unlisted entries, and verifies every checksum before
 * returning anything.
 */
public final class ModelArchive {

  /** The largest JSON entry read. */
  public static final int MAX_JSON_BYTES = 4 << 20;

  /** The most bytes of JSON read from one archive, all entries together. */
  public static final int MAX_JSON_TOTAL = 16 << 20;

  /** The most entries an archive may hold. */
  public static final int MAX_ENTRIES = 64;

  /** The entry that lists the others' checksums. */
  public static final String CHECKSUMS = "checksums.json";

  private ModelArchive() {}

  /**
   * Writes entries and their checksums atomically: to a temporary file in the target's directory,
   * forced to the device, then moved over the target.
   *
   * @param file the target
   * @param entries entry name → bytes; {@code .json} entries are compressed, others stored
   * @throws IOException if writing fails; the target is then unchanged
   */
  public static void write(Path file, Map<String, byte[]> entries) throws IOException {
    write(file, entries, UnaryOperator.identity());
  }

  /**
   * As {@link #write(Path, Map)}, with the file's output stream wrapped (tests use it to fail a
   * save midway).
   *
   * @param file the target
   * @param entries entry name → bytes
   * @param wrap wraps the stream the archive is written to
   * @throws IOException if writing fails; the target is then unchanged
   */
  public static void write(Path file, Map<String, byte[]> entries,
      UnaryOperator<OutputStream> wrap)
      throws IOException {
    checkReadable(entries);
    ObjectNode sums = Json.MAPPER.createObjectNode();
    ObjectNode sha = sums.putObject("sha256");
    entries.forEach((name, bytes) -> sha.put(name, sha256(bytes)));
    byte[] checksums = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(sums);
    // a temporary file a dead process left holds nothing or the start of a zip archive
    AtomicWrite.write(file, out -> {
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          putEntry(zip, e.getKey(), e.getValue(), !e.getKey().endsWith(".json"));
        }
        putEntry(zip, CHECKSUMS, checksums, false);
      }
    }, wrap, head -> head.length == 0 || head.length >= 2 && head[0] == 'P' && head[1] == 'K');
  }

  private static void putEntry(ZipOutputStream zip, String name, byte[] bytes, boolean stored)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    if (stored) {
      // binary entries are stored, so that their size is bounded by the file's when read back
      CRC32 crc = new CRC32();
      crc.update(bytes);
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(bytes.length);
      entry.setCompressedSize(bytes.length);
      entry.setCrc(crc.getValue());
    }
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  /**
   * Refuses entries that {@link #read} would refuse, before anything is written: what a save
   * writes, a load reads. The checksums entry counts as the reader counts it (a JSON entry, and
   * one more entry).
   *
   * @param entries entry name → bytes, without the checksums
   * @throws IllegalArgumentException naming the entry and the limit it passes
   */
  public static void checkReadable(Map<String, byte[]> entries) {
    if (entries.size() + 1 > MAX_ENTRIES) {
      throw new IllegalArgumentException("an archive of " + entries.size() + " entries and "
          + CHECKSUMS + " would hold more than the " + MAX_ENTRIES + " entries a model file or "
          + "checkpoint is read with");
    }
    // checksums.json: a line of about 90 bytes per entry, well under a kilobyte in all
    long json = 100L * (entries.size() + 1);
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      long size = e.getValue().length;
      if (e.getKey().endsWith(".json")) {
        if (size > MAX_JSON_BYTES) {
          throw new IllegalArgumentException("entry " + e.getKey() + " would be " + size
              + " bytes, more than the " + MAX_JSON_BYTES + " bytes a JSON entry of a model file "
              + "or checkpoint is read with");
        }
        json += size;
      } else if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("entry " + e.getKey() + " would be " + size
            + " bytes, more than one entry may hold");
      }
    }
    if (json > MAX_JSON_TOTAL) {
      throw new IllegalArgumentException("the JSON entries would be " + json + " bytes together, "
          + "more than the " + MAX_JSON_TOTAL + " a model file or checkpoint is read with");
    }
  }

  /**
   * The SHA-256 of some bytes, in lower-case hexadecimal, as {@code checksums.json} lists it.
   *
   * @param bytes the bytes
   * @return 64 hexadecimal digits
   */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Reads every entry of an archive with bounded sizes and verifies the checksums.
   *
   * @param <E> the exception of a malformed archive
   * @param file the archive
   * @param invalid makes the exception of a malformed archive from the problem
   * @return entry name → bytes, checksums verified, without {@code checksums.json}
   * @throws E if the archive, a size or a checksum is wrong
   * @throws IOException if the file cannot be read
   */
  public static <E extends Exception> Map<String, byte[]> read(Path file, Json.Invalid<E> invalid)
      throws E, IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // a pipe would block the zip reader for ever, a directory or device is no archive
      throw invalid.because("not a regular file (a directory, a pipe or a "
          + "device); a model file is read from a file", null);
    }
    Map<String, byte[]> entries;
    // one open file: its size, directory and entries from the same descriptor, so that a save
    // replacing the path meanwhile cannot mix two files into a false error
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      try {
        entries = ZipReader.read(channel);
      } catch (ZipReader.Refused e) {
        throw invalid.because(e.getMessage(), null);
      } catch (IOException | RuntimeException e) {
        throw invalid.because("not a readable model archive: " + e.getMessage(), e);
      }
    }
    byte[] sums = entries.remove(CHECKSUMS);
    if (sums == null) {
      throw invalid.because("missing entry " + CHECKSUMS, null);
    }
    JsonNode sha = Json.object(invalid, CHECKSUMS, sums).path("sha256");
    if (!sha.isObject()) {
      throw invalid.because(CHECKSUMS + " has no 'sha256' object", null);
    }
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      JsonNode expected = sha.get(e.getKey());
      if (expected == null || !expected.isTextual()) {
        throw invalid.because("entry " + e.getKey() + " has no checksum", null);
      }
      if (!expected.asText().equals(sha256(e.getValue()))) {
        throw invalid.because("entry " + e.getKey()
            + " does not match its SHA-256 checksum: the file is corrupt", null);
      }
    }
    Iterator<String> listed = sha.fieldNames();
    while (listed.hasNext()) {
      String name = listed.next();
      if (!entries.containsKey(name)) {
        throw invalid.because("missing entry " + name, null);
      }
    }
    return entries;
  }
}

package io.ffnn.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.core.internal.AtomicWrite;
import io.ffnn.core.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The container of model files and checkpoints: a zip archive of named entries plus {@code
 * checksums.json}, the SHA-256 of every other entry. It knows nothing of what the entries mean.
 *
 * <p>Writing is atomic: the archive goes to a temporary file in the target's directory, is forced
 * to the device, then moved over the target, so an interrupted write leaves the previous file as
 * it was. Reading refuses anything but a regular file and works within a budget: at most {@value
 * #MAX_ENTRIES} entries, JSON entries at most {@value #MAX_JSON_BYTES} bytes each and {@value
 * #MAX_JSON_TOTAL} together, binary entries together no more than the file's size; so reading an
 * archive never holds more than a small multiple of its size plus 16 MiB. It refuses duplicate and unlisted entries,
 * and verifies every checksum before returning anything.
 */
public final class ModelArchive {

  /** The largest JSON entry read. */
  public static final int MAX_JSON_BYTES = 4 << 20;

  /** The most bytes of JSON read from one archive, all entries together. */
  public static final int MAX_JSON_TOTAL = 16 << 20;

  /** The most entries an archive may hold. */
  public static final int MAX_ENTRIES = 64;

  static final String CHECKSUMS = "checksums.json";

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
   */
  static void write(Path file, Map<String, byte[]> entries, UnaryOperator<OutputStream> wrap)
      throws IOException {
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

  /** {@link AtomicWrite#temporaryPrefix}, for the tests of this package. */
  static String temporaryPrefix(String target, long pid) {
    return AtomicWrite.temporaryPrefix(target, pid);
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

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Reads every entry of an archive with bounded sizes and verifies the checksums.
   *
   * @param file the archive
   * @return entry name → bytes, checksums verified, without {@code checksums.json}
   * @throws ModelFormatException if the archive, a size or a checksum is wrong
   * @throws IOException if the file cannot be read
   */
  public static Map<String, byte[]> read(Path file) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // a pipe would block the zip reader for ever, a directory or device is no archive
      throw new ModelFormatException(file, "not a regular file (a directory, a pipe or a "
          + "device); a model file is read from a file");
    }
    long fileSize = Files.size(file);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    // the budget of the whole read: stored entries together no larger than the file (they are
    // its bytes, unless entries overlap), compressed JSON entries together at most MAX_JSON_TOTAL
    long binaryLeft = fileSize;
    long jsonLeft = MAX_JSON_TOTAL;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (zip.size() > MAX_ENTRIES) {
        throw new ModelFormatException(file, "holds " + zip.size() + " entries; a model file "
            + "or checkpoint has at most " + MAX_ENTRIES);
      }
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        String name = e.getName();
        if (entries.containsKey(name)) {
          throw new ModelFormatException(file, "entry " + name + " appears twice");
        }
        boolean json = name.endsWith(".json");
        long cap = json ? Math.min(MAX_JSON_BYTES, jsonLeft) : binaryLeft;
        if (e.getSize() > cap) {
          throw new ModelFormatException(file, "entry " + name + " declares " + e.getSize()
              + " bytes, more than the " + cap + " left to read (" + (json ? MAX_JSON_BYTES
              + " for one JSON entry, " + MAX_JSON_TOTAL + " for all" : fileSize
              + ", the file's size, for all binary entries") + ")");
        }
        if (e.getSize() > Integer.MAX_VALUE - 8) {
          throw new ModelFormatException(file, "entry " + name + " declares " + e.getSize()
              + " bytes, more than one entry may hold");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
          bytes = e.getSize() >= 0 ? readExactly(file, name, in, (int) e.getSize())
              : readBounded(file, name, in, cap);
        }
        entries.put(name, bytes);
        if (json) {
          jsonLeft -= bytes.length;
        } else {
          binaryLeft -= bytes.length;
        }
      }
    } catch (ModelFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // java.util.zip reports malformed archives with ZipException, and malformed entry names
      // with IllegalArgumentException
      throw new ModelFormatException(file, "not a readable model archive: " + e.getMessage(), e);
    }
    byte[] sums = entries.remove(CHECKSUMS);
    if (sums == null) {
      throw new ModelFormatException(file, "missing entry " + CHECKSUMS);
    }
    JsonNode sha = Json.object(invalid(file), CHECKSUMS, sums).path("sha256");
    if (!sha.isObject()) {
      throw new ModelFormatException(file, CHECKSUMS + " has no 'sha256' object");
    }
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      JsonNode expected = sha.get(e.getKey());
      if (expected == null || !expected.isTextual()) {
        throw new ModelFormatException(file, "entry " + e.getKey() + " has no checksum");
      }
      if (!expected.asText().equals(sha256(e.getValue()))) {
        throw new ModelFormatException(file, "entry " + e.getKey()
            + " does not match its SHA-256 checksum: the file is corrupt");
      }
    }
    Iterator<String> listed = sha.fieldNames();
    while (listed.hasNext()) {
      String name = listed.next();
      if (!entries.containsKey(name)) {
        throw new ModelFormatException(file, "missing entry " + name);
      }
    }
    return entries;
  }

  /** An entry of declared size (checked against the budget): one array, no copies. */
  private static byte[] readExactly(Path file, String name, InputStream in, int size)
      throws IOException {
    byte[] bytes = new byte[size];
    int read = in.readNBytes(bytes, 0, size);
    if (read < size) {
      throw new ModelFormatException(file, "entry " + name + " holds " + read + " bytes but "
          + "declares " + size);
    }
    if (in.read() != -1) {
      throw new ModelFormatException(file, "entry " + name + " holds more than the " + size
          + " bytes it declares");
    }
    return bytes;
  }

  private static byte[] readBounded(Path file, String name, InputStream in, long cap)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int r; (r = in.read(buffer)) > 0; ) {
      total += r;
      if (total > cap) {
        throw new ModelFormatException(file, "entry " + name + " holds more than " + cap
            + " bytes");
      }
      out.write(buffer, 0, r);
    }
    return out.toByteArray();
  }

  /** Problems in a JSON entry of {@code file}, as its exception. */
  private static Json.Invalid<ModelFormatException> invalid(Path file) {
    return (problem, cause) -> new ModelFormatException(file, problem, cause);
  }
}

package io.ffnn.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.core.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * it was. Reading bounds every entry's size (JSON entries at most {@value #MAX_JSON_BYTES} bytes,
 * others no more than the file holds), refuses duplicate and unlisted entries, and verifies every
 * checksum before returning anything.
 */
public final class ModelArchive {

  /** The largest JSON entry read. */
  public static final int MAX_JSON_BYTES = 4 << 20;

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
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      ObjectNode sums = Json.MAPPER.createObjectNode();
      ObjectNode sha = sums.putObject("sha256");
      entries.forEach((name, bytes) -> sha.put(name, sha256(bytes)));
      try (OutputStream raw = wrap.apply(Files.newOutputStream(tmp));
           ZipOutputStream zip = new ZipOutputStream(raw)) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          putEntry(zip, e.getKey(), e.getValue(), !e.getKey().endsWith(".json"));
        }
        putEntry(zip, CHECKSUMS, Json.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(sums), false);
      }
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
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
    long fileSize = Files.size(file);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        String name = e.getName();
        if (entries.containsKey(name)) {
          throw new ModelFormatException(file, "entry " + name + " appears twice");
        }
        long cap = name.endsWith(".json") ? MAX_JSON_BYTES : fileSize;
        if (e.getSize() > cap) {
          throw new ModelFormatException(file, "entry " + name + " declares " + e.getSize()
              + " bytes, more than " + cap + " allowed");
        }
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(name, readBounded(file, name, in, cap));
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
    JsonNode sha = Json.object(file, CHECKSUMS, sums).path("sha256");
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
}

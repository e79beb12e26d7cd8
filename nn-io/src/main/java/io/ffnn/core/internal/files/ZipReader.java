package io.ffnn.core.internal.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The entries of a zip archive, read from one open file: its size, its central directory and its
 * entries all come from the same descriptor, so a file that replaces the path meanwhile (a save
 * landing while a model loads) changes nothing in what is read. Within {@link ModelArchive}'s
 * budget: the entries are counted before any is read, and each entry's declared size is checked
 * against what is left before its bytes are allocated. Reads stored and deflated entries and
 * checks each entry's CRC-32; refuses ZIP64 archives (over 4 GiB or 65535 entries), whose entries
 * would be larger than one entry may hold.
 */
final class ZipReader {

  private static final int END = 0x06054b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;
  private static final long MAX_U32 = 0xFFFFFFFFL;

  /** A problem with the archive; {@link ModelArchive} makes it its caller's exception. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String problem) {
      super(problem, null, false, false);
    }
  }

  private final FileChannel channel;
  private final long fileSize;

  private ZipReader(FileChannel channel) throws IOException {
    this.channel = channel;
    this.fileSize = channel.size();
  }

  /**
   * Reads every entry of the archive open in {@code channel}.
   *
   * @param channel the archive, open for reading; its position is not used
   * @return entry name → bytes, in the central directory's order
   * @throws Refused if the archive is malformed or over the budget
   * @throws IOException if reading fails
   */
  static Map<String, byte[]> read(FileChannel channel) throws IOException {
    return new ZipReader(channel).entries();
  }

  private static Refused malformed(String what) {
    return new Refused("not a readable model archive: " + what);
  }

  private Map<String, byte[]> entries() throws IOException {
    // the end-of-central-directory record: 22 bytes and a comment of at most 65535
    int tail = (int) Math.min(fileSize, 22 + 0xFFFF);
    ByteBuffer end = bytes(fileSize - tail, tail);
    int at = -1;
    for (int i = tail - 22; i >= 0; i--) {
      if (end.getInt(i) == END) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw malformed("no zip end-of-central-directory record (not a zip archive)");
    }
    long count = end.getShort(at + 10) & 0xFFFF;
    long directorySize = end.getInt(at + 12) & MAX_U32;
    long directoryAt = end.getInt(at + 16) & MAX_U32;
    if (count == 0xFFFF || directorySize == MAX_U32 || directoryAt == MAX_U32) {
      // ZIP64: over 65535 entries or 4 GiB, beyond what one entry or a model file may hold
      throw malformed("a ZIP64 archive (over 4 GiB or 65535 entries); a model file is smaller");
    }
    if (count > ModelArchive.MAX_ENTRIES) {
      throw new Refused("holds " + count + " entries; a model file or checkpoint has at most "
          + ModelArchive.MAX_ENTRIES);
    }
    // each entry's record: 46 bytes and a name, extra field and comment of at most 65535 each
    if (directorySize > count * (46 + 3L * 0xFFFF) || directoryAt + directorySize > fileSize) {
      throw malformed("the central directory lies outside the file");
    }
    ByteBuffer directory = bytes(directoryAt, (int) directorySize);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    // the budget of the whole read: stored entries together no larger than the file (they are
    // its bytes, unless entries overlap), JSON entries together at most MAX_JSON_TOTAL
    long binaryLeft = fileSize;
    long jsonLeft = ModelArchive.MAX_JSON_TOTAL;
    int p = 0;
    for (long k = 0; k < count; k++) {
      if (p + 46 > directory.limit() || directory.getInt(p) != CENTRAL) {
        throw malformed("central directory entry " + (k + 1) + " is damaged");
      }
      int flags = directory.getShort(p + 8) & 0xFFFF;
      int method = directory.getShort(p + 10) & 0xFFFF;
      long crc = directory.getInt(p + 16) & MAX_U32;
      long packed = directory.getInt(p + 20) & MAX_U32;
      long size = directory.getInt(p + 24) & MAX_U32;
      int nameLength = directory.getShort(p + 28) & 0xFFFF;
      int extraLength = directory.getShort(p + 30) & 0xFFFF;
      int commentLength = directory.getShort(p + 32) & 0xFFFF;
      long local = directory.getInt(p + 42) & MAX_U32;
      int next = p + 46 + nameLength + extraLength + commentLength;
      if (next > directory.limit()) {
        throw malformed("central directory entry " + (k + 1) + " runs past the directory");
      }
      String name = text(directory, p + 46, nameLength);
      p = next;
      if (entries.containsKey(name)) {
        throw new Refused("entry " + name + " appears twice");
      }
      if ((flags & 1) != 0) {
        throw malformed("entry " + name + " is encrypted");
      }
      if (method != 0 && method != 8) {
        throw malformed("entry " + name + " uses compression method " + method
            + " (stored and deflated are read)");
      }
      boolean json = name.endsWith(".json");
      long cap = json ? Math.min(ModelArchive.MAX_JSON_BYTES, jsonLeft) : binaryLeft;
      if (size > cap) {
        throw new Refused("entry " + name + " declares " + size + " bytes, more than the " + cap
            + " left to read (" + (json ? ModelArchive.MAX_JSON_BYTES + " for one JSON entry, "
                + ModelArchive.MAX_JSON_TOTAL + " for all" : fileSize
                + ", the file's size, for all binary entries") + ")");
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new Refused("entry " + name + " declares " + size
            + " bytes, more than one entry may hold");
      }
      byte[] data = data(name, local, method, packed, (int) size);
      CRC32 check = new CRC32();
      check.update(data);
      if (check.getValue() != crc) {
        throw malformed("entry " + name + " fails its CRC-32 check");
      }
      entries.put(name, data);
      if (json) {
        jsonLeft -= size;
      } else {
        binaryLeft -= size;
      }
    }
    return entries;
  }

  /** The bytes of one entry, from its local header on; stored or inflated to {@code size}. */
  private byte[] data(String name, long local, int method, long packed, int size)
      throws IOException {
    if (local > fileSize - 30) {
      throw malformed("entry " + name + "'s header lies outside the file");
    }
    ByteBuffer header = bytes(local, 30);
    if (header.getInt(0) != LOCAL) {
      throw malformed("entry " + name + "'s local header is damaged");
    }
    long start = local + 30 + (header.getShort(26) & 0xFFFF) + (header.getShort(28) & 0xFFFF);
    if (start + packed > fileSize) {
      throw malformed("entry " + name + "'s data run past the end of the file");
    }
    if (method == 0) {
      if (packed != size) {
        throw new Refused("entry " + name + " holds " + packed + " bytes but declares " + size);
      }
      byte[] data = new byte[size];
      fill(ByteBuffer.wrap(data), start);
      return data;
    }
    byte[] compressed = new byte[(int) Math.min(packed, Integer.MAX_VALUE - 8)];
    fill(ByteBuffer.wrap(compressed), start);
    byte[] data = new byte[size];
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(compressed);
      int n = 0;
      while (n < size && !inflater.finished()) {
        int r = inflater.inflate(data, n, size - n);
        if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += r;
      }
      if (n < size) {
        throw new Refused("entry " + name + " holds " + n + " bytes but declares " + size);
      }
      if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
        throw new Refused("entry " + name + " holds more than the " + size
            + " bytes it declares");
      }
    } catch (DataFormatException e) {
      throw malformed("entry " + name + " is not valid deflate data: " + e.getMessage());
    } finally {
      inflater.end();
    }
    return data;
  }

  /** {@code length} bytes from {@code position}, little-endian. */
  private ByteBuffer bytes(long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    fill(b, position);
    return b.flip().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Fills {@code b} from {@code position} on. */
  private void fill(ByteBuffer b, long position) throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      int r = channel.read(b, at);
      if (r < 0) {
        throw malformed("the file ends at byte " + at + ", inside an entry or record");
      }
      at += r;
    }
  }

  private static String text(ByteBuffer b, int from, int length) {
    byte[] bytes = new byte[length];
    b.get(from, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

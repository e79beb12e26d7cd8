package io.ffnn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

  @TempDir
  Path dir;

  /** An image file of {@code count} images of 2×3 pixels whose pixel p of image i is 10i + p. */
  static byte[] images(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(Idx.IMAGES_MAGIC);
    out.writeInt(count);
    out.writeInt(2);
    out.writeInt(3);
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < 6; p++) {
        out.writeByte(10 * i + p);
      }
    }
    return bytes.toByteArray();
  }

  static byte[] labels(int... labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(Idx.LABELS_MAGIC);
    out.writeInt(labels.length);
    for (int l : labels) {
      out.writeByte(l);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  @Test
  void imagesBecomeColumnsScaledToTheUnitInterval() throws IOException {
    Path f = dir.resolve("images");
    Files.write(f, images(3));
    var X = Idx.readImages(f);
    assertEquals(6, X.numRows);
    assertEquals(3, X.numCols);
    assertEquals(0.0, X.get(0, 0), 0.0);
    assertEquals(25 / 255.0, X.get(5, 2), 0.0);
    assertEquals(13 / 255.0, X.get(3, 1), 0.0);
    Path gz = dir.resolve("images.gz");
    Files.write(gz, gzip(images(3)));
    assertArrayEquals(X.data, Idx.readImages(gz).data, 0.0);
  }

  @Test
  void aDirectoryOfTheFourStandardFilesLoadsAsTrainingAndTestSets() throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(4)));
    Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(3, 1, 4, 1)));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(2));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(5, 9));
    Idx.TrainTest data = Idx.readDirectory(dir);
    assertEquals(4, data.train().size());
    assertEquals(6, data.train().features());
    assertEquals(10, data.train().classes());
    assertArrayEquals(new int[] {3, 1, 4, 1}, Dataset.labels(data.train().Y()));
    assertArrayEquals(new int[] {5, 9}, Dataset.labels(data.test().Y()));
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Idx.readDirectory(dir));
    assertTrue(e.getMessage().contains("missing t10k-labels-idx1-ubyte"), e.getMessage());
  }

  @Test
  void headersAreCheckedAgainstTheFile() throws IOException {
    Path f = dir.resolve("bad");
    Files.write(f, labels(1, 2, 3));
    DataFormatException magic = assertThrows(DataFormatException.class, () -> Idx.readImages(f));
    assertTrue(magic.getMessage().contains("magic number 0x00000801, expected 0x00000803"),
        magic.getMessage());
    byte[] truncated = java.util.Arrays.copyOf(images(3), 30);
    Files.write(f, truncated);
    DataFormatException cut = assertThrows(DataFormatException.class, () -> Idx.readImages(f));
    assertTrue(cut.getMessage().contains("declares 18 bytes of data but the file holds 14 "
        + "(truncated)"), cut.getMessage());
    byte[] huge = images(1);
    huge[7] = 0x7f;
    Files.write(f, huge);
    DataFormatException declared = assertThrows(DataFormatException.class,
        () -> Idx.readImages(f));
    assertTrue(declared.getMessage().contains("declares"), declared.getMessage());
    Files.write(f, gzip(new byte[2_000_000]));
    DataFormatException bomb = assertThrows(DataFormatException.class, () -> Idx.readLabels(f));
    assertTrue(bomb.getMessage().contains("decompresses to more than 64 times its size"),
        bomb.getMessage());
    Path images = dir.resolve("three-images");
    Files.write(images, images(3));
    Files.write(f, labels(1, 2));
    DataFormatException mismatch = assertThrows(DataFormatException.class,
        () -> Idx.read(images, f, 10));
    assertTrue(mismatch.getMessage().contains("holds 2 labels but " + images
        + " holds 3 images"), mismatch.getMessage());
    Files.write(f, labels(1, 12));
    Path two = dir.resolve("two-images");
    Files.write(two, images(2));
    DataFormatException label = assertThrows(DataFormatException.class,
        () -> Idx.read(two, f, 10));
    assertTrue(label.getMessage().contains("label 1 is 12, not a class 0..9"),
        label.getMessage());
  }

  @Test
  void gzipMembersMustFillTheFile() throws IOException {
    byte[] whole = labels(3, 1, 4, 1, 5);
    // split into two members, as `cat a.gz b.gz` makes: read as one stream
    byte[] first = gzip(java.util.Arrays.copyOfRange(whole, 0, 10));
    byte[] second = gzip(java.util.Arrays.copyOfRange(whole, 10, whole.length));
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    Path two = dir.resolve("two-members.gz");
    Files.write(two, both);
    assertArrayEquals(new int[] {3, 1, 4, 1, 5}, Idx.readLabels(two));
    // the same with bytes after the last member: refused, as trailing bytes in a plain file are
    byte[] garbage = java.util.Arrays.copyOf(both, both.length + 5);
    System.arraycopy("junk!".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, garbage,
        both.length, 5);
    Path trailing = dir.resolve("trailing.gz");
    Files.write(trailing, garbage);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Idx.readLabels(trailing));
    assertEquals(trailing + ": 5 bytes after gzip member 2 (from byte " + both.length + ") do not "
        + "start another member; a file with trailing garbage is refused", e.getMessage());
    // a member cut short
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, java.util.Arrays.copyOf(first, first.length - 12));
    assertTrue(assertThrows(DataFormatException.class, () -> Idx.readLabels(cut)).getMessage()
        .contains("corrupt gzip data"));
  }

  /** Gzip with stored (uncompressed) deflate blocks: a flipped data byte still inflates. */
  static byte[] storedGzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes) {
      {
        def.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
      }
    }) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  @Test
  void everyGzipMemberIsCheckedAgainstItsTrailer() throws IOException {
    byte[] plain = labels(3, 1, 4, 1, 5, 9, 2, 6);
    byte[] good = storedGzip(plain);
    Path ok = dir.resolve("ok.gz");
    Files.write(ok, good);
    assertArrayEquals(new int[] {3, 1, 4, 1, 5, 9, 2, 6}, Idx.readLabels(ok));
    // a label byte flipped inside the stored block: inflates, but the CRC-32 no longer matches
    int at = indexOf(good, new byte[] {3, 1, 4, 1, 5, 9, 2, 6}) + 4;
    byte[] flipped = good.clone();
    flipped[at] ^= 0x01;
    Path bad = dir.resolve("flipped.gz");
    Files.write(bad, flipped);
    DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(bad));
    assertEquals(bad + ": corrupt gzip data: member 1 fails its CRC-32 check; the file is damaged",
        e.getMessage());
    // the trailer's length wrong, in the second member of two
    byte[] second = gzip(labels(7));
    second[second.length - 4] ^= 0x10;
    byte[] both = new byte[good.length + second.length];
    System.arraycopy(good, 0, both, 0, good.length);
    System.arraycopy(second, 0, both, good.length, second.length);
    Path length = dir.resolve("length.gz");
    Files.write(length, both);
    String message = assertThrows(DataFormatException.class, () -> Idx.readImages(length))
        .getMessage();
    assertTrue(message.startsWith(length + ": corrupt gzip data: member 2 decompresses to "),
        message);
    // and images as well as labels
    byte[] images = storedGzip(images(2));
    images[images.length - 12] ^= 0x40;
    Path pixels = dir.resolve("pixels.gz");
    Files.write(pixels, images);
    assertTrue(assertThrows(DataFormatException.class, () -> Idx.readImages(pixels)).getMessage()
        .contains("fails its CRC-32 check"));
  }

  private static int indexOf(byte[] in, byte[] what) {
    for (int i = 0; i + what.length <= in.length; i++) {
      if (java.util.Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}

package io.ffnn.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random bytes, truncations and single-bit flips of IDX and CSV files: each read succeeds or ends in a
 * {@link DataFormatException} naming the file, never another exception.
 */
class DataFileFuzzTest {

  @Property(tries = 200)
  void idxRandomBytes(@ForAll("bytes") byte[] bytes) throws IOException {
    idx(bytes);
  }

  @Property(tries = 200)
  void idxTruncationsAndFlips(@ForAll @IntRange(min = 0, max = 1_000_000) int cut,
      @ForAll @IntRange(min = 0, max = 1_000_000) int flip, @ForAll boolean gzip)
      throws IOException {
    byte[] valid = gzip ? IdxTest.gzip(IdxTest.images(5)) : IdxTest.images(5);
    byte[] damaged = valid.clone();
    int bit = flip % (valid.length * 8);
    damaged[bit / 8] ^= (byte) (1 << (bit % 8));
    idx(damaged);
    idx(java.util.Arrays.copyOf(valid, cut % valid.length));
  }

  @Property(tries = 300)
  void csvRandomText(@ForAll("text") String text) throws IOException {
    readsOrFailsCleanly(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), ".csv",
        f -> Csv.read(f, CsvFormat.labelColumn("label")));
  }

  @Property(tries = 200)
  void csvTruncationsAndFlips(@ForAll @IntRange(min = 0, max = 1_000_000) int cut,
      @ForAll @IntRange(min = 0, max = 1_000_000) int flip) throws IOException {
    byte[] valid = ("id,x,y,label\n1,0.5,2,cat\n2,1.5,-3e2,dog\n3,\"4\",7,cat\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] damaged = valid.clone();
    int bit = flip % (valid.length * 8);
    damaged[bit / 8] ^= (byte) (1 << (bit % 8));
    for (byte[] bytes : new byte[][] {damaged, java.util.Arrays.copyOf(valid,
        cut % valid.length)}) {
      readsOrFailsCleanly(bytes, ".csv",
          f -> Csv.read(f, CsvFormat.labelColumn("label").withSkippedColumns("id")));
    }
  }

  @Property(tries = 100)
  void csvRandomBytes(@ForAll("bytes") byte[] bytes) throws IOException {
    readsOrFailsCleanly(bytes, ".csv",
        f -> Csv.read(f, CsvFormat.targetColumns("0").withHeader(false)));
  }

  /** What a loader does with a file. */
  @FunctionalInterface
  interface Reader {
    void read(Path file) throws IOException;
  }

  /** Writes the bytes to a file and reads it: success, or a DataFormatException naming it. */
  private static void readsOrFailsCleanly(byte[] bytes, String suffix, Reader reader)
      throws IOException {
    Path f = Files.createTempFile("ffnn-fuzz", suffix);
    try {
      Files.write(f, bytes);
      try {
        reader.read(f);
      } catch (DataFormatException e) {
        expectNamed(f, e);
      } catch (RuntimeException | OutOfMemoryError e) {
        throw new AssertionError("a damaged " + suffix + " file ended in " + e, e);
      }
    } finally {
      Files.delete(f);
    }
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
  }

  @Provide
  Arbitrary<String> text() {
    Arbitrary<String> cells = Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789.-e,\"\n ;")
        .ofMaxLength(200), Arbitraries.strings().ofMaxLength(100));
    return cells.map(s -> "x,y,label\n" + s);
  }

  private static void idx(byte[] bytes) throws IOException {
    readsOrFailsCleanly(bytes, ".idx", Idx::readImages);
    readsOrFailsCleanly(bytes, ".idx", Idx::readLabels);
  }

  private static void expectNamed(Path f, DataFormatException e) {
    if (e.getMessage() == null || !e.getMessage().startsWith(f.toString())) {
      throw new AssertionError("no message naming the file: " + e.getMessage(), e);
    }
  }
}

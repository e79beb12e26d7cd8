package io.ffnn.core.model;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Scaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ejml.data.DMatrixRMaj;

/**
 * Random bytes, truncations and single-bit flips of a valid model file: every case loads or ends
 * in a {@link ModelFormatException} with a message, never another exception.
 */
class ModelFileFuzzTest {

  private static Path dir;
  private static byte[] valid;

  @BeforeContainer
  static void writeAValidModel() throws IOException {
    dir = Files.createTempDirectory("ffnn-model-fuzz");
    Network net = Network.build(NetworkSpec.builder(3).layer(4, "leaky_relu(alpha=0.2)")
        .layer(2, "softmax").cost("cce").seed(3).build());
    DMatrixRMaj X = new DMatrixRMaj(3, 2, true, 1, 2, 3, 4, 5, 6);
    Path file = dir.resolve("valid.ffnn");
    ModelFile.save(new Model(net, Scaler.fit(Scaler.Kind.MIN_MAX, X)), file);
    valid = Files.readAllBytes(file);
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @Property(tries = 200)
  void randomBytes(@ForAll("bytes") byte[] bytes) throws IOException {
    loadOrFailCleanly(bytes);
  }

  @Property(tries = 200)
  void truncations(@ForAll @IntRange(min = 0, max = 100_000) int cut) throws IOException {
    loadOrFailCleanly(java.util.Arrays.copyOf(valid, cut % valid.length));
  }

  @Property(tries = 400)
  void singleBitFlips(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position)
      throws IOException {
    byte[] flipped = valid.clone();
    int bit = position % (valid.length * 8);
    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
    loadOrFailCleanly(flipped);
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    // also zip-like noise: the local-header signature followed by random bytes
    Arbitrary<byte[]> zipLike = noise.map(b -> {
      byte[] out = new byte[b.length + 4];
      out[0] = 'P';
      out[1] = 'K';
      out[2] = 3;
      out[3] = 4;
      System.arraycopy(b, 0, out, 4, b.length);
      return out;
    });
    return Arbitraries.oneOf(noise, zipLike);
  }

  private static void loadOrFailCleanly(byte[] bytes) throws IOException {
    Path file = Files.createTempFile(dir, "case", ".ffnn");
    try {
      Files.write(file, bytes);
      try {
        ModelFile.load(file);
      } catch (ModelFormatException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith(file.toString())) {
          throw new AssertionError("no message naming the file: " + e.getMessage(), e);
        }
      } catch (RuntimeException | OutOfMemoryError e) {
        throw new AssertionError("a damaged model file ended in " + e, e);
      }
    } finally {
      Files.delete(file);
    }
  }
}

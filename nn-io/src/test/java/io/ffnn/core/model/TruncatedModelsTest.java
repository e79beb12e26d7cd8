package io.ffnn.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.internal.files.ModelArchive;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Scaler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory rule, measured: a damaged copy of the largest example model (the MNIST example's
 * 784-256-128-10 network, here with a scaler and the names a CSV of pixels would give, about 1.9
 * MB) is refused with a {@link ModelFormatException}, and reading it allocates no more than the
 * budget docs/data-and-models.md states: {@value #FACTOR} times the file's size plus the {@value
 * ModelArchive#MAX_JSON_TOTAL} bytes of JSON a file may hold — whatever was cut away.
 */
class TruncatedModelsTest {

  /** Bytes a load may allocate per byte of file, on top of the JSON budget. */
  static final int FACTOR = 4;

  @TempDir
  Path dir;

  private static long budget(long fileSize) {
    return FACTOR * fileSize + ModelArchive.MAX_JSON_TOTAL;
  }

  private static com.sun.management.ThreadMXBean bean() {
    return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  }

  /** Bytes this thread allocated while loading the file, and whether it loaded. */
  private static long[] load(Path file) throws IOException {
    com.sun.management.ThreadMXBean bean = bean();
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    boolean loaded;
    try {
      ModelFile.load(file);
      loaded = true;
    } catch (ModelFormatException e) {
      loaded = false;
    }
    return new long[] {bean.getThreadAllocatedBytes(id) - before, loaded ? 1 : 0};
  }

  private Path mnistModel() throws IOException {
    NetworkSpec spec = NetworkSpec.builder(784).layer(256, "relu").layer(128, "relu")
        .layer(10, "softmax").cost("cce").seed(1).build();
    Random rng = new Random(3);
    DMatrixRMaj X = new DMatrixRMaj(784, 20);
    for (int k = 0; k < X.data.length; k++) {
      X.data[k] = rng.nextDouble();
    }
    List<String> pixels = new ArrayList<>();
    for (int p = 0; p < 784; p++) {
      pixels.add("pixel" + p);
    }
    List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    Model model = new Model(Network.build(spec), Scaler.fit(Scaler.Kind.STANDARD, X),
        new DataNames(pixels, List.of("label"), digits));
    Path file = dir.resolve("mnist.ffnn");
    ModelFile.save(model, file);
    return file;
  }

  @Test
  void damagedCopiesOfTheLargestExampleModelAreRefusedWithinTheMemoryBudget()
      throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(bean().isThreadAllocatedMemorySupported()
        && bean().isThreadAllocatedMemoryEnabled());
    Path original = mnistModel();
    byte[] bytes = Files.readAllBytes(original);
    // the whole file loads, within the budget
    long[] whole = load(original);
    for (int k = 0; k < 3; k++) {
      whole = load(original); // warm: the first load also loads classes
    }
    assertEquals(1, whole[1]);
    assertTrue(whole[0] <= budget(bytes.length), "the whole file: " + whole[0] + " bytes for "
        + bytes.length);
    Random rng = new Random(14);
    Path damaged = dir.resolve("damaged.ffnn");
    long worst = 0;
    int trials = 0;
    List<Integer> cuts = new ArrayList<>(Arrays.asList(0, 1, 21, 22, 100, bytes.length - 1,
        bytes.length - 22, bytes.length - 23, bytes.length / 2));
    for (int k = 0; k < 120; k++) {
      cuts.add(rng.nextInt(bytes.length));
    }
    // truncations: the first n bytes
    for (int n : cuts) {
      byte[] cut = Arrays.copyOf(bytes, n);
      Files.write(damaged, cut);
      long[] r = load(damaged);
      assertEquals(0, r[1], "a truncation to " + n + " bytes loaded");
      assertTrue(r[0] <= budget(cut.length), "truncated to " + n + " bytes: allocated " + r[0]);
      worst = Math.max(worst, r[0] - FACTOR * (long) cut.length);
      trials++;
    }
    // holes: a span cut out of the middle, the central directory at the end kept, so the
    // archive opens and its entries' offsets and sizes lie
    for (int k = 0; k < 120; k++) {
      int from = rng.nextInt(bytes.length - 200);
      int to = from + 1 + rng.nextInt(Math.min(bytes.length - 100 - from, 1 << 20));
      byte[] holed = new byte[bytes.length - (to - from)];
      System.arraycopy(bytes, 0, holed, 0, from);
      System.arraycopy(bytes, to, holed, from, bytes.length - to);
      Files.write(damaged, holed);
      long[] r = load(damaged);
      assertEquals(0, r[1], "a hole " + from + ".." + to + " loaded");
      assertTrue(r[0] <= budget(holed.length), "hole " + from + ".." + to + ": allocated "
          + r[0] + " bytes for a file of " + holed.length);
      trials++;
    }
    System.out.println("loading the whole " + bytes.length + "-byte model allocated "
        + whole[0] + " bytes; " + trials + " damaged copies, worst excess over " + FACTOR
        + " × size: " + worst + " bytes");
  }
}

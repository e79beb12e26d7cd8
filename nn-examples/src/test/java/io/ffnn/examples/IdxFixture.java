package io.ffnn.examples;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A small MNIST-format directory for tests: 8×8 images whose class is the row of a stripe. */
public final class IdxFixture {

  private IdxFixture() {}

  /**
   * Writes the four standard files.
   *
   * @param dir the directory, created if needed
   * @return {@code dir}
   * @throws IOException if writing fails
   */
  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Random rng = new Random(1);
    write(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), 200,
        rng);
    write(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), 50, rng);
    return dir;
  }

  private static void write(Path images, Path labels, int count, Random rng) throws IOException {
    try (DataOutputStream img = new DataOutputStream(Files.newOutputStream(images));
         DataOutputStream lab = new DataOutputStream(Files.newOutputStream(labels))) {
      img.writeInt(0x00000803);
      img.writeInt(count);
      img.writeInt(8);
      img.writeInt(8);
      lab.writeInt(0x00000801);
      lab.writeInt(count);
      for (int i = 0; i < count; i++) {
        int label = rng.nextInt(8);
        lab.writeByte(label);
        for (int p = 0; p < 64; p++) {
          img.writeByte(p / 8 == label ? 200 + rng.nextInt(50) : rng.nextInt(40));
        }
      }
    }
  }
}

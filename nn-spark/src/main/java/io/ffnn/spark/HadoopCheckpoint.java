package io.ffnn.spark;

import io.ffnn.core.training.Checkpoint;
import io.ffnn.core.training.TrainingContext;
import io.ffnn.core.training.TrainingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;

/**
 * Checkpoints on a Hadoop file system path ({@code hdfs://…}, {@code s3a://…}, {@code file:…}):
 * {@link Checkpoint#every}'s checkpoint written to a local temporary file on the driver, then
 * copied next to the target and renamed over it, so that the previous checkpoint stays until
 * the new one is complete; and read back the same way.
 */
final class HadoopCheckpoint implements TrainingListener {

  private final org.apache.hadoop.fs.Path target;
  private final Configuration conf;
  private final Path local;
  private final TrainingListener writer;
  private final String description;

  HadoopCheckpoint(String target, int everyEpochs, Configuration conf) {
    this.target = new org.apache.hadoop.fs.Path(target);
    this.conf = conf;
    try {
      this.local = Files.createTempFile("ffnn-checkpoint", ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary file for a checkpoint: " + e.getMessage(), e);
    }
    this.writer = Checkpoint.every(local, everyEpochs);
    this.description = "checkpoints to " + target + " every " + everyEpochs + " epochs";
  }

  @Override
  public void trainingStart(TrainingContext context) {
    writer.trainingStart(context);
  }

  @Override
  public void epochEnd(TrainingContext context) {
    try {
      // the writer writes the file on the epochs it checkpoints: there is one only then
      Files.deleteIfExists(local);
      writer.epochEnd(context);
      if (Files.exists(local)) {
        copy(local, target, conf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the checkpoint " + target + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void trainingEnd(TrainingContext context) {
    try {
      Files.deleteIfExists(local);
    } catch (IOException e) {
      // a temporary file; the checkpoint itself is on the target's file system
    }
  }

  /** The local file copied to a temporary name beside the target, then renamed over it. */
  static void copy(Path from, org.apache.hadoop.fs.Path to, Configuration conf)
      throws IOException {
    FileSystem fs = to.getFileSystem(conf);
    org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(to.getParent(),
        "." + to.getName() + ".writing");
    try (OutputStream out = fs.create(tmp, true)) {
      Files.copy(from, out);
    }
    FileContext.getFileContext(to.toUri(), conf).rename(tmp, to, Options.Rename.OVERWRITE);
  }

  /** A checkpoint on a Hadoop file system path, copied to a local temporary file and loaded. */
  static Checkpoint load(String path, Configuration conf) throws IOException {
    org.apache.hadoop.fs.Path from = new org.apache.hadoop.fs.Path(path);
    Path local = Files.createTempFile("ffnn-checkpoint", ".tmp");
    try {
      try (InputStream in = from.getFileSystem(conf).open(from)) {
        Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
      }
      return Checkpoint.load(local);
    } finally {
      Files.deleteIfExists(local);
    }
  }

  @Override
  public String toString() {
    return description;
  }
}

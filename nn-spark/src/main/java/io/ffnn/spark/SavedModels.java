package io.ffnn.spark;

import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.sql.SparkSession;

/**
 * Spark ML persistence of ffnn's Spark models: Spark's params metadata and, under {@value
 * #MODEL_FILE}, ffnn's own model file, on any path Hadoop's file systems reach.
 */
final class SavedModels {

  /** The model file's place inside a saved model's directory. */
  static final String MODEL_FILE = "ffnn/model.ffnn";

  private SavedModels() {}

  /** Writes the params metadata of {@code owner} and the model file of {@code model}. */
  static void save(Params owner, io.ffnn.core.model.Model model, String path,
      SparkSession session) {
    DefaultParamsWriter$.MODULE$.saveMetadata(owner, path, session);
    try {
      java.nio.file.Path local = Files.createTempFile("ffnn-model-", ".ffnn");
      try {
        ModelFile.save(model, local);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
        FileSystem fs = target.getFileSystem(session.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(target, true)) {
          Files.copy(local, out);
        }
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the ffnn model to " + path + ": "
          + e.getMessage(), e);
    }
  }

  /** A saved model's params metadata and model file, with all of ffnn's checks. */
  record Loaded(DefaultParamsReader.Metadata metadata, io.ffnn.core.model.Model model) {}

  static Loaded load(String path, SparkSession session, String className) {
    DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path,
        session, className);
    try {
      java.nio.file.Path local = Files.createTempFile("ffnn-model-", ".ffnn");
      try {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
        FileSystem fs = source.getFileSystem(session.sparkContext().hadoopConfiguration());
        try (InputStream in = fs.open(source)) {
          Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Loaded(metadata, ModelFile.load(local));
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the ffnn model saved in " + path + ": "
          + e.getMessage(), e);
    }
  }
}

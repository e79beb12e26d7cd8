package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.Workspace;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.data.Csv;
import io.ffnn.core.data.CsvFormat;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Idx;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.testing.train.Pinned;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a dataset that holds its inputs otherwise than as a matrix (IDX bytes, a CSV file's
 * rows, inputs read scaled) gathers its batches from what is held, without a copy of the inputs, and trains the
 * same network to the bit as the scaled matrix does: weights and history, in both precisions, on
 * one thread and two, with and without a validation split and the example-major copy.
 */
class HeldInputsTrainingTest {

  @TempDir
  Path dir;

  /** {@code m} images of 4×5 pixels, a class 0…2 each, whose pixels tell the class apart. */
  private Dataset images(int m, long seed) throws IOException {
    Random rng = new Random(seed);
    ByteArrayOutputStream img = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(img);
    out.writeInt(Idx.IMAGES_MAGIC);
    out.writeInt(m);
    out.writeInt(4);
    out.writeInt(5);
    ByteArrayOutputStream lab = new ByteArrayOutputStream();
    DataOutputStream lout = new DataOutputStream(lab);
    lout.writeInt(Idx.LABELS_MAGIC);
    lout.writeInt(m);
    for (int i = 0; i < m; i++) {
      int c = rng.nextInt(3);
      lout.writeByte(c);
      for (int p = 0; p < 20; p++) {
        out.writeByte(Math.min(255, rng.nextInt(120) + (p % 3 == c ? 100 : 0)));
      }
    }
    Path images = dir.resolve("images-" + m);
    Path labels = dir.resolve("labels-" + m);
    Files.write(images, img.toByteArray());
    Files.write(labels, lab.toByteArray());
    return Idx.read(images, labels, 3);
  }

  private static Network network(Precision precision) {
    return Network.build(NetworkSpec.builder(20).layer(8, "relu").layer(3, "softmax")
        .cost("cce").seed(7).precision(precision).build(), PluginRegistry.getDefault(),
        Backends.byName("ejml"));
  }

  private static Trainer trainer(int threads, boolean copy, double validation) {
    Trainer.Builder b = Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.adam(0.01)).epochs(3).batchSize(16).seed(5).threads(threads)
        .exampleMajorCopy(copy).build());
    return validation > 0 ? b.validationFraction(validation).build() : b.build();
  }

  @Test
  void bytesAndScaledInputsTrainAsTheScaledMatrixDoes() throws IOException {
    Dataset data = images(150, 1);
    Scaler scaler = Scaler.fit(Scaler.Kind.STANDARD, data);
    DMatrixRMaj scaledX = scaler.transform(data.X());
    Dataset heldAsBytes = data.scaled(scaler, null);
    Dataset heldAsColumns = new Dataset(data.X(), data.Y(), 3, List.of()).scaled(scaler, null);
    // the same numbers written to a CSV file, read back as whole examples in double
    StringBuilder csv = new StringBuilder();
    for (int p = 0; p < 20; p++) {
      csv.append("x").append(p).append(',');
    }
    csv.append("label\n");
    int[] labels = Dataset.labels(data.Y());
    DMatrixRMaj X = data.X();
    for (int i = 0; i < X.numCols; i++) {
      for (int p = 0; p < 20; p++) {
        csv.append(X.get(p, i)).append(',');
      }
      csv.append(labels[i]).append('\n');
    }
    Path file = dir.resolve("images.csv");
    Files.writeString(file, csv);
    Dataset read = Csv.read(file, CsvFormat.labelColumn("label"));
    assertEquals(Scaler.fit(Scaler.Kind.STANDARD, data.X()),
        read.encoding().get().fitScaler(Scaler.Kind.STANDARD, read));
    Dataset heldAsRows = read.scaled(scaler, null);
    for (Precision precision : Precision.values()) {
      for (int threads : new int[] {1, 2}) {
        for (boolean copy : new boolean[] {true, false}) {
          for (double validation : new double[] {0, 0.2}) {
            String what = precision + ", " + threads + " thread(s), copy " + copy
                + ", validation " + validation;
            Network expected = network(precision);
            History h = trainer(threads, copy, validation).fit(expected, scaledX, data.Y());
            for (Dataset held : new Dataset[] {heldAsBytes, heldAsColumns, heldAsRows}) {
              Network net = network(precision);
              History g = trainer(threads, copy, validation).fit(net, held);
              assertEquals(Pinned.weights(expected), Pinned.weights(net), what);
              assertEquals(Pinned.history(h), Pinned.history(g), what);
            }
          }
        }
      }
    }
  }

  @Test
  void aLargeValidationSetIsForwardedInChunksWithTheLossOfOnePass() throws IOException {
    int m = 2 * Trainer.VALIDATION_CHUNK + 500;
    Dataset data = images(m, 2);
    Network net = network(Precision.FLOAT64);
    History h = trainer(1, true, 0.5).fit(net, data);
    // the validation part: the last half of the configuration's shuffle
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    TrainingConfig.shuffle(order, new Random(5));
    int nVal = m / 2;
    assertTrue(nVal > Trainer.VALIDATION_CHUNK);
    DMatrixRMaj valX = new DMatrixRMaj(1, 1);
    DMatrixRMaj valY = new DMatrixRMaj(1, 1);
    data.batch(order, m - nVal, m, valX, valY);
    Workspace ws = net.newWorkspace();
    double J = net.forward(valX, valY, ws);
    assertEquals(J, h.last().get("val_loss"), 1e-12 * Math.abs(J));
    int right = 0;
    int[] predicted = Dataset.labels(ws.A(2));
    int[] truth = Dataset.labels(valY);
    for (int i = 0; i < nVal; i++) {
      right += predicted[i] == truth[i] ? 1 : 0;
    }
    assertEquals((double) right / nVal, h.last().get("val_accuracy"), 0.0);
  }

  @Test
  void theBudgetCountsTheBytesHeldNotADoubleMatrix() throws IOException {
    Dataset data = images(400, 3);
    Network net = network(Precision.FLOAT32);
    TrainingConfig config = TrainingConfig.builder().batchSize(32).build();
    MemoryBudget budget = new MemoryBudget(MemoryBudget.Shape.of(net), config, List.of());
    var held = io.ffnn.core.internal.data.DatasetAccess.inputs(data);
    long asBytes = budget.estimate(400, 400, 0, false, false, held, false, new java.util.ArrayList<>());
    long asDoubles = budget.estimate(400, 400, 0, false, false, new java.util.ArrayList<>());
    // the double matrix and its float copy (12 bytes an entry) against a byte an entry and the
    // tables of 256 values per feature
    assertEquals(400L * 20 * 12 - (400L * 20 + 12L * 20 * 256) + 64L * 400,
        asDoubles - asBytes);
  }
}

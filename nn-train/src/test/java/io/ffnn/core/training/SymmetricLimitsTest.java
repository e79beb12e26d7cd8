package io.ffnn.core.training;

import io.ffnn.core.model.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.internal.files.ModelArchive;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.metrics.Correct;
import io.ffnn.core.metrics.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ffnn builds and saves, it loads; what it loads is finite; a NaN output is never right.
 */
class SymmetricLimitsTest {

  @TempDir
  Path dir;

  @Test
  void randomValidNetworksSavedAlwaysLoadWithTheSameWeights() throws IOException {
    PluginRegistry registry = PluginRegistry.getDefault();
    List<PluginInfo> activations = registry.activations();
    Random rng = new Random(12);
    for (int trial = 0; trial < 40; trial++) {
      NetworkSpec.Builder b = NetworkSpec.builder(1 + rng.nextInt(6));
      int hidden = rng.nextInt(4);
      for (int l = 0; l < hidden; l++) {
        b.layer(1 + rng.nextInt(9), activations.get(rng.nextInt(activations.size())).name());
        if (rng.nextBoolean()) {
          b.dropout(rng.nextDouble() * 0.9);
        }
      }
      b.layer(1 + rng.nextInt(5), "identity").cost(rng.nextBoolean() ? "mse" : "huber")
          .seed(rng.nextLong());
      Network net = Network.build(b.build());
      Path file = dir.resolve("n" + trial + ".ffnn");
      ModelFile.save(new Model(net, null), file);
      Network loaded = ModelFile.load(file).network();
      // the loaded network describes and weighs itself byte for byte as the saved one
      Map<String, byte[]> saved = ModelFile.entries(new Model(net, null));
      Map<String, byte[]> again = ModelFile.entries(new Model(loaded, null));
      for (String entry : saved.keySet()) {
        assertArrayEquals(saved.get(entry), again.get(entry), net.spec() + ": " + entry);
      }
    }
    // the deepest network ffnn builds is one it can save and load; one layer more is refused
    // when it is built, before any training could be lost
    NetworkSpec.Builder deep = NetworkSpec.builder(1);
    for (int l = 0; l < NetworkSpec.MAX_LAYERS; l++) {
      deep.layer(1, "identity");
    }
    Network deepest = Network.build(deep.cost("mse").build());
    Path file = dir.resolve("deep.ffnn");
    ModelFile.save(new Model(deepest, null), file);
    assertEquals(NetworkSpec.MAX_LAYERS, ModelFile.load(file).network().depth());
    IllegalStateException tooDeep = assertThrows(IllegalStateException.class,
        () -> deep.layer(1, "identity").build());
    assertEquals("a network of 10000 layers; ffnn builds, saves and loads up to 9999",
        tooDeep.getMessage());
  }

  @Test
  void nonFiniteWeightsAreNeitherSavedNorLoaded() throws IOException {
    Network net = Network.build(NetworkSpec.builder(2).layer(3, "tanh").layer(1, "sigmoid")
        .cost("bce").seed(2).build());
    Map<String, byte[]> entries = ModelFile.entries(new Model(net, null));
    org.ejml.data.DMatrixRMaj W2 = net.W(2);
    W2.set(0, 1, Double.NaN);
    net.setParameter(net.layout().weights(2), W2);
    IllegalArgumentException save = assertThrows(IllegalArgumentException.class,
        () -> ModelFile.save(new Model(net, null), dir.resolve("nan.ffnn")));
    assertEquals("cannot save a model with a non-finite weight, W[2][0,1] = NaN; a model file "
        + "holds finite weights only", save.getMessage());
    // a file whose weights were written as NaN by something else is refused, naming the entry
    byte[] weights = entries.get("weights.bin").clone();
    // W[1] is 3x2, b[1] 3x1: W[2][0,1] is entry 6 + 3 + 1
    java.nio.ByteBuffer.wrap(weights).putDouble(8 * (6 + 3 + 1), Double.POSITIVE_INFINITY);
    entries.put("weights.bin", weights);
    Path file = dir.resolve("inf.ffnn");
    ModelArchive.write(file, entries);
    ModelFormatException load = assertThrows(ModelFormatException.class,
        () -> ModelFile.load(file));
    assertEquals(file + ": entry weights.bin holds a non-finite weight, W[2][0,1] = Infinity; a "
        + "model with non-finite weights cannot predict", load.getMessage());
  }

  @Test
  void aNanOutputIsNeverRight() {
    DMatrixRMaj Yhat = new DMatrixRMaj(new double[][] {{Double.NaN, 0.9}, {0.2, 0.1}});
    DMatrixRMaj Y = new DMatrixRMaj(new double[][] {{1, 1}, {0, 0}});
    // column 0 holds a NaN: class 0 cannot be its answer, though a NaN compares as 'not larger'
    assertEquals(1, Correct.count(Task.MULTICLASS, Yhat, Y, 0.5));
    ClassificationMetrics m = ClassificationMetrics.of(Yhat, Y, 0.5);
    assertEquals(0.5, m.accuracy());
    assertEquals(0.5, m.recall(0));
    assertEquals(-1, ClassificationMetrics.argmax(Yhat, 0));
    DMatrixRMaj binary = new DMatrixRMaj(new double[][] {{Double.NaN, 0.2, 0.8}});
    DMatrixRMaj targets = new DMatrixRMaj(new double[][] {{0, 0, 1}});
    assertEquals(2, Correct.count(Task.BINARY, binary, targets, 0.5));
    assertEquals(2.0 / 3, ClassificationMetrics.of(binary, targets, 0.5).accuracy(), 1e-15);
    // multi-label: the NaN label is wrong, the others count
    io.ffnn.core.metrics.MultiLabelMetrics labels = io.ffnn.core.metrics.MultiLabelMetrics.of(
        new DMatrixRMaj(new double[][] {{Double.NaN}, {0.2}}),
        new DMatrixRMaj(new double[][] {{0}, {0}}), 0.5);
    assertEquals(0.5, labels.hammingLoss(), 1e-15);
  }
}

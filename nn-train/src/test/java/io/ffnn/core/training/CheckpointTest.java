package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.model.ModelFormatException;
import io.ffnn.core.optimizers.Optimizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  @TempDir
  Path dir;

  private static final NetworkSpec SPEC = NetworkSpec.builder(2).layer(16, "relu").dropout(0.2)
      .layer(12, "tanh").layer(3, "softmax").cost("cce").seed(4).build();

  private Trainer trainer(Path checkpoint) {
    Trainer.Builder b = Trainer.builder(TrainingConfig.builder()
        .optimizer(Optimizers.fromSpec("adam(lr=0.01, l2=1e-4)"))
        .epochs(12).batchSize(16).seed(21)
        .schedule(LearningRateSchedule.reduceOnPlateau(0.5, 2, 1e-3, 1e-4)).build())
            .validationFraction(0.2)
        .earlyStopping(EarlyStopping.minimize("val_loss").patience(50));
    if (checkpoint != null) {
      b.checkpoint(checkpoint, 5);
    }
    return b.build();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Precision.class)
  void resumingFromACheckpointEndsExactlyWhereTheUninterruptedRunEnds(Precision precision)
      throws IOException {
    Dataset data = Generated.spirals(3, 40, 0.2, 2);
    NetworkSpec spec = SPEC.withPrecision(precision);
    Network uninterrupted = Network.build(spec);
    History full = trainer(null).fit(uninterrupted, data);

    // the same run, checkpointing every 5 epochs; pretend it died after epoch 10
    Path file = dir.resolve("run.ckpt");
    Network first = Network.build(spec);
    trainer(file).fit(first, data);
    Checkpoint checkpoint = Checkpoint.load(file);
    assertEquals(10, checkpoint.epoch());
    assertEquals(10, checkpoint.history().size());
    assertEquals(full.epochs().get(9).metrics(), checkpoint.history().get(9).metrics());

    History resumed = trainer(null).resume(checkpoint, data.X(), data.Y());
    Network net = checkpoint.network();
    for (int l = 1; l <= 3; l++) {
      assertArrayEquals(uninterrupted.W(l).data, net.W(l).data, 0.0, "W[" + l + "]");
      assertArrayEquals(uninterrupted.b(l).data, net.b(l).data, 0.0, "b[" + l + "]");
    }
    assertEquals(full, resumed);
    // a checkpoint is a model file too
    double[] asModel = new double[net.parameterCount()];
    ModelFile.load(file).network().getParameters(asModel);
    double[] asCheckpoint = new double[net.parameterCount()];
    Checkpoint.load(file).network().getParameters(asCheckpoint);
    assertArrayEquals(asCheckpoint, asModel, 0.0);
  }

  @Test
  void aCheckpointNeedsTheSameSettingsAndAModelFileIsNotOne() throws IOException {
    Dataset data = Generated.spirals(3, 20, 0.2, 2);
    Path file = dir.resolve("run.ckpt");
    trainer(file).fit(Network.build(SPEC), data);
    Checkpoint checkpoint = Checkpoint.load(file);
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(TrainingConfig.builder().epochs(12).batchSize(8).seed(21).build())
            .build()
            .resume(checkpoint, data.X(), data.Y()));
    assertTrue(other.getMessage().contains("seed 21, batch size 16 and 12 epochs"),
        other.getMessage());
    Path model = dir.resolve("model.ffnn");
    ModelFile.save(new io.ffnn.core.model.Model(Network.build(SPEC), null), model);
    ModelFormatException notCheckpoint = assertThrows(ModelFormatException.class,
        () -> Checkpoint.load(model));
    assertTrue(notCheckpoint.getMessage().contains("a model file is not a checkpoint"),
        notCheckpoint.getMessage());
    assertTrue(Files.size(file) > Files.size(model));
  }
}

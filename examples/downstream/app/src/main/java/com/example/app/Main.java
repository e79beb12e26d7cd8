package com.example.app;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Trains a network that uses the plugin module's activation and cost, saves it (to the path the
 * first argument names, if any), loads it back and checks that the loaded model predicts exactly
 * what the trained one does. Exits with 1 if not.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    Dataset data = Generated.spirals(3, 60, 0.1, 1);
    Network network = Network.build(NetworkSpec.builder(2).layer(32, "tanh")
        .layer(16, "l2_normalize").layer(3, "softmax").cost("smoothed_cce(smoothing=0.05)")
        .seed(3).build());
    History history = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.02))
        .epochs(60)
        .batchSize(16).seed(4).build()).build().fit(network, data);
    // the model file goes where the first argument says, for the inference-only app to read
    Path file = args.length > 0 ? Path.of(args[0])
        : Files.createTempDirectory("downstream").resolve("model.ffnn");
    ModelFile.save(new Model(network, null), file);
    Model loaded = ModelFile.load(file);
    DMatrixRMaj trained = network.predict(data.X());
    DMatrixRMaj reloaded = loaded.predict(data.X());
    boolean same = Arrays.equals(trained.data, reloaded.data);
    String where = Main.class.getModule().isNamed() ? "module path" : "class path";
    System.out.printf("downstream app on the %s: %s, loss %.4f -> %.4f, accuracy %.3f, "
        + "reloaded predictions %s%n", where, loaded.network().spec(),
        history.epochs().get(0).get("loss"), history.last().get("loss"),
        history.last().get("accuracy"), same ? "identical" : "DIFFERENT");
    if (!same || history.last().get("accuracy") < 0.8) {
      System.exit(1);
    }
  }
}

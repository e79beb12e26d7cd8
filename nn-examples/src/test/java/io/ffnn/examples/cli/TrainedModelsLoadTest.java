package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.examples.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A property of the tool: whatever valid network {@code train} builds and saves, on whatever
 * data, loads again with the same description, and {@code eval} reads it back on that data.
 */
class TrainedModelsLoadTest {

  @TempDir
  Path dir;

  private Path csv(Random rng, boolean classes) throws IOException {
    StringBuilder sb = new StringBuilder("a,b,c,target\n");
    for (int i = 0; i < 30; i++) {
      double a = rng.nextGaussian();
      double b = rng.nextGaussian();
      double c = rng.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,", a, b, c))
          .append(classes ? (a + b > 0 ? "yes" : c > 0 ? "no" : "maybe")
              : String.format(Locale.ROOT, "%.4f", a - 2 * b))
          .append('\n');
    }
    return Files.writeString(dir.resolve(classes ? "classes.csv" : "values.csv"), sb);
  }

  @Test
  void randomValidNetworksSavedByTrainAlwaysLoad() throws IOException {
    Random rng = new Random(7);
    List<String> hidden = PluginRegistry.getDefault().activations().stream()
        .map(PluginInfo::defaultSpec).toList();
    String[] scales = {"none", "standard", "min_max"};
    Path classes = csv(rng, true);
    Path values = csv(rng, false);
    for (int trial = 0; trial < 12; trial++) {
      List<String> args = new ArrayList<>(List.of("train", "--epochs", "2", "--seed",
          String.valueOf(trial)));
      StringBuilder layers = new StringBuilder();
      for (int l = rng.nextInt(4); l > 0; l--) {
        layers.append(layers.length() == 0 ? "" : ",").append(1 + rng.nextInt(12));
      }
      args.addAll(List.of("--layers", layers.toString(), "--activation",
          hidden.get(rng.nextInt(hidden.size())), "--scale", scales[rng.nextInt(3)]));
      List<String> data = switch (trial % 5) {
        case 0 -> List.of("--data", "csv:" + classes, "--label-column", "target");
        case 1 -> List.of("--data", "csv:" + values, "--target-columns", "target");
        case 2 -> List.of("--data", "blobs");
        case 3 -> List.of("--data", "multilabel");
        default -> List.of("--data", "xor");
      };
      args.addAll(data);
      Path file = dir.resolve("m" + trial + ".ffnn");
      args.addAll(List.of("--save", file.toString()));
      Run r = CliTest.run(args.toArray(String[]::new));
      String what = String.join(" ", args);
      assertEquals(0, r.status(), what + "\n" + r.err());
      Model model = ModelFile.load(file);
      String description = r.out().lines().filter(l -> l.startsWith("training ")).findFirst()
          .orElseThrow();
      // "training SPEC with OPTIMIZER on DATA": the loaded network is the one trained; how its
      // weights were first drawn is no part of a model file (the tool draws Xavier's, a loaded
      // spec says AUTO)
      assertEquals(description.substring(9, description.indexOf(" with "))
          .replace(", XAVIER_UNIFORM, ", ", AUTO, "), model.network().spec().toString(), what);
      List<String> eval = new ArrayList<>(List.of("eval", "--model", file.toString()));
      eval.addAll(data);
      Run e = CliTest.run(eval.toArray(String[]::new));
      assertEquals(0, e.status(), what + "\n" + e.err());
    }
  }
}

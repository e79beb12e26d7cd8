package io.ffnn.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.testing.train.Pinned;
import io.ffnn.core.Precision;
import io.ffnn.core.backend.Backend;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.History;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.openblas.global.openblas_full;
import org.junit.jupiter.api.Test;

/**
 * Seeded training runs on nn-blas's backends, in both precisions, pinned by SHA-256 of the final
 * weights and of the history ({@link Pinned}): a redesign of how a network stores and updates its
 * parameters must leave every bit of them as it was. The pure-Java BLAS gives the same bits on
 * every processor. OpenBLAS picks its kernels for the processor it runs on, and kernels differ in
 * how they order the sums, so its pins are recorded per kernel set ({@code
 * openblas_get_corename}); on a processor without recorded pins its runs are still required to be
 * reproducible, run against run.
 */
class BlasPinnedRunsTest {

  private static final Dataset SPIRALS = Generated.spirals(3, 40, 0.2, 2);

  private static NetworkSpec spec(Precision precision, boolean dropout) {
    NetworkSpec.Builder b = NetworkSpec.builder(2).layer(16, "relu");
    if (dropout) {
      b.dropout(0.2);
    }
    return b.layer(12, "tanh").layer(3, "softmax").cost("cce").seed(4).precision(precision)
        .build();
  }

  /** The runs: name, network, and how it is trained. */
  private static final Map<String, Function<Network, History>> RUNS = Map.of(
      "sgd", net -> Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.1))
          .epochs(6).batchSize(16)
          .seed(3).build()).build().fit(net, SPIRALS),
      "adam+l2+clip", net -> Trainer.builder(TrainingConfig.builder()
          .optimizer(Optimizers.fromSpec("adam(lr=0.02, l2=0.001, clip_norm=0.5)")).epochs(6)
          .batchSize(16).seed(3).exampleMajorCopy(false).build()).build().fit(net, SPIRALS),
      "2 threads", net -> Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.01))
          .epochs(6)
          .batchSize(16).seed(5).threads(2).build()).build().fit(net, SPIRALS));

  private static String run(Backend backend, Precision precision, String name) {
    Network net = Network.build(spec(precision, name.equals("2 threads")),
        PluginRegistry.getDefault(), backend);
    History history = RUNS.get(name).apply(net);
    return Pinned.weights(net) + " " + Pinned.history(history);
  }

  private static void check(Backend backend, Map<String, String> pins) {
    StringBuilder now = new StringBuilder();
    for (Precision precision : Precision.values()) {
      for (String name : new String[] {"sgd", "adam+l2+clip", "2 threads"}) {
        String key = precision + " " + name;
        String actual = run(backend, precision, name);
        now.append("      \"").append(key).append("\", \"").append(actual).append("\",\n");
        String expected = pins.get(key);
        if (expected == null) {
          assertEquals(actual, run(backend, precision, name), key + " is not reproducible");
        } else {
          assertEquals(expected, actual, backend.name() + " " + key + "; every run now gives\n"
              + now);
        }
      }
    }
    if (pins.isEmpty()) {
      // what to record for this kernel set
      System.out.println(backend.description() + ", kernels " + kernels(backend) + ":\n" + now);
    }
  }

  /** Which kernels the backend runs: OpenBLAS's core name, or the Java BLAS implementation. */
  private static String kernels(Backend backend) {
    return backend instanceof OpenBlasBackend ? openblas_full.openblas_get_corename().getString()
        : dev.ludovic.netlib.blas.JavaBLAS.getInstance().getClass().getSimpleName();
  }

  private static void checkFor(Backend backend, Map<String, Map<String, String>> byKernels) {
    check(backend, byKernels.getOrDefault(kernels(backend), Map.of()));
  }

  @Test
  void javaBlas() {
    checkFor(new JavaBlasBackend(), Map.of("Java11BLAS", Map.of(
        
        "float64 sgd", "e9a5e15b578b8c727d742f94a7bf87dc29566dcc49842eda15df184b5704cd6d 89249ccaf29cf03cba7bb4b17544b4936e2c5b72821920bbc39449d3dafd9bb4",
        "float64 adam+l2+clip", "5a8bbb0c36019a467b6f74b778552965ac09e54c6471d512f9c9c396ea56d460 0ea22691416f02f56853c27a1f9a81617845b60cdfa848ca9641c75cc3afa62c",
        "float64 2 threads", "f7be1669f29a6490979742b675d590c51e28f506ba1724370ca5475e6d0adabe e98664b6a6e13ffd93a8aa2bf2a6f662b856fe69357d405b108f371d45ae6c38",
        "float32 sgd", "d4cf4919edd10231a24583beec219d745ed116a0593948a88cee86f5b1a1a79a af5a25526769a42e0b916e098fea0dce0bb17c0c115084a22858140e0d5ce5a4",
        "float32 adam+l2+clip", "3175fdb27e2316639e2243c06050d6a6f0ffb425525071e87c3aed7b1570b00c c18c94a2068a4721f70773eac6aba34454c69d5888b839c854b5425cf5977fa0",
        "float32 2 threads", "fb723b9664a641519b876ba6d432c96b3a8b63f004e31a7bd0c683bcb6c3ac71 d8b1d76a4a7742045c1a5a46de1047ca5082e04961785bb967e56c3eaaffe8d1")));
  }

  @Test
  void openBlas() {
    // Haswell: the AVX2 kernels, what -Dffnn.blas.coretype=Haswell runs on that processor
    checkFor(new OpenBlasBackend(), Map.of("Haswell", Map.of(
        
        "float64 sgd", "098f3a0b056df889e3793232933e7302e843075b4878323929e9e471fee4ab32 23d18e9b3da3c05fde95ed8ee9289ba00337a533f18dababa505193d9204f28e",
        "float64 adam+l2+clip", "0259dce32941caead9235e156deb80be9b241b8e2848a298ce195255db262c70 0ea22691416f02f56853c27a1f9a81617845b60cdfa848ca9641c75cc3afa62c",
        "float64 2 threads", "5550f4f2b5498f57d9d88d51cbb258b60a5677e24590355d80d5cef8bd0397f1 e98664b6a6e13ffd93a8aa2bf2a6f662b856fe69357d405b108f371d45ae6c38",
        "float32 sgd", "4ac13b642c6304a2d39eadfe82d818dc397f2a0f27f99f74b77e5c474f684181 939ed3c3809da158a19f21126123472ea2b92858a56ff8fac8930cf1d4e3d094",
        "float32 adam+l2+clip", "1034099eda73b9c74baf4ca1ebb3e1a81a5d15dca1546bd6c3db568da094362d 4729128dd0846654bbf81b786083defe031c14e4e04853a23f4577d02162f619",
        "float32 2 threads", "0b73b3a19ca6ac6ddbb5503d3a521407335d818499c2af2b715094641077f5fb ec5cc0b16481ce6e17103b9e60a0fd6410f1a8fd25be0ccf3e3edc801ee7e299"),
        // what OpenBLAS detects on the same AVX-512 processor (AMD family 26)
        "Cooperlake", Map.of(
        "float64 sgd", "e9a5e15b578b8c727d742f94a7bf87dc29566dcc49842eda15df184b5704cd6d 89249ccaf29cf03cba7bb4b17544b4936e2c5b72821920bbc39449d3dafd9bb4",
        "float64 adam+l2+clip", "5a8bbb0c36019a467b6f74b778552965ac09e54c6471d512f9c9c396ea56d460 0ea22691416f02f56853c27a1f9a81617845b60cdfa848ca9641c75cc3afa62c",
        "float64 2 threads", "3125ecb2741a1f97f3502b256eeb65214726769f170313ab75d4869a684a5192 b8675dc7b6db89d5e0b415490f1f50251014adc91db97604766802b7aa6f3787",
        "float32 sgd", "d4cf4919edd10231a24583beec219d745ed116a0593948a88cee86f5b1a1a79a af5a25526769a42e0b916e098fea0dce0bb17c0c115084a22858140e0d5ce5a4",
        "float32 adam+l2+clip", "3175fdb27e2316639e2243c06050d6a6f0ffb425525071e87c3aed7b1570b00c c18c94a2068a4721f70773eac6aba34454c69d5888b839c854b5425cf5977fa0",
        "float32 2 threads", "fb723b9664a641519b876ba6d432c96b3a8b63f004e31a7bd0c683bcb6c3ac71 d8b1d76a4a7742045c1a5a46de1047ca5082e04961785bb967e56c3eaaffe8d1")));
  }
}

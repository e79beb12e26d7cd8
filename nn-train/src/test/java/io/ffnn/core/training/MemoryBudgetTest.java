package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Precision;
import io.ffnn.core.optimizers.Optimizers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The memory budget of a run: the estimate's parts against hand counts, and, in JVMs of 1 GiB,
 * that the largest run the budget accepts trains without running out of memory while the next
 * size up is refused by {@link Trainer#fit} before it starts.
 */
class MemoryBudgetTest {

  private static final int[] N = {10, 100, 50, 3};
  /** {@code P} of {@link #N}. */
  private static final long P = 100 * 11 + 50 * 101 + 3 * 51;
  private static final long S = 100 + 50 + 3;

  private static long estimate(Precision precision, String optimizer, int threads,
      boolean dropout, List<TrainingListener> listeners, int m, int mVal, List<String> parts) {
    TrainingConfig config = TrainingConfig.builder().optimizer(Optimizers.fromSpec(optimizer))
        .batchSize(32).threads(threads).exampleMajorCopy(false).build();
    boolean[] dropped = {false, dropout, dropout, false};
    return new MemoryBudget(new MemoryBudget.Shape(N, dropped, precision, 3), config, listeners)
        .estimate(m, m - mVal, mVal, false, false, parts);
  }

  /** The bytes of weights, optimizer and workspace of one thread, batches of 32, no data. */
  private static long core(long w, long optimizerPerEntry, long perColumn) {
    return w * P + optimizerPerEntry * P + (w * P + 32 * perColumn);
  }

  @Test
  void theOptimizersStateIsCountedByRule() {
    // batch of 32: Z, A, dZ, dA (32 S), the batch's inputs (8 n0) and targets (8 r)
    long column = 32 * S + 8 * 10 + 8 * 3;
    long data = 100L * (8 * 10 + 8 * 3) + 8 * 100;
    assertEquals(core(8, 0, column) + data,
        estimate(Precision.FLOAT64, "sgd(lr=0.1)", 1, false, List.of(), 100, 0, new ArrayList<>()));
    assertEquals(core(8, 8, column) + data, estimate(Precision.FLOAT64, "momentum(lr=0.1)", 1,
        false, List.of(), 100, 0, new ArrayList<>()));
    assertEquals(core(8, 16, column) + data,
        estimate(Precision.FLOAT64, "adam", 1, false, List.of(), 100, 0, new ArrayList<>()));
    assertEquals(core(8, 24, column) + data,
        estimate(Precision.FLOAT64, "amsgrad", 1, false, List.of(), 100, 0, new ArrayList<>()));
    // clipping prepares a double copy of the gradients
    assertEquals(core(8, 24, column) + data, estimate(Precision.FLOAT64,
        "adam(clip_norm=1)", 1, false, List.of(), 100, 0, new ArrayList<>()));
  }

  @Test
  void float32CountsItsFloatAndDoubleBuffers() {
    // Z, A, dZ, dA in double and float (48 S), the batch in double and rounded (8 + 4) n0
    long column = 48 * S + 12 * 10 + 8 * 3;
    long data = 100L * (8 * 10 + 8 * 3) + 8 * 100;
    assertEquals(core(4, 16, column) + data,
        estimate(Precision.FLOAT32, "adam", 1, false, List.of(), 100, 0, new ArrayList<>()));
    // AdaGrad has no float form: the default one widens entries and gradients (16 P more);
    // RMSProp has one, by blocks
    assertEquals(core(4, 8 + 16, column) + data,
        estimate(Precision.FLOAT32, "adagrad", 1, false, List.of(), 100, 0, new ArrayList<>()));
    assertEquals(core(4, 8, column) + data,
        estimate(Precision.FLOAT32, "rmsprop", 1, false, List.of(), 100, 0, new ArrayList<>()));
    // a prepared step: the optimizer's double gradients, and the network's widened weights and
    // gradients
    assertEquals(core(4, 16 + 8 + 16, column) + data, estimate(Precision.FLOAT32,
        "adam(l2=0.001)", 1, false, List.of(), 100, 0, new ArrayList<>()));
  }

  @Test
  void threadsDropoutValidationAndListenersAddTheirParts() {
    long column = 32 * S + 8 * 10 + 8 * 3;
    long data = 100L * (8 * 10 + 8 * 3) + 8 * 100;
    long base = core(8, 16, column) + data;
    // two threads: a second workspace with gradients and half a batch
    assertEquals(base + 8 * P + 16 * column,
        estimate(Precision.FLOAT64, "adam", 2, false, List.of(), 100, 0, new ArrayList<>()));
    // dropout on both hidden layers: a mask and the masked activations, 16 bytes a unit
    assertEquals(base + 32 * 16 * (100 + 50),
        estimate(Precision.FLOAT64, "adam", 1, true, List.of(), 100, 0, new ArrayList<>()));
    // 20 held back: the validation inputs gathered, the targets of both parts, the training
    // part's index, and a forward pass over the validation set (Z and A)
    List<String> parts = new ArrayList<>();
    assertEquals(base + 20L * 8 * 10 + 100 * 8 * 3 + 4 * 80 + 20 * 16 * S,
        estimate(Precision.FLOAT64, "adam", 1, false, List.of(), 100, 20, parts));
    assertTrue(parts.contains("validation pass over 20 examples 0.0 MB"), parts.toString());
    // early stopping keeps the best weights in double
    assertEquals(base + 8 * P, estimate(Precision.FLOAT64, "adam", 1, false,
        List.of(EarlyStopping.minimize("loss")), 100, 0, new ArrayList<>()));
    assertEquals(base, estimate(Precision.FLOAT64, "adam", 1, false,
        List.of(EarlyStopping.minimize("loss").restoreBestWeights(false)), 100, 0,
        new ArrayList<>()));
    // a checkpoint's peak: the state copied, encoded and gathered, the weights encoded
    assertEquals(base + 3 * 16 * P + 24 * P, estimate(Precision.FLOAT64, "adam", 1, false,
        List.of(Checkpoint.every(Path.of("c.ffnn"), 1)), 100, 0, new ArrayList<>()));
  }

  @Test
  void theRefusalGivesTheFigureAndItsParts() {
    TrainingConfig config = TrainingConfig.builder().build();
    // 20,000 × 20,000 weights: 3.2 GB in double before anything else
    MemoryBudget budget = new MemoryBudget(new MemoryBudget.Shape(new int[] {2, 20_000, 20_000, 1},
        new boolean[4], Precision.FLOAT64, 1), config, List.of());
    long max = Runtime.getRuntime().maxMemory();
    if (max > 40_000_000_000L) {
      return; // a heap this large takes the run
    }
    MemoryBudgetException e = org.junit.jupiter.api.Assertions.assertThrows(
        MemoryBudgetException.class, () -> budget.require(4, 4, 0, false, false));
    assertTrue(e.needed() > e.budget(), e.getMessage());
    assertEquals((long) (max * MemoryBudget.SHARE), e.budget());
    assertTrue(e.getMessage().startsWith("training needs about " + MemoryBudget.mb(e.needed())
        + " (weights 3,200.8 MB, optimizer 6,401.6 MB, gradients and activations of batches "
        + "of 4 on 1 thread 3,205.9 MB, data 0.0 MB), more than the " + MemoryBudget.mb(
        e.budget()) + " a run may take (two thirds of the maximum heap, " + MemoryBudget.mb(max)
        + ")"), e.getMessage());
  }

  /** Starts the probe in a JVM of 1 GiB. */
  private static Process probe(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp",
        System.getProperty("java.class.path"), MemoryBudgetProbe.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
  }

  /**
   * Checks a probe's three lines, accepted and trained at one size, refused at the next, and
   * returns the size.
   */
  private static int acceptedTrainedAndRefused(Process p) throws InterruptedException,
      IOException {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the probe did not end");
    assertEquals(0, p.exitValue(), out);
    Matcher accepted = Pattern.compile("accepted (\\d+)\\n").matcher(out);
    assertTrue(accepted.find(), out);
    int size = Integer.parseInt(accepted.group(1));
    assertTrue(out.contains("trained " + size + "\n"), out);
    assertTrue(Pattern.compile("refused \\d+: training needs about [\\d,.]+ MB \\(weights ")
        .matcher(out).find(), out);
    return size;
  }

  @Test
  void theLargestRunsAcceptedTrainInOneGibibyteAndTheNextSizeIsRefused() throws Exception {
    // the four JVMs at once (4 GiB of heap in all), each on its own heap
    // Adam in both precisions: float32 takes wider layers (its weights and gradients are half
    // the size; Adam's state is double in both)
    Process wide64 = probe("width", "FLOAT64", "adam", "1", "0", "0");
    Process wide32 = probe("width", "FLOAT32", "adam", "1", "0", "0");
    // the parts that copy: AMSGrad clipping by norm on two threads, with dropout, a validation
    // split and early stopping's best weights
    Process copies = probe("width", "FLOAT32", "amsgrad(clip_norm=1)", "2", "0.2", "0.2");
    // the data and their copies (validation split, example-major copy) make most of the figure
    Process data = probe("examples", "FLOAT64", "adam", "1", "0", "0.2");
    try {
      int w64 = acceptedTrainedAndRefused(wide64);
      int w32 = acceptedTrainedAndRefused(wide32);
      assertTrue(w32 > w64, w32 + " vs " + w64);
      acceptedTrainedAndRefused(copies);
      acceptedTrainedAndRefused(data);
    } finally {
      for (Process p : List.of(wide64, wide32, copies, data)) {
        p.destroyForcibly();
      }
    }
  }
}

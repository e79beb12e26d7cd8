package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.testing.core.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Run in a JVM of its own with a small heap by {@link MemoryBudgetTest}: finds the largest run
 * of a family the budget accepts (the widest two hidden layers, or the most examples), trains it
 * for an epoch, then shows that the next size up is refused by {@link Trainer#fit} before the
 * run starts. Prints {@code accepted …}, {@code trained …} and {@code refused …} lines; an
 * {@link OutOfMemoryError} ends it with a stack trace and a non-zero status.
 *
 * <p>Arguments: {@code width|examples precision optimizer threads dropout validation}.
 */
public final class MemoryBudgetProbe {

  private static final int FEATURES_WIDE = 8;
  private static final int FEATURES_DATA = 784;

  private final boolean byWidth;
  private final Precision precision;
  private final TrainingConfig config;
  private final double dropout;
  private final double validation;

  private MemoryBudgetProbe(String[] args) {
    byWidth = args[0].equals("width");
    precision = Precision.valueOf(args[1]);
    config = TrainingConfig.builder().optimizer(Optimizers.fromSpec(args[2])).epochs(1)
        .batchSize(32).seed(3).threads(Integer.parseInt(args[3])).build();
    dropout = Double.parseDouble(args[4]);
    validation = Double.parseDouble(args[5]);
  }

  /**
   * Runs the probe.
   *
   * @param args {@code width|examples precision optimizer threads dropout validation}
   */
  public static void main(String[] args) {
    new MemoryBudgetProbe(args).run();
  }

  private void run() {
    int step = byWidth ? 50 : 500;
    int lo = step;
    int hi = byWidth ? 20_000 : 2_000_000;
    // the largest multiple of the step the budget accepts, found without allocating anything
    while (hi - lo > step) {
      int mid = (lo + hi) / 2 / step * step;
      if (accepted(mid)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    System.out.println("accepted " + lo);
    fit(lo);
    System.out.println("trained " + lo);
    try {
      fit(lo + step);
      System.out.println("not refused " + (lo + step));
    } catch (MemoryBudgetException e) {
      System.out.println("refused " + (lo + step) + ": " + e.getMessage());
    }
  }

  private int[] sizes(int size) {
    return byWidth ? new int[] {FEATURES_WIDE, size, size, 1} : new int[] {FEATURES_DATA, 64, 1};
  }

  private int examples(int size) {
    return byWidth ? 256 : size;
  }

  private boolean accepted(int size) {
    int[] n = sizes(size);
    boolean[] dropped = new boolean[n.length];
    for (int l = 1; l < n.length - 1; l++) {
      dropped[l] = dropout > 0;
    }
    int m = examples(size);
    int mVal = (int) Math.round(validation * m);
    List<String> parts = new ArrayList<>();
    long needed = budget(new MemoryBudget.Shape(n, dropped, precision, 1)).estimate(m, m - mVal,
        mVal, false, false, parts);
    return needed <= (long) (Runtime.getRuntime().maxMemory() * MemoryBudget.SHARE);
  }

  private MemoryBudget budget(MemoryBudget.Shape shape) {
    return new MemoryBudget(shape, config, trainer().listeners());
  }

  private Trainer trainer() {
    Trainer.Builder b = Trainer.builder(config);
    if (validation > 0) {
      b.validationFraction(validation).earlyStopping(EarlyStopping.minimize("val_loss"));
    }
    return b.build();
  }

  private void fit(int size) {
    int[] n = sizes(size);
    NetworkSpec.Builder spec = NetworkSpec.builder(n[0]).precision(precision).seed(5);
    for (int l = 1; l < n.length - 1; l++) {
      spec.layer(n[l], "relu").dropout(dropout);
    }
    spec.layer(1, "sigmoid").cost("bce");
    int m = examples(size);
    Random rng = new Random(9);
    DMatrixRMaj X = TestData.gaussian(n[0], m, rng);
    DMatrixRMaj Y = TestData.binary(1, m, rng);
    Network net = Network.build(spec.build());
    trainer().fit(net, X, Y);
  }
}

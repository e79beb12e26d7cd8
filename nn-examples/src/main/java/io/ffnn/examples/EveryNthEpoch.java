package io.ffnn.examples;

import io.ffnn.core.training.EpochRecord;
import io.ffnn.core.training.TrainingContext;
import io.ffnn.core.training.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/** Prints the loss of every {@code n}-th epoch, as the example programs do. */
final class EveryNthEpoch implements TrainingListener {

  private final int n;
  private final PrintStream out;

  EveryNthEpoch(int n, PrintStream out) {
    this.n = n;
    this.out = out;
  }

  @Override
  public void epochEnd(TrainingContext context) {
    EpochRecord record = context.lastEpoch();
    if (record.epoch() % n == 0) {
      out.printf(Locale.ROOT, "  epoch %5d  J = %.6f%n", record.epoch(), record.get("loss"));
    }
  }
}

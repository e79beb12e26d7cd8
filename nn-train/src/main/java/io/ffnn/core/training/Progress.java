package io.ffnn.core.training;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Shows training progress as plain text: one summary line per epoch, and a line when early
 * stopping ends a run or restores the best weights. The lines go to a stream or to a callback;
 * a progress bar on a terminal is the application's to draw (the tool draws one).
 *
 * <p>A summary line reads {@code epoch 3/20  0.41 s  7317 ex/s  lr 0.001  loss 0.123456  accuracy
 * 0.9500  val_loss 0.130000  val_accuracy 0.9400}.
 */
public final class Progress implements TrainingListener {

  private final Consumer<String> lines;
  private int epochs;

  private Progress(Consumer<String> lines) {
    this.lines = Objects.requireNonNull(lines, "lines");
  }

  /**
   * Summary lines printed to a stream, flushed after each.
   *
   * @param out where to print
   * @return the listener
   */
  public static Progress lines(PrintStream out) {
    Objects.requireNonNull(out, "out");
    return new Progress(line -> {
      out.println(line);
      out.flush();
    });
  }

  /**
   * Summary lines handed to a callback, on the training thread.
   *
   * @param lines receives each line, without a line break
   * @return the listener
   */
  public static Progress to(Consumer<String> lines) {
    return new Progress(lines);
  }

  /**
   * A fresh copy for one run, with the same destination: the run's epochs are per run.
   *
   * @return a new progress listener
   */
  @Override
  public TrainingListener forRun() {
    return new Progress(lines);
  }

  @Override
  public void trainingStart(TrainingContext context) {
    this.epochs = context.epochs();
  }

  @Override
  public void epochEnd(TrainingContext context) {
    lines.accept(summary(context.lastEpoch(), epochs));
  }

  @Override
  public void trainingEnd(TrainingContext context) {
    History history = context.result();
    if (history.stoppedEarly() || history.restoredBestWeights()) {
      lines.accept("early stopping: best epoch " + history.bestEpoch()
          + (history.restoredBestWeights() ? ", its weights restored" : ""));
    }
  }

  /**
   * What this listener shows.
   *
   * @return {@code "progress lines"}
   */
  @Override
  public String toString() {
    return "progress lines";
  }

  /**
   * The summary line of an epoch.
   *
   * @param record the epoch
   * @param epochs the planned epochs
   * @return e.g. {@code epoch 3/20  0.41 s  7317 ex/s  lr 0.001  loss 0.123456  accuracy 0.9500}
   */
  public static String summary(EpochRecord record, int epochs) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "epoch %d/%d  %.2f s  %.0f ex/s  lr %.4g", record.epoch(), epochs, record.seconds(),
        record.examplesPerSecond(), record.learningRate()));
    for (Map.Entry<String, Double> e : record.metrics().entrySet()) {
      boolean loss = e.getKey().endsWith("loss") || e.getKey().endsWith("mse")
          || e.getKey().endsWith("mae");
      sb.append(String.format(Locale.ROOT, loss ? "  %s %.6f" : "  %s %.4f", e.getKey(),
          e.getValue()));
    }
    return sb.toString();
  }
}

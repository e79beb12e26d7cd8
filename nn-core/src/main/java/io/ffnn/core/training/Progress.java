package io.ffnn.core.training;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: on a terminal, a progress bar per epoch (batches done, examples per
 * second, time left, running loss) drawn by {@code me.tongfei:progressbar}, then one summary line
 * per epoch; elsewhere (a file, a pipe, a test) the summary lines alone, plain text without
 * control characters.
 *
 * <p>A summary line reads {@code epoch 3/20  0.41 s  7317 ex/s  lr 0.001  loss 0.123456  accuracy
 * 0.9500  val_loss 0.130000  val_accuracy 0.9400}.
 */
public final class Progress implements TrainingListener {

  private final PrintStream out;
  private final boolean bar;
  private ProgressBar current;
  private int epochs;
  private int batches;
  private int examples;

  private Progress(PrintStream out, boolean bar) {
    this.out = Objects.requireNonNull(out, "out");
    this.bar = bar;
  }

  /**
   * A bar on a terminal, summary lines otherwise: {@code System.out} with a bar when the JVM has a
   * console.
   *
   * @return the listener
   */
  public static Progress auto() {
    return new Progress(System.out, System.console() != null);
  }

  /**
   * Summary lines only.
   *
   * @param out where to print
   * @return the listener
   */
  public static Progress lines(PrintStream out) {
    return new Progress(out, false);
  }

  /**
   * A progress bar per epoch and summary lines, whatever {@code out} is.
   *
   * @param out where to draw
   * @return the listener
   */
  public static Progress bar(PrintStream out) {
    return new Progress(out, true);
  }

  /**
   * A fresh copy for one run, writing to the same stream in the same style: the bar and the
   * run's sizes are per run.
   *
   * @return a new progress listener
   */
  @Override
  public TrainingListener forRun() {
    return new Progress(out, bar);
  }

  @Override
  public void trainingStart(TrainingContext context) {
    this.epochs = context.epochs();
    this.batches = context.batchesPerEpoch();
    this.examples = context.examples();
  }

  @Override
  public void epochStart(TrainingContext context) {
    if (bar) {
      current = new ProgressBarBuilder()
          .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", context.epoch(), epochs))
          .setInitialMax(examples)
          .setUnit(" ex", 1)
          .showSpeed()
          .setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(200)
          .setConsumer(new ConsoleProgressBarConsumer(out))
          .clearDisplayOnFinish()
          .build();
    }
  }

  @Override
  public void batchEnd(TrainingContext context) {
    if (current != null) {
      int batch = context.batch();
      long done = batch == batches ? examples : (long) batch * (examples / Math.max(batches, 1));
      current.stepTo(Math.min(done, examples));
      current.setExtraMessage(String.format(Locale.ROOT, " loss %.6f", context.runningLoss()));
    }
  }

  @Override
  public void epochEnd(TrainingContext context) {
    if (current != null) {
      current.close();
      current = null;
    }
    out.println(summary(context.lastEpoch(), epochs));
    out.flush();
  }

  @Override
  public void trainingEnd(TrainingContext context) {
    if (current != null) {
      current.close();
      current = null;
    }
    History history = context.result();
    if (history.stoppedEarly() || history.restoredBestWeights()) {
      out.println("early stopping: best epoch " + history.bestEpoch()
          + (history.restoredBestWeights() ? ", its weights restored" : ""));
    }
  }

  /**
   * What this listener shows.
   *
   * @return {@code "progress bars"} or {@code "progress lines"}
   */
  @Override
  public String toString() {
    return bar ? "progress bars" : "progress lines";
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

package io.ffnn.examples;

import io.ffnn.core.training.Progress;
import io.ffnn.core.training.TrainingContext;
import io.ffnn.core.training.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The tool's training progress on a terminal: a bar per epoch (examples done, examples per
 * second, time left, running loss) drawn by {@code me.tongfei:progressbar}, then the library's
 * {@link Progress} summary line; elsewhere (a file, a pipe, a test) the summary lines alone.
 */
public final class ProgressBars implements TrainingListener {

  private final PrintStream out;
  private final TrainingListener lines;
  private ProgressBar current;
  private int epochs;
  private int batches;
  private int examples;

  private ProgressBars(PrintStream out, TrainingListener lines) {
    this.out = Objects.requireNonNull(out, "out");
    this.lines = lines;
  }

  /**
   * Bars and lines on {@code System.out} when the JVM has a console; lines alone on {@code out}
   * otherwise, or when {@code out} is not {@code System.out}.
   *
   * @param out where to print
   * @return the listener
   */
  public static TrainingListener auto(PrintStream out) {
    return out == System.out && System.console() != null ? bars(out) : Progress.lines(out);
  }

  /**
   * A bar per epoch and the summary lines, whatever {@code out} is.
   *
   * @param out where to draw
   * @return the listener
   */
  public static TrainingListener bars(PrintStream out) {
    return new ProgressBars(out, Progress.lines(out));
  }

  @Override
  public TrainingListener forRun() {
    return new ProgressBars(out, lines.forRun());
  }

  @Override
  public void trainingStart(TrainingContext context) {
    this.epochs = context.epochs();
    this.batches = context.batchesPerEpoch();
    this.examples = context.examples();
    lines.trainingStart(context);
  }

  @Override
  public void epochStart(TrainingContext context) {
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
    close();
    lines.epochEnd(context);
  }

  @Override
  public void trainingEnd(TrainingContext context) {
    close();
    lines.trainingEnd(context);
  }

  private void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /**
   * What this listener shows.
   *
   * @return {@code "progress bars"}
   */
  @Override
  public String toString() {
    return "progress bars";
  }
}

package io.ffnn.core.training;

/**
 * Told what a training run is doing, and able to act on it through the {@link TrainingContext}:
 * read the network, the optimizer and the history so far, stop the run, put back saved weights.
 * Early stopping ({@link EarlyStopping}), checkpoints ({@link Checkpoint#every}), the divergence
 * guard and progress output ({@link Progress}) are listeners on this contract, and so is anything
 * a user adds (DJL's {@code TrainingListener} is the model).
 *
 * <p>All methods have empty defaults. They run on the training thread, in the order the listeners
 * were added, so they should be quick; {@link #batchEnd} runs after every step and must not
 * allocate if training is to stay allocation-free.
 */
public interface TrainingListener {

  /**
   * The listener for one run. A listener that keeps state during a run returns a new instance in
   * its initial state here, so that one trainer can run {@code fit} many times (and at once on
   * several threads); a stateless listener returns itself, the default.
   *
   * @return the listener to tell about a new run
   */
  default TrainingListener forRun() {
    return this;
  }

  /**
   * Training starts: {@link TrainingContext#epochs()}, {@link TrainingContext#batchesPerEpoch()}
   * and {@link TrainingContext#examples()} are known. A run resumed from a checkpoint starts
   * here too, with the checkpoint's history.
   *
   * @param context the run
   * @throws IllegalArgumentException if the listener cannot work with this run (early stopping
   *     watching a metric the run does not record, say); nothing has been trained yet
   */
  default void trainingStart(TrainingContext context) {}

  /**
   * An epoch starts: {@link TrainingContext#epoch()} is its number.
   *
   * @param context the run
   */
  default void epochStart(TrainingContext context) {}

  /**
   * A batch was trained on: the optimizer has stepped. {@link TrainingContext#batch()}, {@link
   * TrainingContext#batchLoss()} and {@link TrainingContext#runningLoss()} describe it.
   *
   * @param context the run
   */
  default void batchEnd(TrainingContext context) {}

  /**
   * An epoch ended; its record, the last of {@link TrainingContext#history()}, is complete.
   *
   * @param context the run
   */
  default void epochEnd(TrainingContext context) {}

  /**
   * Training ended, after the last planned epoch or a stop; {@link TrainingContext#result()} is
   * the history the run returns.
   *
   * @param context the run
   */
  default void trainingEnd(TrainingContext context) {}
}

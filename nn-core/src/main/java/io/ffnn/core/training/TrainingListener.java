package io.ffnn.core.training;

/**
 * Told what a {@link Trainer} is doing. All methods have empty defaults; they run on the training
 * thread, so they should be quick.
 */
public interface TrainingListener {

  /**
   * Training starts.
   *
   * @param epochs the planned epochs
   * @param batchesPerEpoch batches in each epoch
   * @param examples training examples per epoch
   */
  default void trainingStart(int epochs, int batchesPerEpoch, int examples) {}

  /**
   * An epoch starts.
   *
   * @param epoch the epoch, from 1
   */
  default void epochStart(int epoch) {}

  /**
   * A batch was trained on.
   *
   * @param epoch the epoch, from 1
   * @param batch the batch within the epoch, from 1
   * @param batchLoss {@code J} of the batch before the update
   * @param runningLoss the mean loss over the epoch's batches so far
   */
  default void batchEnd(int epoch, int batch, double batchLoss, double runningLoss) {}

  /**
   * An epoch ended; its metrics are complete.
   *
   * @param record the epoch's record
   */
  default void epochEnd(EpochRecord record) {}

  /**
   * Training ended.
   *
   * @param history the whole run
   */
  default void trainingEnd(History history) {}
}

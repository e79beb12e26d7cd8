package io.ffnn.core.training;

/**
 * Training produced a non-finite loss or parameter: the message names the epoch, the batch, and
 * the first layer whose {@code Z}, {@code A} or gradient became non-finite.
 */
public class TrainingDivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** The epoch, from 1. */
  private final int epoch;
  /** The batch within the epoch, from 1. */
  private final int batch;
  /** The first layer with non-finite values, or 0 if none was found. */
  private final int layer;

  /**
   * Creates the exception; for trainers outside this package (on a cluster, say).
   *
   * @param message what became non-finite, where
   * @param epoch the epoch, from 1
   * @param batch the batch within the epoch, from 1
   * @param layer the first layer with non-finite values, or 0 if unknown
   */
  public TrainingDivergedException(String message, int epoch, int batch, int layer) {
    super(message);
    this.epoch = epoch;
    this.batch = batch;
    this.layer = layer;
  }

  /**
   * The epoch where training diverged.
   *
   * @return the epoch, from 1
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The batch where training diverged.
   *
   * @return the batch within the epoch, from 1
   */
  public int batch() {
    return batch;
  }

  /**
   * The first layer whose values became non-finite.
   *
   * @return {@code l}, or 0 if only the loss was non-finite
   */
  public int layer() {
    return layer;
  }
}

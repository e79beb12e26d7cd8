package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.Workspace;
import io.ffnn.core.optimizers.Optimizer;
import java.util.List;

/**
 * One training run as its {@link TrainingListener}s see it: what is being trained and how far it
 * has come, and the two ways a listener acts on it — {@link #requestStop()} and {@link
 * #restoreWeights}. Valid only during the listener call that receives it; the values that
 * describe the current batch are those of the last completed step.
 */
public interface TrainingContext {

  /**
   * The network being trained. Its weights are the run's current weights; a listener may read
   * them (to save a copy, say) but should change them only through {@link #restoreWeights}.
   *
   * @return the network
   */
  Network network();

  /**
   * The optimizer this run steps, with its state and current learning rate.
   *
   * @return the run's own optimizer
   */
  Optimizer optimizer();

  /**
   * The configuration of the run.
   *
   * @return the configuration
   */
  TrainingConfig config();

  /**
   * The planned number of epochs.
   *
   * @return {@code config().epochs()}
   */
  default int epochs() {
    return config().epochs();
  }

  /**
   * The number of training examples in an epoch.
   *
   * @return {@code m}
   */
  int examples();

  /**
   * The number of batches in an epoch.
   *
   * @return {@code ⌈m / batchSize⌉}
   */
  int batchesPerEpoch();

  /**
   * The names of the metrics each epoch records, e.g. {@code loss, accuracy, val_loss,
   * val_accuracy}.
   *
   * @return the names, in the order of the records' metrics
   */
  List<String> metricNames();

  /**
   * The current epoch.
   *
   * @return the epoch, from 1; 0 before the first
   */
  int epoch();

  /**
   * The last trained batch of the current epoch.
   *
   * @return the batch, from 1; 0 before the epoch's first step
   */
  int batch();

  /**
   * The cost {@code J} of the last batch, before the optimizer's step.
   *
   * @return {@code J}; not finite if the step diverged
   */
  double batchLoss();

  /**
   * The mean loss over the current epoch's batches so far, weighted by their sizes.
   *
   * @return the running loss
   */
  double runningLoss();

  /**
   * The workspace of the last step's forward and backward pass, for diagnosing it: the one whose
   * loss was not finite when a part of a split batch diverged, else the first part's, which holds
   * the combined gradients.
   *
   * @return the workspace. Not to be modified.
   */
  Workspace workspace();

  /**
   * The first entry the last step left non-finite, e.g. {@code "W[2][0,3] = NaN"}.
   *
   * @return the entry, or null while every parameter is finite
   */
  String nonFiniteParameter();

  /**
   * The epochs completed so far, the checkpoint's included when the run was resumed.
   *
   * @return the records, oldest first; unmodifiable
   */
  List<EpochRecord> history();

  /**
   * The record of the last completed epoch: in {@link TrainingListener#epochEnd}, the epoch that
   * just ended.
   *
   * @return the last of {@link #history()}
   * @throws IllegalStateException before the first epoch has ended
   */
  default EpochRecord lastEpoch() {
    List<EpochRecord> history = history();
    if (history.isEmpty()) {
      throw new IllegalStateException("no epoch has ended yet");
    }
    return history.get(history.size() - 1);
  }

  /**
   * Asks the run to stop after the current epoch (or at once, between epochs). The history then
   * says it {@linkplain History#stoppedEarly() stopped early} if epochs were left.
   */
  void requestStop();

  /**
   * Whether a listener has asked the run to stop.
   *
   * @return true after {@link #requestStop()}
   */
  boolean stopRequested();

  /**
   * Records which epoch was the best so far, for {@link History#bestEpoch()}.
   *
   * @param epoch the epoch, from 1
   */
  void bestEpoch(int epoch);

  /**
   * Puts saved weights back into the network, e.g. those of the best epoch: the history then
   * says the weights were {@linkplain History#restoredBestWeights() restored} and names that
   * epoch as the best.
   *
   * @param parameters the weights in the flat copy of {@link io.ffnn.core.ParameterLayout}. Not
   *     modified.
   * @param epoch the epoch they come from
   * @throws IllegalArgumentException if the array does not fit the network
   */
  void restoreWeights(double[] parameters, int epoch);

  /**
   * The history the run returns, as it stands.
   *
   * @return the records, the best epoch, whether training stopped early and restored weights
   */
  History result();
}

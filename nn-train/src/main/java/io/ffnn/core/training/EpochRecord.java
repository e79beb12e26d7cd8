package io.ffnn.core.training;

import java.util.Map;

/**
 * What one epoch produced.
 *
 * @param epoch the epoch, from 1
 * @param metrics every metric by name: {@code loss} and the task's metrics ({@code accuracy}, or
 *     {@code mse}, {@code mae}, {@code r2}), and the same with a {@code val_} prefix when there is
 *     a validation set; training values are running means over the epoch's batches, validation
 *     values are computed after the epoch
 * @param learningRate the learning rate of the epoch's last batch
 * @param seconds the epoch's wall-clock time
 * @param examples the training examples seen
 */
public record EpochRecord(int epoch, Map<String, Double> metrics, double learningRate,
    double seconds, int examples) {

  /** {@return the epoch, from 1} */
  public int epoch() {
    return epoch;
  }

  /**
   * {@return every metric by name: {@code loss} and the task's metrics ({@code accuracy}, or {@code
   * mse}, {@code mae}, {@code r2}), and the same with a {@code val_} prefix when there is a
   * validation set; training values are running means over the epoch's batches, validation values
   * are computed after the epoch}
   */
  public Map<String, Double> metrics() {
    return metrics;
  }

  /** {@return the learning rate of the epoch's last batch} */
  public double learningRate() {
    return learningRate;
  }

  /** {@return the epoch's wall-clock time} */
  public double seconds() {
    return seconds;
  }

  /** {@return the training examples seen} */
  public int examples() {
    return examples;
  }

  /**
   * One metric.
   *
   * @param name e.g. {@code "val_loss"}
   * @return its value
   * @throws IllegalArgumentException if there is no such metric, listing those there are
   */
  public double get(String name) {
    Double v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + name + "'; this run records "
          + String.join(", ", metrics.keySet()));
    }
    return v;
  }

  /**
   * Examples per second.
   *
   * @return the throughput of the epoch
   */
  public double examplesPerSecond() {
    return seconds > 0 ? examples / seconds : Double.POSITIVE_INFINITY;
  }
}

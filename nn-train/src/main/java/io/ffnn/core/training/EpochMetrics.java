package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.metrics.Correct;
import io.ffnn.core.metrics.RegressionMetrics;
import io.ffnn.core.metrics.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The metrics an epoch records besides its loss, by the network's task: {@code accuracy} for
 * classification (per output for multi-label), {@code mse}, {@code mae} and {@code r2} for
 * regression; and the same with a {@code val_} prefix for the validation set. Accumulates over a
 * pass's batches without allocating.
 */
final class EpochMetrics {

  private final Task task;
  private final double threshold;
  private final int outputs;
  private final RegressionMetrics.Accumulator regression;
  private long right;

  EpochMetrics(Network net) {
    this.outputs = net.size(net.depth());
    this.task = Task.of(net.cost(), outputs);
    this.threshold = Task.threshold(net.cost().targetDomain());
    this.regression = new RegressionMetrics.Accumulator(outputs);
  }

  /** The names an epoch records: {@code loss} and the task's, then the same with {@code val_}. */
  List<String> names(boolean validation) {
    List<String> names = new ArrayList<>(List.of("loss"));
    if (task == Task.REGRESSION) {
      names.addAll(List.of("mse", "mae", "r2"));
    } else {
      names.add("accuracy");
    }
    if (validation) {
      for (String n : new ArrayList<>(names)) {
        names.add("val_" + n);
      }
    }
    return names;
  }

  /** Starts a pass over a set of examples. */
  void reset() {
    right = 0;
    regression.reset();
  }

  /** Adds the outputs {@code A[L]} of some examples and their targets. */
  void add(DMatrixRMaj A, DMatrixRMaj Y) {
    if (task == Task.REGRESSION) {
      regression.add(A, Y);
    } else {
      right += Correct.count(task, A, Y, threshold);
    }
  }

  /** Puts the pass's metrics over {@code examples} examples, named with {@code prefix}. */
  void put(Map<String, Double> metrics, String prefix, int examples) {
    switch (task) {
      case REGRESSION:
        RegressionMetrics r = regression.result();
        metrics.put(prefix + "mse", r.mse());
        metrics.put(prefix + "mae", r.mae());
        metrics.put(prefix + "r2", r.r2());
        break;
      case MULTILABEL:
        metrics.put(prefix + "accuracy", right / ((double) examples * outputs));
        break;
      default:
        metrics.put(prefix + "accuracy", right / (double) examples);
    }
  }
}

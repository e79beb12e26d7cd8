package io.ffnn.examples.cli;

import io.ffnn.core.Initializer;
import io.ffnn.core.Network;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.training.ClassWeights;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * What {@code train} chooses where the options are silent, and how it reads the options that
 * name choices: the output and cost the data's task calls for, the initializer, the class
 * weights, and the length of a run without {@code --epochs}: until the loss on a held-back part
 * of the training data stops improving, with the best epoch's weights kept, as scikit-learn's
 * and H2O's defaults stop, so that small noisy data are not overfitted.
 */
final class TrainDefaults {

  /** The most epochs a run without {@code --epochs} takes. */
  static final int MAX_EPOCHS = 200;
  /** Below this many training examples, such a run watches the training loss instead. */
  static final int MIN_EXAMPLES = 100;
  /** The fraction held back to watch. */
  static final double FRACTION = 0.1;
  /** Epochs without a better loss before the run stops. */
  static final int PATIENCE = 10;

  private TrainDefaults() {}

  /** The output activation and cost the task of the data calls for, unless given. */
  record Task(String output, String cost) {
    static Task of(Dataset train) {
      boolean multiclass = train.classes() > 1 && train.Y().numRows == train.classes();
      boolean binary = train.Y().numRows == 1 && train.classes() == 2;
      if (multiclass) {
        return new Task("softmax", "cce");
      }
      if (binary) {
        return new Task("sigmoid", "bce");
      }
      if (train.classes() == 0 && train.Y().numRows > 1 && zeroOrOne(train.Y())) {
        // several 0/1 targets: independent yes/no answers, not real values
        return new Task("sigmoid", "multilabel_bce");
      }
      return new Task("identity", "mse");
    }

    private static boolean zeroOrOne(DMatrixRMaj Y) {
      for (int k = 0; k < Y.getNumElements(); k++) {
        if (Y.data[k] != 0 && Y.data[k] != 1) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code --init}: an initializer by name; zeros, which makes a layer's units one, refused. */
  static Initializer initializer(String name) {
    List<String> known = Arrays.stream(Initializer.values()).filter(i -> i != Initializer.ZEROS)
        .map(i -> i.name().toLowerCase(Locale.ROOT)).toList();
    String given = name.trim().toLowerCase(Locale.ROOT);
    if (!known.contains(given)) {
      throw new UsageException("--init takes one of " + known + "; got '" + name + "'");
    }
    return Initializer.valueOf(given.toUpperCase(Locale.ROOT));
  }

  /**
   * {@code --class-weight}: null when not given, {@code balanced}, or {@code CLASS=W,...} by class
   * name (or index), the classes not named weighing 1.
   */
  static ClassWeights classWeights(String spec, Dataset train, Network net) {
    if (spec == null) {
      return null;
    }
    int k = train.classes();
    if (k < 2) {
      throw new UsageException("--class-weight is for classification (--label-column); the "
          + "training data have no classes");
    }
    if (spec.trim().equals("balanced")) {
      return ClassWeights.balanced();
    }
    double[] w = new double[k];
    Arrays.fill(w, 1);
    List<String> names = train.classNames();
    for (String item : spec.split(",")) {
      int eq = item.lastIndexOf('=');
      String name = eq < 0 ? "" : item.substring(0, eq).trim();
      int c = names.indexOf(name);
      if (c < 0 && name.matches("[0-9]{1,9}") && Integer.parseInt(name) < k) {
        c = Integer.parseInt(name);
      }
      if (c < 0) {
        String classes = names.isEmpty() ? "0.." + (k - 1) : names.toString();
        throw new UsageException("--class-weight takes balanced or CLASS=WEIGHT,...; '"
            + item.trim() + "' names no class of " + (classes.length() <= 120 ? classes
            : classes.substring(0, 117) + "..."));
      }
      try {
        w[c] = Double.parseDouble(item.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new UsageException("--class-weight: '" + item.trim() + "' has no number after "
            + "'='");
      }
    }
    try {
      ClassWeights weights = ClassWeights.of(w);
      weights.of(net, train.Y());
      return weights;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--class-weight: " + e.getMessage());
    }
  }
}

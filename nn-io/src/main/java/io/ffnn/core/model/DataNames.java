package io.ffnn.core.model;

import io.ffnn.core.data.Dataset;
import java.util.List;

/**
 * What the data a model was trained on meant: the names of its input features, of its targets
 * and of its classes, as the training file's header and labels gave them. Model files record them
 * (format 2), so that a model finds its input columns by name in a file whose columns come in
 * another order, maps a test file's labels onto its own classes by name, and prints class names
 * rather than indices. Each list is empty where the data did not name it (generated or IDX data, a
 * CSV file without a header, a file of format 1).
 *
 * @param features one name per input, {@code n[0]} of them, or none
 * @param targets the label column's name (classification), one name per output (regression and
 *     multi-label), or none
 * @param classes the class names in class order (class {@code c} is {@code classes.get(c)}), or
 *     none
 */
public record DataNames(List<String> features, List<String> targets, List<String> classes) {

  /** {@return one name per input, {@code n[0]} of them, or none} */
  public List<String> features() {
    return features;
  }

  /**
   * {@return the label column's name (classification), one name per output (regression and
   * multi-label), or none}
   */
  public List<String> targets() {
    return targets;
  }

  /**
   * {@return the class names in class order (class {@code c} is {@code classes.get(c)}), or none}
   */
  public List<String> classes() {
    return classes;
  }

  /** No names: data that named nothing, or a model file of format 1. */
  public static final DataNames NONE = new DataNames(List.of(), List.of(), List.of());

  /**
   * Names, copied.
   *
   * @param features one name per input, or none
   * @param targets the label column's name, one name per output, or none
   * @param classes the class names, or none
   * @throws IllegalArgumentException if a list repeats a name or holds an empty one
   */
  public DataNames {
    features = distinct("feature", features);
    targets = distinct("target", targets);
    classes = distinct("class", classes);
  }

  /**
   * The names a dataset carries.
   *
   * @param data the training data
   * @return its feature, target and class names
   */
  public static DataNames of(Dataset data) {
    return new DataNames(data.featureNames(), data.targetNames(), data.classNames());
  }

  private static List<String> distinct(String what, List<String> names) {
    List<String> copy = List.copyOf(names);
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).isEmpty()) {
        throw new IllegalArgumentException(what + " name " + (i + 1) + " is empty");
      }
      if (copy.indexOf(copy.get(i)) != i) {
        throw new IllegalArgumentException(what + " name '" + copy.get(i) + "' appears twice");
      }
    }
    return copy;
  }
}

package io.ffnn.core.data;

import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.internal.data.DatasetAccess;
import io.ffnn.core.internal.data.Inputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Inputs and targets in the library's layout, examples as columns: {@code X} is {@code n[0] × m},
 * {@code Y} has one column per example ({@code n[L] × m}, or {@code 1 × m} class indices). For
 * classification it also knows the number of classes and, where the data named them, their names.
 *
 * <p>The matrices are held, not copied; a dataset does not change them. {@link #batch} fills
 * caller-owned buffers with a mini-batch, so iterating over batches copies only the batch.
 *
 * <p>Datasets read from files may hold their inputs more compactly than a {@code double} matrix:
 * images read from IDX files keep their bytes, whole examples one after another, and a {@link
 * #scaled} dataset reads its inputs scaled without a scaled copy. Training, {@link #batch},
 * {@link #subset} and {@link #split} work from what is held; {@link #X()} makes the matrix.
 */
public final class Dataset {

  static {
    DatasetAccess.register(d -> ((Dataset) d).inputs);
  }

  private final Inputs inputs;
  private final DMatrixRMaj Y;
  private final int classes;
  private final List<String> classNames;
  private final List<String> featureNames;
  private final List<String> targetNames;
  private final ColumnEncoding encoding;

  /**
   * A dataset.
   *
   * @param X the inputs, {@code n × m}
   * @param Y the targets, one column per example
   * @param classes the number of classes for classification, 0 for regression
   * @param classNames the class names, in class order; empty if none
   * @throws IllegalArgumentException if the column counts differ or the names do not fit
   */
  public Dataset(DMatrixRMaj X, DMatrixRMaj Y, int classes, List<String> classNames) {
    this(X, Y, classes, classNames, List.of(), List.of(), null);
  }

  private Dataset(DMatrixRMaj X, DMatrixRMaj Y, int classes, List<String> classNames,
      List<String> featureNames, List<String> targetNames, ColumnEncoding encoding) {
    this(Inputs.columns(Objects.requireNonNull(X, "X")), Y, classes, classNames, featureNames,
        targetNames, encoding);
  }

  private Dataset(Inputs inputs, DMatrixRMaj Y, int classes, List<String> classNames,
      List<String> featureNames, List<String> targetNames, ColumnEncoding encoding) {
    this.inputs = inputs;
    this.Y = Objects.requireNonNull(Y, "Y");
    if (inputs.size() != Y.numCols) {
      throw new IllegalArgumentException("X has " + inputs.size() + " examples (columns) but Y "
          + "has " + Y.numCols);
    }
    if (classes < 0 || !classNames.isEmpty() && classNames.size() != classes) {
      throw new IllegalArgumentException(classes + " classes but " + classNames.size()
          + " class names");
    }
    this.classes = classes;
    this.classNames = List.copyOf(classNames);
    this.featureNames = List.copyOf(featureNames);
    this.targetNames = List.copyOf(targetNames);
    this.encoding = encoding;
    if (encoding != null && encoding.width() != inputs.features()) {
      throw new IllegalArgumentException("the encoding makes " + encoding.width()
          + " inputs but X has " + inputs.features() + " rows");
    }
    if (!this.featureNames.isEmpty() && this.featureNames.size() != inputs.features()) {
      throw new IllegalArgumentException(inputs.features() + " features but "
          + featureNames.size() + " feature names");
    }
    int targets = classes > 0 ? 1 : Y.numRows;
    if (!this.targetNames.isEmpty() && this.targetNames.size() != targets) {
      throw new IllegalArgumentException((classes > 0 ? "a label column" : Y.numRows
          + " targets") + " but " + targetNames.size() + " target names");
    }
  }

  /**
   * A copy that knows the names of its columns, as a CSV header gives them: model files record
   * them, and prediction matches input columns to them by name.
   *
   * @param featureNames the name of each feature, in row order of {@code X}; or empty
   * @param targetNames the label column's name (classification), or the name of each target row
   *     of {@code Y}; or empty
   * @return a dataset holding the same matrices
   * @throws IllegalArgumentException if a list is neither empty nor of the right length
   */
  public Dataset withColumnNames(List<String> featureNames, List<String> targetNames) {
    return new Dataset(inputs, Y, classes, classNames, featureNames, targetNames, encoding);
  }

  /** A copy that knows how its inputs were encoded from the file's columns. */
  Dataset withEncoding(ColumnEncoding encoding) {
    return new Dataset(inputs, Y, classes, classNames, featureNames, targetNames, encoding);
  }

  /** A dataset of inputs held as they are, with its targets and classes. */
  static Dataset of(Inputs inputs, DMatrixRMaj Y, int classes, List<String> classNames) {
    return new Dataset(inputs, Y, classes, classNames, List.of(), List.of(), null);
  }

  /**
   * A classification dataset whose inputs are held as bytes, whole examples one after another,
   * each read as {@code (b & 0xFF) / divisor}: how {@link Idx} keeps images.
   */
  static Dataset ofBytes(byte[] values, int n, double divisor, int[] labels, int classes) {
    return new Dataset(Inputs.bytes(values, n, divisor), oneHot(labels, classes), classes,
        List.of(), List.of(), List.of(), null);
  }

  /**
   * The dataset as a network trained on scaled data sees it: the inputs read through a scaler,
   * {@code (x − shift) / scale} with the arithmetic of {@link Scaler#transform}, without a scaled
   * copy of them (a dataset holding bytes scales a table of each feature's 256 values); and the
   * targets scaled, into a copy. Names, classes and the encoding are kept.
   *
   * @param inputScaler the inputs' scaler, or null to leave them
   * @param targetScaler the targets' scaler, or null to leave them
   * @return the scaled dataset, sharing what it can with this one
   * @throws IllegalArgumentException if a scaler's features do not match the inputs' or the
   *     targets' rows
   */
  public Dataset scaled(Scaler inputScaler, Scaler targetScaler) {
    Inputs in = inputs;
    if (inputScaler != null) {
      if (inputScaler.features() != features()) {
        throw new IllegalArgumentException("the scaler has " + inputScaler.features()
            + " features but the data have " + features());
      }
      in = inputs.scaled(inputScaler.shift(), inputScaler.inverseScale());
    }
    DMatrixRMaj y = targetScaler == null ? Y : targetScaler.transform(Y);
    return new Dataset(in, y, classes, classNames, featureNames, targetNames, encoding);
  }

  /** The inputs as held, for fitting a scaler. */
  Inputs inputs() {
    return inputs;
  }

  /**
   * A regression dataset (no classes).
   *
   * @param X the inputs
   * @param Y the targets
   * @return the dataset
   */
  public static Dataset regression(DMatrixRMaj X, DMatrixRMaj Y) {
    return new Dataset(X, Y, 0, List.of());
  }

  /**
   * A classification dataset with one-hot targets made from labels.
   *
   * @param X the inputs, {@code n × m}
   * @param labels the class of each example, {@code 0 … classes−1}
   * @param classes the number of classes, {@code >= 2}
   * @return the dataset with {@code Y = oneHot(labels)}
   */
  public static Dataset classification(DMatrixRMaj X, int[] labels, int classes) {
    return new Dataset(X, oneHot(labels, classes), classes, List.of());
  }

  /**
   * One-hot targets: column {@code i} has a 1 in row {@code labels[i]}.
   *
   * @param labels class indices
   * @param classes the number of classes
   * @return a {@code classes × labels.length} matrix
   * @throws IllegalArgumentException if a label is out of range
   */
  public static DMatrixRMaj oneHot(int[] labels, int classes) {
    DMatrixRMaj Y = new DMatrixRMaj(classes, labels.length);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label " + labels[i] + " of example " + i
            + " is not a class 0.." + (classes - 1));
      }
      Y.set(labels[i], i, 1.0);
    }
    return Y;
  }

  /**
   * The class of each column: the row of its largest entry, or the entry itself for a single row
   * of class indices.
   *
   * @param Y one-hot, probability or class-index targets. Not modified.
   * @return one label per column
   */
  public static int[] labels(DMatrixRMaj Y) {
    int[] labels = new int[Y.numCols];
    for (int i = 0; i < Y.numCols; i++) {
      if (Y.numRows == 1) {
        labels[i] = (int) Y.get(0, i);
      } else {
        int best = 0;
        for (int p = 1; p < Y.numRows; p++) {
          if (Y.get(p, i) > Y.get(best, i)) {
            best = p;
          }
        }
        labels[i] = best;
      }
    }
    return labels;
  }

  /**
   * The inputs as a matrix. A dataset made from a matrix returns it; one that holds its inputs
   * otherwise (bytes read from an IDX file, inputs read {@link #scaled}) makes the matrix on each
   * call, {@code 8 n m} bytes: where memory matters, {@link #batch} gathers a part of it.
   *
   * @return {@code X}, {@code n[0] × m}; not to be modified
   */
  public DMatrixRMaj X() {
    DMatrixRMaj X = inputs.plainColumns();
    if (X != null) {
      return X;
    }
    DMatrixRMaj made = new DMatrixRMaj(inputs.features(), inputs.size());
    inputs.range(0, inputs.size(), made);
    return made;
  }

  /**
   * The targets.
   *
   * @return {@code Y}; not to be modified
   */
  public DMatrixRMaj Y() {
    return Y;
  }

  /**
   * The number of examples.
   *
   * @return {@code m}
   */
  public int size() {
    return inputs.size();
  }

  /**
   * The number of features.
   *
   * @return {@code n[0]}
   */
  public int features() {
    return inputs.features();
  }

  /**
   * The number of classes.
   *
   * @return {@code k}, or 0 for regression
   */
  public int classes() {
    return classes;
  }

  /**
   * The class names, where the data named them (CSV labels).
   *
   * @return the names in class order, or an empty list
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * The feature names, where the data named them (a CSV header).
   *
   * @return one name per row of {@code X}, or an empty list
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * The target names, where the data named them (a CSV header): the label column for
   * classification, one name per row of {@code Y} otherwise.
   *
   * @return the names, or an empty list
   */
  public List<String> targetNames() {
    return targetNames;
  }

  /**
   * How the inputs were made from a table's columns, where they were (a CSV file): numeric and
   * categorical columns, the training vocabularies and the imputed values, which a model keeps
   * to read later files and rows the same way.
   *
   * @return the encoding, or empty for data that were numbers already (generated, IDX, matrices)
   */
  public java.util.Optional<ColumnEncoding> encoding() {
    return java.util.Optional.ofNullable(encoding);
  }

  /**
   * The examples at the given columns, copied, in that order.
   *
   * @param columns example indices
   * @return a new dataset
   */
  public Dataset subset(int[] columns) {
    for (int c : columns) {
      if (c < 0 || c >= size()) {
        throw new IllegalArgumentException("example " + c + " is not one of the " + size());
      }
    }
    DMatrixRMaj y = new DMatrixRMaj(Y.numRows, columns.length);
    DoubleKernels.gatherColumns(Y, columns, 0, columns.length, y);
    return new Dataset(inputs.select(columns), y, classes, classNames, featureNames, targetNames,
        encoding);
  }

  /**
   * Fills caller-owned buffers with the examples {@code order[from … to−1]}.
   *
   * @param order example indices
   * @param from first position in {@code order}
   * @param to one past the last
   * @param Xb the batch inputs, reshaped to {@code n × (to − from)}. Modified.
   * @param Yb the batch targets, reshaped likewise. Modified.
   */
  public void batch(int[] order, int from, int to, DMatrixRMaj Xb, DMatrixRMaj Yb) {
    inputs.gatherColumns(order, from, to, Xb);
    DoubleKernels.gatherColumns(Y, order, from, to, Yb);
  }

  /**
   * Splits the examples into parts of the given fractions after a seeded shuffle; the last part
   * takes what rounding leaves. Stratified, every class is split in the same proportions (for
   * classification datasets).
   *
   * @param seed the seed of the shuffle
   * @param stratified whether to split each class separately
   * @param fractions one per part, each in (0, 1), summing to at most 1 (the remainder joins the
   *     last part)
   * @return the parts, in the order of the fractions
   * @throws IllegalArgumentException if the fractions are invalid, stratification is asked of a
   *     regression dataset, or a part would be empty
   */
  public Dataset[] split(long seed, boolean stratified, double... fractions) {
    double total = 0;
    for (double f : fractions) {
      if (!(f > 0 && f < 1)) {
        throw new IllegalArgumentException("split fractions must be in (0, 1), got "
            + Arrays.toString(fractions));
      }
      total += f;
    }
    if (fractions.length < 1 || total > 1 + 1e-9) {
      throw new IllegalArgumentException("split fractions must sum to at most 1, got "
          + Arrays.toString(fractions));
    }
    if (stratified && classes == 0) {
      throw new IllegalArgumentException("a stratified split needs classes; this dataset is for "
          + "regression");
    }
    Random rng = new Random(seed);
    List<List<Integer>> parts = new ArrayList<>();
    for (int p = 0; p < fractions.length; p++) {
      parts.add(new ArrayList<>());
    }
    List<int[]> groups = new ArrayList<>();
    if (stratified) {
      int[] labels = labels(Y);
      for (int c = 0; c < classes; c++) {
        final int cls = c;
        groups.add(java.util.stream.IntStream.range(0, size()).filter(i -> labels[i] == cls)
            .toArray());
      }
    } else {
      groups.add(java.util.stream.IntStream.range(0, size()).toArray());
    }
    for (int[] group : groups) {
      shuffle(group, rng);
      int start = 0;
      for (int p = 0; p < fractions.length; p++) {
        int end = p == fractions.length - 1 ? group.length
            : Math.min(group.length, start + (int) Math.round(fractions[p] * group.length));
        for (int k = start; k < end; k++) {
          parts.get(p).add(group[k]);
        }
        start = end;
      }
    }
    Dataset[] out = new Dataset[fractions.length];
    for (int p = 0; p < fractions.length; p++) {
      if (parts.get(p).isEmpty()) {
        throw new IllegalArgumentException("split part " + (p + 1) + " of "
            + Arrays.toString(fractions) + " would be empty with " + size() + " examples");
      }
      int[] columns = parts.get(p).stream().mapToInt(Integer::intValue).toArray();
      if (stratified) {
        shuffle(columns, rng);
      }
      out[p] = subset(columns);
    }
    return out;
  }

  /** Fisher–Yates. */
  static void shuffle(int[] order, Random rng) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  @Override
  public String toString() {
    return size() + " examples of " + features() + " features"
        + (classes > 0 ? ", " + classes + " classes" : ", " + Y.numRows + " targets");
  }
}

package io.ffnn.core.model;

import io.ffnn.core.Network;
import io.ffnn.core.data.ColumnEncoding;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.internal.files.Decimals;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * A trained network with how its inputs were made and the names of its data: {@link #predict}
 * scales inputs the way the training inputs were scaled before propagating them, and for a
 * regression network trained on scaled targets brings its outputs back to the targets' units;
 * {@link #predictRow} and {@link #predictRows} first make the inputs from a table's named columns,
 * as the training file's were ({@link ColumnEncoding}: numbers, one-hot categories, imputed
 * missing values). What {@link ModelFile} saves and loads.
 *
 * <p><b>Threads.</b> A model holds no state of its own beyond its network's weights, and every
 * prediction ({@link #predict}, {@link #predictRow}, {@link #predictRows}, like {@link
 * Network#predict(DMatrixRMaj)}) propagates through a workspace of its own: one model may serve
 * any number of threads at once, as long as nothing trains it or writes its weights meanwhile.
 * (Network's {@code predict(X, workspace)} reuses the workspace it is given: one per thread.)
 *
 * @param network the network
 * @param scaler the input scaling fitted on the training data, or null for none
 * @param targetScaler the scaling of the regression targets the network was trained on (one row
 *     per output), or null when it learned the targets as they are
 * @param names the names of the features, targets and classes it was trained on ({@link
 *     DataNames#NONE} where the data named nothing); with an encoding, the features are its
 *     {@linkplain ColumnEncoding#inputNames() inputs' names}
 * @param encoding how the training table's columns became the network's inputs, or null for a
 *     network trained on numbers as they were (generated, IDX data, matrices)
 */
public record Model(Network network, Scaler scaler, Scaler targetScaler, DataNames names,
    ColumnEncoding encoding) {

  /** {@return the network} */
  public Network network() {
    return network;
  }

  /** {@return the input scaling fitted on the training data, or null for none} */
  public Scaler scaler() {
    return scaler;
  }

  /**
   * {@return the scaling of the regression targets the network was trained on (one row per output),
   * or null when it learned the targets as they are}
   */
  public Scaler targetScaler() {
    return targetScaler;
  }

  /**
   * {@return the names of the features, targets and classes it was trained on ({@link
   * DataNames#NONE} where the data named nothing); with an encoding, the features are its
   * {@linkplain ColumnEncoding#inputNames() inputs' names}}
   */
  public DataNames names() {
    return names;
  }

  /**
   * {@return how the training table's columns became the network's inputs, or null for a network
   * trained on numbers as they were (generated, IDX data, matrices)}
   */
  public ColumnEncoding encoding() {
    return encoding;
  }

  /**
   * A model.
   *
   * @param network the network
   * @param scaler the input scaling, or null
   * @param targetScaler the target scaling, or null
   * @param names the data's names, or null for none
   * @param encoding the columns' encoding, or null
   * @throws IllegalArgumentException if the scaler's features differ from {@code n[0]}, the
   *     target scaler's from {@code n[L]}, the encoding's inputs from {@code n[0]}, or the names
   *     do not fit the network's sizes or the encoding
   */
  public Model {
    Objects.requireNonNull(network, "network");
    if (scaler != null && scaler.features() != network.size(0)) {
      throw new IllegalArgumentException("the scaler has " + scaler.features()
          + " features but the network takes n[0] = " + network.size(0));
    }
    if (targetScaler != null && targetScaler.features() != network.size(network.depth())) {
      throw new IllegalArgumentException("the target scaler has " + targetScaler.features()
          + " rows but the network has n[L] = " + network.size(network.depth()) + " outputs");
    }
    names = names == null ? DataNames.NONE : names;
    int inputs = network.size(0);
    if (encoding != null && encoding.width() != inputs) {
      throw new IllegalArgumentException("the encoding makes " + encoding.width() + " inputs ("
          + encoding + ") but the network takes n[0] = " + inputs);
    }
    if (encoding != null && !names.features().isEmpty()
        && !names.features().equals(encoding.inputNames())) {
      throw new IllegalArgumentException("the feature names are not the encoding's inputs");
    }
    int outputs = network.size(network.depth());
    if (!names.features().isEmpty() && names.features().size() != inputs) {
      throw new IllegalArgumentException(names.features().size() + " feature names but the "
          + "network takes n[0] = " + inputs);
    }
    int classes = names.classes().size();
    // k classes: k outputs (softmax), or 2 classes on one output (sigmoid)
    if (classes > 0 && classes != outputs && !(classes == 2 && outputs == 1)) {
      throw new IllegalArgumentException(classes + " class names but the network has n[L] = "
          + outputs + " outputs");
    }
    int targets = names.targets().size();
    if (targets > 0 && targets != (classes > 0 ? 1 : outputs)) {
      throw new IllegalArgumentException(targets + " target names but the network has "
          + (classes > 0 ? "one label" : "n[L] = " + outputs + " outputs"));
    }
  }

  /**
   * A model of data that were numbers already (no column encoding).
   *
   * @param network the network
   * @param scaler the input scaling, or null
   * @param targetScaler the target scaling, or null
   * @param names the data's names, or null for none
   * @throws IllegalArgumentException if the scalers or the names do not fit the network
   */
  public Model(Network network, Scaler scaler, Scaler targetScaler, DataNames names) {
    this(network, scaler, targetScaler, names, null);
  }

  /**
   * A model whose network learned its targets as they are.
   *
   * @param network the network
   * @param scaler the input scaling, or null
   * @param names the data's names, or null for none
   * @throws IllegalArgumentException if the scaler or the names do not fit the network
   */
  public Model(Network network, Scaler scaler, DataNames names) {
    this(network, scaler, null, names, null);
  }

  /**
   * A model of data that named nothing, whose network learned its targets as they are.
   *
   * @param network the network
   * @param scaler the input scaling, or null
   * @throws IllegalArgumentException if the scaler's features differ from {@code n[0]}
   */
  public Model(Network network, Scaler scaler) {
    this(network, scaler, null, DataNames.NONE, null);
  }

  /**
   * The scaler, if any.
   *
   * @return the scaler
   */
  public Optional<Scaler> scaling() {
    return Optional.ofNullable(scaler);
  }

  /**
   * The target scaler, if any.
   *
   * @return the scaling of the regression targets
   */
  public Optional<Scaler> targetScaling() {
    return Optional.ofNullable(targetScaler);
  }

  /**
   * Predicts from one row of a table, given by column name: the columns the model was trained on
   * (others are ignored), encoded as in training, then scaled and propagated.
   *
   * <pre>{@code
   * double[] p = model.predictRow(Map.of("island", "Dream", "bill_length_mm", 39.5,
   *     "sex", "NA"));           // one output per class: softmax probabilities
   * String species = model.names().classes().get(argmax(p));
   * }</pre>
   *
   * With an encoding, a numeric column takes a {@link Number} or a number's text, a categorical
   * column a text (or a number for its decimal text); {@code null}, NaN and the encoding's missing
   * spellings are imputed, and a category never seen in training encodes as all zeros. Without
   * one, each feature the model names takes a number.
   *
   * @param row column name → value. Not modified.
   * @return the outputs {@code A[L]} of the row, in the targets' units: {@code n[L]} values
   * @throws IllegalArgumentException naming the column if one is absent or its value cannot be
   *     read, or if the model records no feature names
   */
  public double[] predictRow(Map<String, ?> row) {
    return predictRows(List.of(row)).data;
  }

  /**
   * Predicts from rows of a table, as {@link #predictRow} does for one.
   *
   * @param rows rows, each column name → value. Not modified.
   * @return {@code A[L]}, {@code n[L] × rows.size()}: column {@code i} is row {@code i}'s outputs
   * @throws IllegalArgumentException naming the row and column if a value cannot be read, or if
   *     there are no rows or the model records no feature names
   */
  public DMatrixRMaj predictRows(List<? extends Map<String, ?>> rows) {
    return predict(inputs(rows));
  }

  /** The network's raw inputs for rows of a table: encoded, not yet scaled. */
  private DMatrixRMaj inputs(List<? extends Map<String, ?>> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows to predict from");
    }
    int n = network.size(0);
    List<String> features = names.features();
    if (encoding == null && features.isEmpty()) {
      throw new IllegalArgumentException("the model records no feature names (trained on data "
          + "without a header, or a model file of format 1): give it a matrix with predict(X)");
    }
    DMatrixRMaj X = new DMatrixRMaj(n, rows.size());
    double[] x = new double[n];
    for (int i = 0; i < rows.size(); i++) {
      Map<String, ?> row = Objects.requireNonNull(rows.get(i), "row");
      try {
        if (encoding != null) {
          encoding.encode(row, x);
        } else {
          numbers(row, features, x);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException((rows.size() == 1 ? "" : "row " + i + ": ")
            + e.getMessage(), e);
      }
      for (int p = 0; p < n; p++) {
        X.data[p * X.numCols + i] = x[p];
      }
    }
    return X;
  }

  /** A row of a model without an encoding: each named feature, a finite number. */
  private static void numbers(Map<String, ?> row, List<String> features, double[] x) {
    for (int p = 0; p < features.size(); p++) {
      String name = features.get(p);
      Object v = row.get(name);
      if (!row.containsKey(name)) {
        throw new IllegalArgumentException("the row has no column '" + name + "'");
      }
      double value;
      if (v instanceof Number number) {
        value = number.doubleValue();
      } else if (v instanceof CharSequence text
          && Decimals.NUMBER.matcher(text.toString().trim()).matches()) {
        // as a CSV cell is read: decimal or scientific notation, not 0x1p3 or 1d
        value = Double.parseDouble(text.toString().trim());
      } else {
        value = Double.NaN;
      }
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("column '" + name + "': " + v + " is not a finite "
            + "number (the model was trained without missing values)");
      }
      x[p] = value;
    }
  }

  /**
   * Predicts from raw (unscaled) inputs, in the targets' units.
   *
   * @param X raw inputs, {@code n[0] × m}: for a model with an encoding, already encoded (as
   *     {@link io.ffnn.core.data.Csv} reads a file with {@code CsvFormat.withEncoding}). Not modified.
   * @return {@code A[L]}, brought back to the targets' units when the network learned scaled
   *     targets; a new matrix
   */
  public DMatrixRMaj predict(DMatrixRMaj X) {
    DMatrixRMaj A = network.predict(scaler == null ? X : scaler.transform(X));
    if (targetScaler != null) {
      targetScaler.inverseTransform(A, A);
    }
    return A;
  }
}

package io.ffnn.core.model;

import io.ffnn.core.Network;
import io.ffnn.core.data.Scaler;
import java.util.Objects;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * A trained network with the scaling it was trained with and the names of its data: {@link
 * #predict} scales raw inputs the same way before propagating them, and for a regression network
 * trained on scaled targets brings its outputs back to the targets' units. What {@link ModelFile}
 * saves and loads.
 *
 * @param network the network
 * @param scaler the input scaling fitted on the training data, or null for none
 * @param targetScaler the scaling of the regression targets the network was trained on (one row
 *     per output), or null when it learned the targets as they are
 * @param names the names of the features, targets and classes it was trained on ({@link
 *     DataNames#NONE} where the data named nothing)
 */
public record Model(Network network, Scaler scaler, Scaler targetScaler, DataNames names) {

  /**
   * A model.
   *
   * @param network the network
   * @param scaler the input scaling, or null
   * @param targetScaler the target scaling, or null
   * @param names the data's names, or null for none
   * @throws IllegalArgumentException if the scaler's features differ from {@code n[0]}, the
   *     target scaler's from {@code n[L]}, or the names do not fit the network's sizes
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
   * A model whose network learned its targets as they are.
   *
   * @param network the network
   * @param scaler the input scaling, or null
   * @param names the data's names, or null for none
   * @throws IllegalArgumentException if the scaler or the names do not fit the network
   */
  public Model(Network network, Scaler scaler, DataNames names) {
    this(network, scaler, null, names);
  }

  /**
   * A model of data that named nothing, whose network learned its targets as they are.
   *
   * @param network the network
   * @param scaler the input scaling, or null
   * @throws IllegalArgumentException if the scaler's features differ from {@code n[0]}
   */
  public Model(Network network, Scaler scaler) {
    this(network, scaler, null, DataNames.NONE);
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
   * Predicts from raw (unscaled) inputs, in the targets' units.
   *
   * @param X raw inputs, {@code n[0] × m}. Not modified.
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

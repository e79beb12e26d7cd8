package io.ffnn.core.model;

import io.ffnn.core.Network;
import io.ffnn.core.data.Scaler;
import java.util.Objects;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * A trained network with the feature scaling it was trained with: {@link #predict} scales raw
 * inputs the same way before propagating them. What {@link ModelFile} saves and loads.
 *
 * @param network the network
 * @param scaler the input scaling fitted on the training data, or null for none
 */
public record Model(Network network, Scaler scaler) {

  /**
   * A model.
   *
   * @param network the network
   * @param scaler the input scaling, or null
   * @throws IllegalArgumentException if the scaler's features differ from {@code n[0]}
   */
  public Model {
    Objects.requireNonNull(network, "network");
    if (scaler != null && scaler.features() != network.size(0)) {
      throw new IllegalArgumentException("the scaler has " + scaler.features()
          + " features but the network takes n[0] = " + network.size(0));
    }
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
   * Predicts from raw (unscaled) inputs.
   *
   * @param X raw inputs, {@code n[0] × m}. Not modified.
   * @return {@code A[L]}, a new matrix
   */
  public DMatrixRMaj predict(DMatrixRMaj X) {
    return network.predict(scaler == null ? X : scaler.transform(X));
  }
}

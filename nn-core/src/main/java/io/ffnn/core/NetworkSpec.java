package io.ffnn.core;

import io.ffnn.api.PluginSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable description of a network: layer sizes {@code n[0] … n[L]}, an activation spec per
 * layer {@code 1 … L}, a cost spec, an initializer and a seed. Build one with {@link #builder(int)}:
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder(2)   // n[0] = 2 inputs
 *     .layer(4, "tanh")                        // n[1] = 4, g[1] = tanh
 *     .layer(1, "sigmoid")                     // n[2] = 1, g[2] = sigmoid
 *     .cost("bce")
 *     .seed(7)
 *     .build();
 * }</pre>
 *
 * Specs are checked for syntax here and resolved to plugins by {@link Network#build}.
 */
public final class NetworkSpec {

  /**
   * The most layers with weights a network may have: what model files hold, so that every
   * network ffnn builds can be saved and loaded again.
   */
  public static final int MAX_LAYERS = 9_999;

  private final List<Integer> sizes;
  private final List<String> activations;
  private final List<Initializer> layerInitializers;
  private final List<Double> dropout;
  private final String cost;
  private final Initializer initializer;
  private final long seed;
  private final Precision precision;

  private NetworkSpec(Builder b) {
    this.sizes = List.copyOf(b.sizes);
    this.activations = List.copyOf(b.activations);
    this.layerInitializers = List.copyOf(b.layerInitializers);
    this.dropout = List.copyOf(b.dropout);
    this.cost = b.cost;
    this.initializer = b.initializer;
    this.seed = b.seed;
    this.precision = b.precision;
  }

  private NetworkSpec(NetworkSpec other, Precision precision) {
    this.sizes = other.sizes;
    this.activations = other.activations;
    this.layerInitializers = other.layerInitializers;
    this.dropout = other.dropout;
    this.cost = other.cost;
    this.initializer = other.initializer;
    this.seed = other.seed;
    this.precision = precision;
  }

  /**
   * Starts a spec with {@code n[0]} inputs.
   *
   * @param inputSize {@code n[0] >= 1}
   * @return a builder
   * @throws IllegalArgumentException if {@code inputSize < 1}
   */
  public static Builder builder(int inputSize) {
    return new Builder(inputSize);
  }

  /**
   * The number of layers with weights, {@code L}.
   *
   * @return {@code L >= 1}
   */
  public int depth() {
    return activations.size();
  }

  /**
   * The size of layer {@code l}.
   *
   * @param l {@code 0 … L}
   * @return {@code n[l]}
   */
  public int size(int l) {
    return sizes.get(l);
  }

  /**
   * All layer sizes.
   *
   * @return {@code [n[0], …, n[L]]}
   */
  public List<Integer> sizes() {
    return sizes;
  }

  /**
   * The activation spec of layer {@code l}.
   *
   * @param l {@code 1 … L}
   * @return e.g. {@code "relu"}
   * @throws IndexOutOfBoundsException if {@code l} is not in {@code 1 … L}
   */
  public String activation(int l) {
    if (l < 1 || l > depth()) {
      throw new IndexOutOfBoundsException("layer " + l + " is not in 1.." + depth());
    }
    return activations.get(l - 1);
  }

  /**
   * The initializer of layer {@code l}'s weights: the one given for that layer, else the spec's.
   *
   * @param l {@code 1 … L}
   * @return the initializer, possibly {@link Initializer#AUTO}
   * @throws IndexOutOfBoundsException if {@code l} is not in {@code 1 … L}
   */
  public Initializer initializer(int l) {
    activation(l);
    Initializer own = layerInitializers.get(l - 1);
    return own == Initializer.AUTO ? initializer : own;
  }

  /**
   * The dropout rate of layer {@code l}'s outputs during training.
   *
   * @param l {@code 1 … L}
   * @return {@code p} in {@code [0, 1)}; 0 for no dropout (always for the output layer)
   * @throws IndexOutOfBoundsException if {@code l} is not in {@code 1 … L}
   */
  public double dropout(int l) {
    activation(l);
    return dropout.get(l - 1);
  }

  /**
   * Whether any layer uses dropout.
   *
   * @return true if some {@link #dropout(int)} is above 0
   */
  public boolean hasDropout() {
    return dropout.stream().anyMatch(p -> p > 0);
  }

  /**
   * The cost spec.
   *
   * @return e.g. {@code "cce"}
   */
  public String cost() {
    return cost;
  }

  /**
   * The weight initializer of the layers that do not set their own.
   *
   * @return the initializer, {@link Initializer#AUTO} by default
   */
  public Initializer initializer() {
    return initializer;
  }

  /**
   * The seed of the initial weights.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The precision the network computes in.
   *
   * @return {@link Precision#FLOAT64} unless the builder set another
   */
  public Precision precision() {
    return precision;
  }

  /**
   * This spec with another precision: how a model saved in one precision is loaded for
   * computing in the other.
   *
   * @param precision the precision
   * @return a spec equal to this one but for the precision
   */
  public NetworkSpec withPrecision(Precision precision) {
    Objects.requireNonNull(precision, "precision");
    return precision == this.precision ? this : new NetworkSpec(this, precision);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(sizes.get(0));
    for (int l = 1; l <= depth(); l++) {
      sb.append(" -> ").append(sizes.get(l)).append(' ').append(activations.get(l - 1));
      if (dropout.get(l - 1) > 0) {
        sb.append(" (dropout ").append(dropout.get(l - 1)).append(')');
      }
      if (layerInitializers.get(l - 1) != Initializer.AUTO) {
        sb.append(" (").append(layerInitializers.get(l - 1)).append(')');
      }
    }
    sb.append(", cost ").append(cost).append(", ").append(initializer).append(", seed ")
        .append(seed);
    // float64 is the default and goes unsaid, so that descriptions from before the choice stand
    return precision == Precision.FLOAT64 ? sb.toString() : sb.append(", ").append(precision)
        .toString();
  }

  /** Builds a {@link NetworkSpec}. Not thread-safe. */
  public static final class Builder {
    private final List<Integer> sizes = new ArrayList<>();
    private final List<String> activations = new ArrayList<>();
    private final List<Initializer> layerInitializers = new ArrayList<>();
    private final List<Double> dropout = new ArrayList<>();
    private String cost;
    private Initializer initializer = Initializer.AUTO;
    private long seed = 1;
    private Precision precision = Precision.FLOAT64;

    private Builder(int inputSize) {
      requirePositive(inputSize, "n[0]");
      sizes.add(inputSize);
    }

    /**
     * Adds layer {@code l = L + 1}.
     *
     * @param size {@code n[l] >= 1}
     * @param activationSpec the activation, e.g. {@code "relu"} or {@code
     *     "leaky_relu(alpha=0.2)"}
     * @return this builder
     * @throws IllegalArgumentException if the size is not positive
     * @throws io.ffnn.api.PluginException if the spec is malformed
     */
    public Builder layer(int size, String activationSpec) {
      int l = sizes.size();
      requirePositive(size, "n[" + l + "]");
      Objects.requireNonNull(activationSpec, "activation spec of layer " + l);
      PluginSpec.parse(activationSpec);
      sizes.add(size);
      activations.add(activationSpec.trim());
      layerInitializers.add(Initializer.AUTO);
      dropout.add(0.0);
      return this;
    }

    /**
     * Sets the initializer of the layer added last, overriding {@link #initializer(Initializer)}.
     *
     * @param init the initializer of this layer's weights
     * @return this builder
     * @throws IllegalStateException if no layer was added yet
     */
    public Builder init(Initializer init) {
      Objects.requireNonNull(init, "initializer");
      layerInitializers.set(lastLayer("init") - 1, init);
      return this;
    }

    /**
     * Sets inverted dropout on the outputs of the layer added last: during training each output
     * is zeroed with probability {@code p} and the others are scaled by {@code 1/(1 − p)}; at
     * inference nothing is dropped. Only hidden layers may have dropout.
     *
     * @param p the rate, in {@code [0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is not in {@code [0, 1)}
     * @throws IllegalStateException if no layer was added yet
     */
    public Builder dropout(double p) {
      if (!(p >= 0 && p < 1)) {
        throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + p);
      }
      dropout.set(lastLayer("dropout") - 1, p);
      return this;
    }

    private int lastLayer(String what) {
      if (activations.isEmpty()) {
        throw new IllegalStateException(what + " applies to the layer added last; add one first");
      }
      return activations.size();
    }

    /**
     * Sets the cost.
     *
     * @param costSpec e.g. {@code "cce"}
     * @return this builder
     * @throws io.ffnn.api.PluginException if the spec is malformed
     */
    public Builder cost(String costSpec) {
      Objects.requireNonNull(costSpec, "cost spec");
      PluginSpec.parse(costSpec);
      this.cost = costSpec.trim();
      return this;
    }

    /**
     * Sets the weight initializer.
     *
     * @param initializer the initializer; {@link Initializer#AUTO} by default
     * @return this builder
     */
    public Builder initializer(Initializer initializer) {
      this.initializer = Objects.requireNonNull(initializer, "initializer");
      return this;
    }

    /**
     * Sets the seed of the initial weights.
     *
     * @param seed any value; 1 by default
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the precision the network computes in.
     *
     * @param precision {@link Precision#FLOAT64} by default
     * @return this builder
     */
    public Builder precision(Precision precision) {
      this.precision = Objects.requireNonNull(precision, "precision");
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the immutable spec
     * @throws IllegalStateException if no layer or no cost was given
     */
    public NetworkSpec build() {
      if (activations.isEmpty()) {
        throw new IllegalStateException("a network needs at least one layer after the input");
      }
      if (cost == null) {
        throw new IllegalStateException("a network needs a cost; call cost(\"...\")");
      }
      if (activations.size() > MAX_LAYERS) {
        throw new IllegalStateException("a network of " + activations.size() + " layers; ffnn "
            + "builds, saves and loads up to " + MAX_LAYERS);
      }
      if (dropout.get(dropout.size() - 1) > 0) {
        throw new IllegalStateException("dropout applies to hidden layers, but layer "
            + activations.size() + " is the output layer");
      }
      return new NetworkSpec(this);
    }

    private static void requirePositive(int size, String what) {
      if (size < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + size);
      }
    }
  }
}

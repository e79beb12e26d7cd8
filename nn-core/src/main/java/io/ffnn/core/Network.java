package io.ffnn.core;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.backend.Backend;
import io.ffnn.core.backend.Backends;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A fully connected feedforward network: weights {@code W[l]} ({@code n[l] × n[l-1]}), biases
 * {@code b[l]} ({@code n[l] × 1}), an activation {@code g[l]} per layer and a cost. Examples are
 * columns.
 *
 * <p>Forward propagation, for {@code l = 1 … L}: {@code Z[l] = W[l] A[l-1] + b[l]}, {@code A[l] =
 * g[l](Z[l])}, and {@code J = f(A[L], Y)}. Backward propagation, seeded with {@code dA[L] =
 * ∂J/∂A[L]} (or the cost's fused {@code dZ[L]}), for {@code l = L … 1}: {@code dZ[l] = Jacᵀ dA[l]}
 * column by column, {@code dW[l] = dZ[l] A[l-1]ᵀ}, {@code db[l] = Σ_i dZ[l][:,i]}, {@code dA[l-1] =
 * W[l]ᵀ dZ[l]}.
 *
 * <p>The weights and biases are this object's only mutable state, kept once, in the network's
 * precision. Reading them ({@link #W(int)}, {@link #b(int)}, {@link #parameter}, {@link
 * #getParameters}) returns copies and changes nothing; they are written only through methods
 * that say so: {@link #setParameter}, {@link #setParameters}, and {@link #update}, through which
 * optimizers update them in place. Propagation itself keeps
 * its buffers in a {@link Workspace}, one per thread: {@link #predict(DMatrixRMaj)} makes its own
 * and may be called from any number of threads at once, as long as nothing trains the network or
 * writes its weights meanwhile; the forms that take a workspace need one per thread.
 *
 * <p>A network of {@link Precision#FLOAT32} (see {@link NetworkSpec#precision()}) keeps its
 * weights and biases as {@code float} only, four bytes each: it multiplies with them, training
 * updates them in place, reading widens them (exactly) and writing rounds to {@code float}. A
 * float32 model file holds the floats, so it reproduces the network's predictions exactly.
 */
public final class Network {

  private final NetworkSpec spec;
  private final int L;
  private final int[] n;
  private final Activation[] g;
  private final Cost cost;
  private final double[] dropout;
  private final Backend backend;
  private final ParameterLayout layout;
  private final Precision precision;
  /** The weights and biases, once, in the network's precision. */
  private final ParameterStore store;
  private final Recurrences recurrences;

  private Network(NetworkSpec spec, Activation[] g, Cost cost, Backend backend) {
    this.spec = spec;
    this.L = spec.depth();
    this.n = spec.sizes().stream().mapToInt(Integer::intValue).toArray();
    this.g = g;
    this.cost = cost;
    this.dropout = new double[L + 1];
    for (int l = 1; l <= L; l++) {
      dropout[l] = spec.dropout(l);
    }
    this.backend = backend;
    this.layout = ParameterLayout.of(n);
    this.precision = spec.precision();
    this.store = new ParameterStore(spec, n, g, layout);
    this.recurrences = new Recurrences(n, g, cost, dropout, backend, store);
  }

  /**
   * Builds a network with the plugins of the default registry and the default backend ({@link
   * Backends#getDefault()}).
   *
   * @param spec the network spec
   * @return a network with freshly initialised weights
   * @throws PluginException if a plugin is unknown or its parameters are rejected; the message
   *     names the layer
   * @throws IllegalArgumentException if the cost cannot work with the output layer
   */
  public static Network build(NetworkSpec spec) {
    return build(spec, PluginRegistry.getDefault(), Backends.getDefault());
  }

  /**
   * Builds a network with the plugins of a given registry.
   *
   * @param spec the network spec
   * @param registry where to look the plugins up
   * @return a network with freshly initialised weights
   * @throws PluginException if a plugin is unknown or its parameters are rejected; the message
   *     names the layer
   * @throws IllegalArgumentException if the cost cannot work with the output layer
   */
  public static Network build(NetworkSpec spec, PluginRegistry registry) {
    return build(spec, registry, Backends.getDefault());
  }

  /**
   * Builds a network with a given registry and matrix-product backend.
   *
   * @param spec the network spec
   * @param registry where to look the plugins up
   * @param backend the backend of {@code W A}, {@code dZ Aᵀ} and {@code Wᵀ dZ}
   * @return a network with freshly initialised weights
   * @throws PluginException if a plugin is unknown or its parameters are rejected; the message
   *     names the layer
   * @throws IllegalArgumentException if the cost cannot work with the output layer, or the
   *     weights would take more than a quarter of the maximum heap
   */
  public static Network build(NetworkSpec spec, PluginRegistry registry, Backend backend) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(backend, "backend");
    Activation[] g = Recurrences.activations(spec, registry);
    Cost cost = Recurrences.cost(spec, registry, g[spec.depth()]);
    ParameterStore.checkBudget(spec);
    return new Network(spec, g, cost, backend);
  }

  /**
   * The spec this network was built from.
   *
   * @return the spec
   */
  public NetworkSpec spec() {
    return spec;
  }

  /**
   * The number of layers with weights.
   *
   * @return {@code L}
   */
  public int depth() {
    return L;
  }

  /**
   * The size of layer {@code l}.
   *
   * @param l {@code 0 … L}
   * @return {@code n[l]}
   */
  public int size(int l) {
    return n[checkLayer(l, 0)];
  }

  /**
   * The activation of layer {@code l}.
   *
   * @param l {@code 1 … L}
   * @return {@code g[l]}
   */
  public Activation activation(int l) {
    return g[checkLayer(l, 1)];
  }

  /**
   * The cost.
   *
   * @return the cost plugin
   */
  public Cost cost() {
    return cost;
  }

  /**
   * Whether {@link GradientPath#AUTO} takes the cost's fused output gradient.
   *
   * @return true if the cost declared a fused form for the output activation
   */
  public boolean usesFusedOutput() {
    return recurrences.fused();
  }

  /**
   * A copy of this network that computes in the given precision: the same spec (but for the
   * precision), plugins and backend, and a copy of the weights. A float32 network's float64 copy
   * computes in double with the same (float) weights exactly; a float64 network's float32
   * copy multiplies with them rounded to float.
   *
   * @param precision the copy's precision
   * @return a new network, independent of this one
   */
  public Network inPrecision(Precision precision) {
    Network copy = new Network(spec.withPrecision(precision), g, cost, backend);
    double[] flat = new double[parameterCount()];
    getParameters(flat);
    copy.setParameters(flat);
    return copy;
  }

  /**
   * The precision this network computes in.
   *
   * @return {@link NetworkSpec#precision()}
   */
  public Precision precision() {
    return precision;
  }

  /**
   * The backend of the matrix products.
   *
   * @return the backend
   */
  public Backend backend() {
    return backend;
  }

  /**
   * A copy of the weights of layer {@code l} (a float32 network's widened exactly).
   *
   * @param l {@code 1 … L}
   * @return a new {@code n[l] × n[l-1]} matrix {@code W[l]}; writing to it changes nothing
   */
  public DMatrixRMaj W(int l) {
    return parameter(layout.weights(checkLayer(l, 1)));
  }

  /**
   * A copy of the biases of layer {@code l} (a float32 network's widened exactly).
   *
   * @param l {@code 1 … L}
   * @return a new {@code n[l] × 1} matrix {@code b[l]}; writing to it changes nothing
   */
  public DMatrixRMaj b(int l) {
    return parameter(layout.biases(checkLayer(l, 1)));
  }

  /**
   * The layout of this network's parameters: their order, names, sizes and flat copy.
   *
   * @return the layout
   */
  public ParameterLayout layout() {
    return layout;
  }

  /**
   * A copy of a parameter (a float32 network's widened exactly).
   *
   * @param p a parameter of {@link #layout()}
   * @return a new matrix holding {@code W[l]} or {@code b[l]}; writing to it changes nothing
   * @throws IllegalArgumentException if {@code p} does not fit this network's layout
   */
  public DMatrixRMaj parameter(ParameterLayout.Parameter p) {
    return store.copy(p);
  }

  /**
   * Writes a parameter: {@code W[l]} or {@code b[l]} becomes {@code values} (rounded to {@code
   * float} in a float32 network).
   *
   * @param p a parameter of {@link #layout()}
   * @param values its new entries, {@code p.rows() × p.cols()}. Not modified.
   * @throws IllegalArgumentException if {@code p} does not fit this network's layout or {@code
   *     values} has another shape
   */
  public void setParameter(ParameterLayout.Parameter p, DMatrixRMaj values) {
    store.set(p, values);
  }

  /**
   * Updates the entries {@code from ≤ k < to} of a parameter in place: {@code rule} is handed the
   * parameter's own entries and {@code ws}'s gradient of it, both in this network's precision
   * (a float32 network's as {@code float}, unless the workspace's gradients were set in {@code
   * double}: then the rule's {@code double} form runs on the entries widened, and the result is
   * rounded back). How optimizers write; calls for disjoint ranges may run on different threads
   * at once.
   *
   * @param p a parameter of {@link #layout()}
   * @param ws a workspace of this network holding gradients. Not modified by this method.
   * @param from the first entry
   * @param to one past the last entry
   * @param rule the update
   * @throws IllegalArgumentException if {@code p} or {@code ws} does not fit this network
   * @throws IllegalStateException if {@code ws} holds no gradients
   * @throws IndexOutOfBoundsException if the range is not within the parameter
   */
  public void update(ParameterLayout.Parameter p, Workspace ws, int from, int to,
      ParameterUpdate rule) {
    recurrences.checkWorkspace(ws);
    store.update(p, ws, from, to, Objects.requireNonNull(rule, "rule"));
  }

  /**
   * Whether every weight and bias is finite, read in place: what training checks after a step.
   *
   * @return false if some entry is NaN or infinite
   */
  public boolean allFinite() {
    return store.allFinite();
  }

  /** A float64 network's own matrix of a parameter, for the gradient check's probes. */
  DMatrixRMaj live(ParameterLayout.Parameter p) {
    return store.live(p);
  }

  /**
   * The number of parameters, {@code Σ_l n[l] (n[l-1] + 1)}: the length of the flat copy of
   * {@link #getParameters}.
   *
   * @return the number of weights and biases
   */
  public int parameterCount() {
    return layout.count();
  }

  /**
   * Copies the parameters into one flat array in the {@link #layout()}'s order — the form in which
   * they travel between machines. A float32 network's are the floats it computes with.
   *
   * @param flat {@link #parameterCount()} entries. Modified.
   * @throws IllegalArgumentException if {@code flat} has another length
   */
  public void getParameters(double[] flat) {
    store.getAll(flat);
  }

  /**
   * Sets the parameters from the flat copy of {@link #getParameters} (rounded to {@code float} in
   * a float32 network).
   *
   * @param flat {@link #parameterCount()} entries. Not modified.
   * @throws IllegalArgumentException if {@code flat} has another length
   */
  public void setParameters(double[] flat) {
    store.setAll(flat);
  }

  /**
   * A new workspace for this network's shape.
   *
   * @return an empty workspace; its buffers grow on the first batch
   */
  public Workspace newWorkspace() {
    return new Workspace(layout, n, dropout, precision);
  }

  /**
   * Forward propagation without a cost: fills {@code Z[l]}, {@code A[l]} of the workspace.
   *
   * @param X the inputs {@code A[0]}, {@code n[0] × m}. Not modified; referenced by the workspace.
   * @param ws the workspace. Modified.
   * @return {@code A[L]}, a live view into the workspace
   * @throws IllegalArgumentException if {@code X} does not have {@code n[0]} rows or has no column
   * @throws PropagationException if an activation fails
   */
  public DMatrixRMaj predict(DMatrixRMaj X, Workspace ws) {
    recurrences.propagate(X, null, false, ws);
    return ws.A[L];
  }

  /**
   * Forward propagation of a batch in either precision and layout: a float32 network multiplies
   * {@code float} examples as they are (no conversion), a float64 one widens them (exactly) into
   * the workspace first.
   *
   * @param batch the inputs {@code A[0]}. Not modified; referenced by the workspace.
   * @param ws the workspace. Modified.
   * @return {@code A[L]}, a live view into the workspace
   * @throws IllegalArgumentException if the examples do not have {@code n[0]} features or there
   *     are none
   * @throws PropagationException if an activation fails
   */
  public DMatrixRMaj predict(Batch batch, Workspace ws) {
    recurrences.propagate(batch, ws);
    return ws.A[L];
  }

  /**
   * Forward propagation into a fresh workspace.
   *
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @return a new matrix {@code A[L]}, {@code n[L] × m}
   * @throws IllegalArgumentException if {@code X} does not have {@code n[0]} rows or has no column
   */
  public DMatrixRMaj predict(DMatrixRMaj X) {
    return predict(X, newWorkspace()).copy();
  }

  /**
   * Forward propagation and the cost {@code J = f(A[L], Y)}.
   *
   * @param X the inputs {@code A[0]}, {@code n[0] × m}. Not modified; referenced by the workspace.
   * @param Y the targets, {@code n[L] × m} ({@code 1 × m} for class indices). Not modified.
   * @param ws the workspace. Modified.
   * @return {@code J}
   * @throws IllegalArgumentException if a shape is wrong
   * @throws PropagationException if a plugin fails
   */
  public double forward(DMatrixRMaj X, DMatrixRMaj Y, Workspace ws) {
    recurrences.propagate(X, null, false, ws);
    return recurrences.cost(Y, ws);
  }

  /**
   * {@link #forward(DMatrixRMaj, DMatrixRMaj, Workspace)} of a batch, as {@link #predict(Batch,
   * Workspace)} takes it.
   *
   * @param batch the inputs {@code A[0]}. Not modified; referenced by the workspace.
   * @param Y the targets, {@code n[L] × m} ({@code 1 × m} for class indices). Not modified.
   * @param ws the workspace. Modified.
   * @return {@code J}
   * @throws IllegalArgumentException if a shape is wrong
   * @throws PropagationException if a plugin fails
   */
  public double forward(Batch batch, DMatrixRMaj Y, Workspace ws) {
    recurrences.propagate(batch, ws);
    return recurrences.cost(Y, ws);
  }

  /**
   * Forward and backward propagation on the {@link GradientPath#AUTO} path.
   *
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@code n[L] × m} ({@code 1 × m} for class indices). Not modified.
   * @param ws the workspace; receives the cache and the gradients {@code dW[l]}, {@code db[l]}.
   *     Modified.
   * @return {@code J} before the gradients are applied
   * @throws IllegalArgumentException if a shape is wrong
   * @throws PropagationException if a plugin fails
   */
  public double computeGradients(DMatrixRMaj X, DMatrixRMaj Y, Workspace ws) {
    return computeGradients(X, Y, ws, GradientPath.AUTO);
  }

  /**
   * Forward and backward propagation on a chosen path.
   *
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@code n[L] × m} ({@code 1 × m} for class indices). Not modified.
   * @param ws the workspace; receives the cache and the gradients. Modified.
   * @param path how {@code dZ} is formed
   * @return {@code J}
   * @throws IllegalArgumentException if a shape is wrong
   * @throws PropagationException if a plugin fails
   */
  public double computeGradients(
      DMatrixRMaj X, DMatrixRMaj Y, Workspace ws, GradientPath path) {
    double J = forward(X, Y, ws);
    backward(Y, ws, path);
    return J;
  }

  /**
   * Forward and backward propagation of a batch on the {@link GradientPath#AUTO} path: how
   * training feeds the network its mini-batches, in whichever precision and layout it gathered
   * them.
   *
   * @param batch the examples. Not modified; referenced by the workspace.
   * @param Y the targets, {@code n[L] × m} ({@code 1 × m} for class indices). Not modified.
   * @param ws the workspace; receives the cache and the gradients. Modified.
   * @return {@code J}
   * @throws IllegalArgumentException if a shape is wrong
   * @throws PropagationException if a plugin fails
   */
  public double computeGradients(Batch batch, DMatrixRMaj Y, Workspace ws) {
    double J = forward(batch, Y, ws);
    backward(Y, ws, GradientPath.AUTO);
    return J;
  }

  /**
   * Backward propagation from the cache of the last {@link #forward} through {@code ws}: fills
   * {@code dZ[l]}, {@code dA[l]}, {@code dW[l]} and {@code db[l]}.
   *
   * @param Y the targets of that forward pass, {@link #targetRows()} {@code × m}. Not modified.
   * @param ws the workspace of that forward pass. Modified.
   * @param path how {@code dZ} is formed
   * @throws IllegalStateException if {@code ws} holds no forward pass
   * @throws IllegalArgumentException if {@code Y} has the wrong shape
   * @throws PropagationException if a plugin fails
   */
  public void backward(DMatrixRMaj Y, Workspace ws, GradientPath path) {
    recurrences.backward(Y, ws, path);
  }

  /**
   * The number of rows of a target matrix: {@code n[L]}, or 1 for a cost that takes class indices.
   *
   * @return the rows of {@code Y}
   */
  public int targetRows() {
    return recurrences.targetRows();
  }

  private int checkLayer(int l, int first) {
    if (l < first || l > L) {
      throw new IndexOutOfBoundsException("layer " + l + " is not in " + first + ".." + L);
    }
    return l;
  }

  @Override
  public String toString() {
    return "Network[" + spec + "]";
  }
}

package io.ffnn.core;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.Jacobians;
import io.ffnn.api.Plugin;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.Shapes;
import io.ffnn.core.backend.Backend;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.internal.Finite;
import io.ffnn.core.internal.Floats;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

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
  private final boolean fused;
  private final int targetRows;
  private final double[] dropout;
  /** A float64 network's weights and biases, else null. */
  private final DMatrixRMaj[] W;
  private final DMatrixRMaj[] b;
  private final Backend backend;
  private final ParameterLayout layout;
  private final Precision precision;
  /** A float32 network's weights and biases, else null. */
  private final FMatrixRMaj[] W32;
  private final FMatrixRMaj[] b32;
  /**
   * A float32 network's parameters widened for an update whose gradients are {@code double}
   * (set with {@link Workspace#setGradients}), made on first need, by parameter index.
   */
  private volatile double[][] wide;

  private Network(NetworkSpec spec, Activation[] g, Cost cost, Backend backend) {
    this.spec = spec;
    this.L = spec.depth();
    this.n = spec.sizes().stream().mapToInt(Integer::intValue).toArray();
    this.g = g;
    this.cost = cost;
    this.fused = cost.fusesWith(g[L]);
    this.targetRows = cost.targetDomain().rows(n[L]);
    this.dropout = new double[L + 1];
    for (int l = 1; l <= L; l++) {
      dropout[l] = spec.dropout(l);
    }
    this.backend = backend;
    this.layout = ParameterLayout.of(n);
    this.precision = spec.precision();
    boolean float32 = precision == Precision.FLOAT32;
    this.W = float32 ? null : new DMatrixRMaj[L + 1];
    this.b = float32 ? null : new DMatrixRMaj[L + 1];
    this.W32 = float32 ? new FMatrixRMaj[L + 1] : null;
    this.b32 = float32 ? new FMatrixRMaj[L + 1] : null;
    Random rng = new Random(spec.seed());
    for (int l = 1; l <= L; l++) {
      // drawn in double and, for float32, rounded once
      DMatrixRMaj Wl = new DMatrixRMaj(n[l], n[l - 1]);
      spec.initializer(l).resolve(g[l]).fill(Wl, rng);
      if (float32) {
        W32[l] = Floats.narrow(Wl, new FMatrixRMaj(1, 1));
        b32[l] = new FMatrixRMaj(n[l], 1);
      } else {
        W[l] = Wl;
        b[l] = new DMatrixRMaj(n[l], 1);
      }
    }
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
    int depth = spec.depth();
    Activation[] g = new Activation[depth + 1];
    for (int l = 1; l <= depth; l++) {
      try {
        g[l] = registry.activation(spec.activation(l));
      } catch (PluginException e) {
        throw new PluginException("layer " + l + ": " + e.getMessage(), e);
      }
    }
    Cost cost;
    try {
      cost = registry.cost(spec.cost());
    } catch (PluginException e) {
      throw new PluginException("cost: " + e.getMessage(), e);
    }
    checkDomains(cost, g[depth]);
    try {
      cost.checkOutputLayer(g[depth], spec.size(depth));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cost '" + cost.spec() + "' cannot follow output activation '" + g[depth].spec()
              + "' with n[L] = " + spec.size(depth) + ": " + e.getMessage(), e);
    }
    int[] n = spec.sizes().stream().mapToInt(Integer::intValue).toArray();
    long bytes = (spec.precision() == Precision.FLOAT32 ? 4 : 8) * ParameterLayout.countOf(n);
    long budget = Runtime.getRuntime().maxMemory() / 4;
    if (bytes < 0 || bytes > budget) {
      // refused before allocating, not with an OutOfMemoryError: training holds the weights
      // several times over (gradients, optimizer state, the threads' workspaces)
      throw new IllegalArgumentException("layer sizes " + java.util.Arrays.toString(n) + " need "
          + ParameterLayout.countOf(n) + " parameters, " + bytes + " bytes of weights; a "
          + "network may take at most a quarter of the maximum heap, " + budget + " bytes");
    }
    return new Network(spec, g, cost, backend);
  }

  /**
   * Rejects an output activation whose outputs can leave the cost's domain, e.g. {@code relu} with
   * {@code bce}: {@code "cost 'bce' cannot follow output activation 'relu': relu's outputs lie in
   * [0, ∞) but bce needs Ŷ in (0, 1): outputs can be 0; outputs can be ≥ 1"}.
   */
  private static void checkDomains(Cost cost, Activation output) {
    if (cost.outputDomain() == null || cost.targetDomain() == null) {
      throw new PluginException("cost '" + cost.spec() + "' (" + cost.getClass().getName()
          + ") declares no output or target domain (null)");
    }
    if (output.outputRange() == null) {
      throw new PluginException("activation '" + output.spec() + "' (" + output.getClass()
          .getName() + ") declares no output range (null)");
    }
    List<String> why = cost.outputDomain().whyNotContains(output.outputRange());
    if (!why.isEmpty()) {
      throw new IllegalArgumentException("cost '" + cost.spec() + "' cannot follow output "
          + "activation '" + output.spec() + "': " + output.spec() + "'s outputs lie in "
          + output.outputRange() + " but " + cost.spec() + " needs Ŷ in " + cost.outputDomain()
          + ": " + String.join("; ", why));
    }
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
    return fused;
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
    checkParameter(p);
    DMatrixRMaj copy = new DMatrixRMaj(p.rows(), p.cols());
    if (W32 == null) {
      System.arraycopy(live(p).data, 0, copy.data, 0, p.size());
    } else {
      Floats.widen(live32(p), 0, copy.data, 0, p.size());
    }
    return copy;
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
    checkParameter(p);
    Objects.requireNonNull(values, "values");
    if (values.numRows != p.rows() || values.numCols != p.cols()) {
      throw new IllegalArgumentException(p.name() + " is " + p.rows() + "x" + p.cols()
          + " but the values are " + Shapes.of(values));
    }
    write(p, values.data, 0, 1.0);
  }

  /** {@code θ_p ← factor · source[from …]}, rounded to float in a float32 network. */
  private void write(ParameterLayout.Parameter p, double[] source, int from, double factor) {
    if (W32 == null) {
      double[] theta = live(p).data;
      for (int k = 0; k < theta.length; k++) {
        theta[k] = factor * source[from + k];
      }
    } else {
      float[] theta = live32(p);
      for (int k = 0; k < theta.length; k++) {
        theta[k] = (float) (factor * source[from + k]);
      }
    }
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
    checkParameter(p);
    checkWorkspace(ws);
    Objects.checkFromToIndex(from, to, p.size());
    if (!ws.hasGradients) {
      throw new IllegalStateException("the workspace holds no gradients");
    }
    if (W32 == null) {
      rule.update(p, live(p).data, ws.gradient(p).data, from, to);
    } else if (ws.gradientsInFloat) {
      rule.update(p, live32(p), (p.isWeights() ? ws.dW32 : ws.db32)[p.layer()].data, from, to);
    } else {
      double[] theta = wide(p);
      float[] theta32 = live32(p);
      Floats.widen(theta32, from, theta, from, to - from);
      rule.update(p, theta, ws.gradient(p).data, from, to);
      Floats.narrow(theta, from, theta32, from, to - from);
    }
  }

  private double[] wide(ParameterLayout.Parameter p) {
    double[][] w = wide;
    if (w == null) {
      synchronized (this) {
        w = wide;
        if (w == null) {
          w = new double[layout.parameters().size()][];
          for (ParameterLayout.Parameter q : layout.parameters()) {
            w[q.index()] = new double[q.size()];
          }
          wide = w;
        }
      }
    }
    return w[p.index()];
  }

  /**
   * Whether every weight and bias is finite, read in place: what training checks after a step.
   *
   * @return false if some entry is NaN or infinite
   */
  public boolean allFinite() {
    for (int l = 1; l <= L; l++) {
      boolean finite = W32 == null
          ? Finite.allFinite(W[l].data, 0, W[l].data.length)
              && Finite.allFinite(b[l].data, 0, b[l].data.length)
          : Finite.allFinite(W32[l].data, 0, W32[l].data.length)
              && Finite.allFinite(b32[l].data, 0, b32[l].data.length);
      if (!finite) {
        return false;
      }
    }
    return true;
  }

  /** A float64 network's own matrix of a parameter, for the gradient check's probes. */
  DMatrixRMaj live(ParameterLayout.Parameter p) {
    return p.isWeights() ? W[p.layer()] : b[p.layer()];
  }

  private float[] live32(ParameterLayout.Parameter p) {
    return (p.isWeights() ? W32[p.layer()] : b32[p.layer()]).data;
  }

  private void checkParameter(ParameterLayout.Parameter p) {
    Objects.requireNonNull(p, "parameter");
    if (p.layer() < 1 || p.layer() > L || p.index() >= layout.parameters().size()
        || !layout.parameters().get(p.index()).equals(p)) {
      throw new IllegalArgumentException(p + " is not a parameter of " + layout);
    }
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
    layout.checkFlat(flat, "parameters");
    for (ParameterLayout.Parameter p : layout.parameters()) {
      if (W32 == null) {
        System.arraycopy(live(p).data, 0, flat, p.offset(), p.size());
      } else {
        Floats.widen(live32(p), 0, flat, p.offset(), p.size());
      }
    }
  }

  /**
   * Sets the parameters from the flat copy of {@link #getParameters} (rounded to {@code float} in
   * a float32 network).
   *
   * @param flat {@link #parameterCount()} entries. Not modified.
   * @throws IllegalArgumentException if {@code flat} has another length
   */
  public void setParameters(double[] flat) {
    layout.checkFlat(flat, "parameters");
    for (ParameterLayout.Parameter p : layout.parameters()) {
      write(p, flat, p.offset(), 1.0);
    }
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
    propagate(X, null, false, ws);
    return ws.A[L];
  }

  /**
   * Forward propagation of {@code float} inputs: a float32 network multiplies them as they are
   * (no conversion), a float64 one widens them (exactly) into the workspace first.
   *
   * @param X the inputs {@code A[0]}, {@code n[0] × m}. Not modified; referenced by the workspace.
   * @param ws the workspace. Modified.
   * @return {@code A[L]}, a live view into the workspace
   * @throws IllegalArgumentException if {@code X} does not have {@code n[0]} rows or has no column
   * @throws PropagationException if an activation fails
   */
  public DMatrixRMaj predict(FMatrixRMaj X, Workspace ws) {
    propagate(null, Objects.requireNonNull(X, "X"), false, ws);
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
    propagate(X, null, false, ws);
    return cost(Y, ws);
  }

  /**
   * {@link #forward(DMatrixRMaj, DMatrixRMaj, Workspace)} of {@code float} inputs, as {@link
   * #predict(FMatrixRMaj, Workspace)} takes them.
   *
   * @param X the inputs {@code A[0]}, {@code n[0] × m}. Not modified; referenced by the workspace.
   * @param Y the targets, {@code n[L] × m} ({@code 1 × m} for class indices). Not modified.
   * @param ws the workspace. Modified.
   * @return {@code J}
   * @throws IllegalArgumentException if a shape is wrong
   * @throws PropagationException if a plugin fails
   */
  public double forward(FMatrixRMaj X, DMatrixRMaj Y, Workspace ws) {
    propagate(null, Objects.requireNonNull(X, "X"), false, ws);
    return cost(Y, ws);
  }

  private double cost(DMatrixRMaj Y, Workspace ws) {
    checkTargets(Y, ws.m);
    try {
      return cost.value(ws.A[L], Y);
    } catch (RuntimeException e) {
      throw pluginFailure(L, cost, "value", e);
    }
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
   * Forward and backward propagation of {@code float} inputs on the {@link GradientPath#AUTO}
   * path: how training feeds a float32 network its batches without a {@code double} copy.
   *
   * @param X the inputs, {@code n[0] × m}. Not modified.
   * @param Y the targets, {@code n[L] × m} ({@code 1 × m} for class indices). Not modified.
   * @param ws the workspace; receives the cache and the gradients. Modified.
   * @return {@code J}
   * @throws IllegalArgumentException if a shape is wrong
   * @throws PropagationException if a plugin fails
   */
  public double computeGradients(FMatrixRMaj X, DMatrixRMaj Y, Workspace ws) {
    double J = forward(X, Y, ws);
    backward(Y, ws, GradientPath.AUTO);
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
    propagate(batch, ws);
    double J = cost(Y, ws);
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
    checkWorkspace(ws);
    Objects.requireNonNull(path, "path");
    if (ws.m == 0) {
      throw new IllegalStateException("backward needs a forward pass through this workspace first");
    }
    final int m = ws.m;
    checkTargets(Y, m);

    for (int l = L; l >= 1; l--) {
      // dZ[l] = Jac[l]ᵀ dA[l], column by column; at l = L from the cost's seed dA[L] = ∂J/∂A[L],
      // or the cost's fused dZ[L] directly
      if (l == L) {
        outputGradient(Y, ws, path);
      } else {
        activationBackward(l, ws, path);
      }
      if (W32 == null) {
        // dW[l] = dZ[l] A[l-1]ᵀ, with A[l-1] as layer l received it (after dropout)
        backend.multTransB(ws.dZ[l], ws.afterDropout[l - 1], ws.dW[l]);
        // db[l] = Σ_i dZ[l][:, i]
        LayerKernels.rowSums(ws.dZ[l], ws.db[l]);
        if (l > 1) {
          // dA[l-1] = W[l]ᵀ dZ[l]
          backend.multTransA(W[l], ws.dZ[l], ws.dA[l - 1]);
        }
      } else {
        // the same in float: db[l] summed in double as dZ[l] is rounded for the products
        LayerKernels.narrowRowSums(ws.dZ[l], ws.dZ32[l], ws.db32[l]);
        if (l == 1 && ws.inputAsRows) {
          // A[0] is held as its transpose, the rows: dW[1] = dZ[1] rows
          backend.mult(ws.dZ32[l], ws.A32[0], ws.dW32[l]);
        } else {
          backend.multTransB(ws.dZ32[l], ws.A32[l - 1], ws.dW32[l]);
        }
        if (l > 1) {
          backend.multTransA(W32[l], ws.dZ32[l], ws.dA32[l - 1]);
          Floats.widen(ws.dA32[l - 1], ws.dA[l - 1]);
        }
      }
      if (l > 1) {
        if (ws.afterDropout[l - 1] == ws.masked[l - 1]) {
          // layer l saw A[l-1] ⊙ mask, so ∂J/∂A[l-1] = (W[l]ᵀ dZ[l]) ⊙ mask
          LayerKernels.multiplyInPlace(ws.dA[l - 1], ws.mask[l - 1]);
        }
      }
    }
    ws.hasGradients = true;
    ws.gradientsInFloat = W32 != null;
  }

  /**
   * {@code dZ[L]}: the cost's fused form on the AUTO path where it has one, else seed × Jacᵀ;
   * its columns weighed by the workspace's example weights, if it has them.
   */
  private void outputGradient(DMatrixRMaj Y, Workspace ws, GradientPath path) {
    final int m = ws.m;
    if (fused && path == GradientPath.AUTO) {
      try {
        cost.fusedOutputGradient(g[L], ws.Z[L], ws.A[L], Y, ws.dZ[L]);
      } catch (RuntimeException e) {
        throw pluginFailure(L, cost, "fused output gradient", e);
      }
      checkShape(L, cost, "fused output gradient dZ", ws.dZ[L], m);
    } else {
      try {
        cost.seed(ws.A[L], Y, ws.dA[L]);
      } catch (RuntimeException e) {
        throw pluginFailure(L, cost, "seed", e);
      }
      checkShape(L, cost, "seed dA", ws.dA[L], m);
      activationBackward(L, ws, path);
    }
    if (ws.exampleWeights != null) {
      // ∂J_w/∂z[:,i] = w_i ∂J/∂z[:,i]: the cost's gradient of example i carries its 1/m, and
      // the column's Jacobian is linear, so weighing dZ[L] weighs seed and fused form alike
      if (ws.exampleWeights.length < m) {
        throw new IllegalArgumentException("the workspace weighs " + ws.exampleWeights.length
            + " examples but the batch has " + m);
      }
      LayerKernels.scaleColumns(ws.dZ[L], ws.exampleWeights);
    }
  }

  /**
   * Forward propagation of a batch: a float32 network multiplies float columns as they are and
   * float rows transposed; a float64 one widens float examples (exactly), as columns.
   */
  private void propagate(Batch batch, Workspace ws) {
    propagate(Objects.requireNonNull(batch, "batch").X, batch.X32, batch.rows, ws);
  }

  /** {@link #propagate(Batch, Workspace)} of the batch's parts, without making one. */
  private void propagate(DMatrixRMaj X, FMatrixRMaj X32, boolean asRows, Workspace ws) {
    checkWorkspace(ws);
    if (X == null) {
      Objects.requireNonNull(X32, "X");
    }
    int rows = X != null ? X.numRows : asRows ? X32.numCols : X32.numRows;
    int m = X != null ? X.numCols : asRows ? X32.numRows : X32.numCols;
    if (rows != n[0]) {
      throw new IllegalArgumentException(
          "layer 1: W is " + n[1] + "x" + n[0] + " but X = A[0] has " + rows
              + " rows; the network's input layer has n[0] = " + n[0]);
    }
    if (m < 1) {
      throw new IllegalArgumentException("X has no columns; a mini-batch needs m >= 1 examples");
    }
    if (ws.masksFrozen && ws.m != 0 && ws.m != m) {
      throw new IllegalStateException("the workspace's dropout masks are frozen for batches of "
          + ws.m + " but X has " + m + " columns");
    }
    boolean frozen = ws.masksFrozen;
    ws.prepare(m);
    ws.input32 = X32;
    ws.inputAsRows = asRows;
    if (W32 != null) {
      // a float batch is multiplied as it is; a double one is rounded once
      ws.A32[0] = X32 != null ? X32 : Floats.narrow(X, ws.X32);
    }
    // float examples widened (and turned into columns) for a float64 network
    DMatrixRMaj in = X != null ? X : W32 == null ? ws.A(0) : null;
    ws.A[0] = in;
    ws.afterDropout[0] = in;
    for (int l = 1; l <= L; l++) {
      if (W32 == null) {
        // Z[l] = W[l] A[l-1] + b[l], with A[l-1] after dropout
        backend.mult(W[l], ws.afterDropout[l - 1], ws.Z[l]);
        LayerKernels.addBias(ws.Z[l], b[l]);
      } else {
        // the same in float, the sum with b[l] widened to double for the activation
        if (l == 1 && asRows) {
          // Z[1] = W[1] rowsᵀ
          backend.multTransB(W32[l], ws.A32[0], ws.Z32[l]);
        } else {
          backend.mult(W32[l], ws.A32[l - 1], ws.Z32[l]);
        }
        LayerKernels.widenAddBias(ws.Z32[l], b32[l], ws.Z[l]);
      }
      // A[l] = g[l](Z[l])
      try {
        g[l].forward(ws.Z[l], ws.A[l]);
      } catch (RuntimeException e) {
        throw pluginFailure(l, g[l], "forward", e);
      }
      checkShape(l, g[l], "forward A", ws.A[l], m);
      ws.afterDropout[l] = ws.A[l];
      if (dropout[l] > 0 && ws.dropoutRng != null) {
        // inverted dropout: the next layer receives A[l] ⊙ mask
        if (!frozen) {
          LayerKernels.drawMask(ws.mask[l], n[l], m, dropout[l], ws.dropoutRng);
        }
        ws.masked[l].reshape(n[l], m);
        LayerKernels.elementwiseProduct(ws.A[l], ws.mask[l], ws.masked[l]);
        ws.afterDropout[l] = ws.masked[l];
      }
      if (W32 != null && l < L) {
        Floats.narrow(ws.afterDropout[l], ws.A32[l]);
      }
    }
    ws.completed(m);
  }

  private void activationBackward(int l, Workspace ws, GradientPath path) {
    try {
      if (path == GradientPath.JACOBIAN) {
        Jacobians.backward(g[l], ws.Z[l], ws.A[l], ws.dA[l], ws.dZ[l], ws.jacobian);
      } else {
        g[l].backward(ws.Z[l], ws.A[l], ws.dA[l], ws.dZ[l]);
      }
    } catch (RuntimeException e) {
      throw pluginFailure(l, g[l], "backward", e);
    }
    checkShape(l, g[l], "backward dZ", ws.dZ[l], ws.A[l].numCols);
  }

  private void checkTargets(DMatrixRMaj Y, int m) {
    Objects.requireNonNull(Y, "Y");
    if (Y.numRows != targetRows || Y.numCols != m) {
      throw new IllegalArgumentException(
          "layer " + L + ": Y is " + Shapes.of(Y) + " but A[" + L + "] is " + n[L] + "x" + m
              + "; the targets of " + cost.spec() + " need " + targetRows + " row"
              + (targetRows == 1 ? "" : "s") + " and one column per example of X");
    }
  }

  /**
   * The number of rows of a target matrix: {@code n[L]}, or 1 for a cost that takes class indices.
   *
   * @return the rows of {@code Y}
   */
  public int targetRows() {
    return targetRows;
  }

  /** Checks a plugin's output; the message is built only on failure, keeping steps alloc-free. */
  private void checkShape(int l, Plugin plugin, String what, DMatrixRMaj M, int m) {
    if (M.numRows != n[l] || M.numCols != m) {
      throw new PropagationException(l, describe(plugin), what, "is " + Shapes.of(M)
          + ", expected " + n[l] + "x" + m, null);
    }
  }

  private static String describe(Plugin plugin) {
    return (plugin instanceof Cost ? "cost '" : "activation '") + plugin.spec() + "'";
  }

  private void checkWorkspace(Workspace ws) {
    Objects.requireNonNull(ws, "workspace");
    if (!Arrays.equals(ws.n, n)) {
      throw new IllegalArgumentException("the workspace was made for layer sizes "
          + Arrays.toString(ws.n) + " but this network has " + Arrays.toString(n));
    }
  }

  private static PropagationException pluginFailure(
      int l, Plugin plugin, String operation, RuntimeException e) {
    return new PropagationException(l, describe(plugin), operation, "failed: " + e, e);
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

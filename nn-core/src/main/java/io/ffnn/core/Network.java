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
import io.ffnn.core.internal.Floats;
import io.ffnn.core.internal.Shared;
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
 * <p>The weights and biases are this object's only mutable state: {@link #W(int)} and {@link
 * #b(int)} return them live so that optimisers can update them in place. Propagation itself keeps
 * its buffers in a {@link Workspace}, one per thread: {@link #predict(DMatrixRMaj)} makes its own
 * and may be called from any number of threads at once, as long as nothing trains the network or
 * writes its weights meanwhile; the forms that take a workspace need one per thread.
 *
 * <p>A network of {@link Precision#FLOAT32} (see {@link NetworkSpec#precision()}) has {@code
 * float} weights and biases: it multiplies with them, and training updates them in place. The
 * {@code double} matrices of {@link #W(int)}, {@link #b(int)} and {@link #parameter} mirror them,
 * brought up to date when they are handed out; what is written to them is rounded to {@code
 * float} at the next propagation or {@link #getParameters} (and the mirror with it). Write
 * through a fresh call of one of those, not through a reference kept from before a propagation
 * or a training step. A float32 model file holds the floats, so it reproduces the network's
 * predictions exactly.
 */
public final class Network {

  static {
    // the float copies, for nn-core's training loop, which keeps them up to date as it updates
    Shared.register(new Shared.Float32() {
      @Override
      public float[] parameter32(Network net, ParameterLayout.Parameter p) {
        return net.floats == null ? null : net.floats.data(p);
      }

      @Override
      public void refresh(Network net) {
        if (net.floats != null) {
          net.floats.refresh32();
        }
      }

      @Override
      public void updated(Network net) {
        net.floats.updated();
      }

      @Override
      public float[] gradient32(Workspace ws, ParameterLayout.Parameter p) {
        if (!ws.gradientsInFloat) {
          return null;
        }
        return (p.isWeights() ? ws.dW32[p.layer()] : ws.db32[p.layer()]).data;
      }

      @Override
      public double computeGradientsOfRows(Network net, FMatrixRMaj rows, DMatrixRMaj Y,
          Workspace ws) {
        if (net.floats == null) {
          throw new IllegalStateException("a batch of rows is for float32 networks");
        }
        net.propagate(null, rows, true, ws);
        double J = net.cost(Y, ws);
        net.backward(Y, ws, GradientPath.AUTO);
        return J;
      }
    });
  }

  private final NetworkSpec spec;
  private final int L;
  private final int[] n;
  private final Activation[] g;
  private final Cost cost;
  private final boolean fused;
  private final int targetRows;
  private final double[] dropout;
  private final DMatrixRMaj[] W;
  private final DMatrixRMaj[] b;
  private final Backend backend;
  private final ParameterLayout layout;
  private final Precision precision;
  /** A float32 network's float weights and biases, else null. */
  private final FloatWeights floats;
  /** {@code floats.W32}, {@code floats.b32}, or null: what the float recurrences multiply with. */
  private final FMatrixRMaj[] W32;
  private final FMatrixRMaj[] b32;

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
    this.W = new DMatrixRMaj[L + 1];
    this.b = new DMatrixRMaj[L + 1];
    Random rng = new Random(spec.seed());
    for (int l = 1; l <= L; l++) {
      W[l] = new DMatrixRMaj(n[l], n[l - 1]);
      b[l] = new DMatrixRMaj(n[l], 1);
      spec.initializer(l).resolve(g[l]).fill(W[l], rng);
    }
    this.floats = precision == Precision.FLOAT32 ? new FloatWeights(W, b) : null;
    this.W32 = floats == null ? null : floats.W32;
    this.b32 = floats == null ? null : floats.b32;
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
    long bytes = (spec.precision() == Precision.FLOAT32 ? 12 : 8) * ParameterLayout.countOf(n);
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
   * The weights of layer {@code l}, live: optimisers update them in place.
   *
   * @param l {@code 1 … L}
   * @return {@code W[l]}, {@code n[l] × n[l-1]}. Mutable state of this network.
   */
  public DMatrixRMaj W(int l) {
    checkLayer(l, 1);
    handOut();
    return W[l];
  }

  /** The double matrices, current, are about to be handed out: the floats follow them next. */
  private void handOut() {
    if (floats != null) {
      floats.handOut();
    }
  }

  /**
   * The biases of layer {@code l}, live: optimisers update them in place.
   *
   * @param l {@code 1 … L}
   * @return {@code b[l]}, {@code n[l] × 1}. Mutable state of this network.
   */
  public DMatrixRMaj b(int l) {
    checkLayer(l, 1);
    handOut();
    return b[l];
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
   * A parameter of this network, live: optimisers update it in place.
   *
   * @param p a parameter of {@link #layout()}
   * @return {@code W[l]} or {@code b[l]}. Mutable state of this network.
   * @throws IllegalArgumentException if {@code p} does not fit this network's layout
   */
  public DMatrixRMaj parameter(ParameterLayout.Parameter p) {
    handOut();
    return matrix(p);
  }

  /** A parameter's double matrix, current, for reading: the floats stay as they are. */
  private DMatrixRMaj current(ParameterLayout.Parameter p) {
    if (floats != null) {
      // the values the network computes with: handed-out doubles rounded, updated floats widened
      floats.refresh32();
      floats.refresh64();
    }
    return matrix(p);
  }

  private DMatrixRMaj matrix(ParameterLayout.Parameter p) {
    DMatrixRMaj M = p.isWeights() ? W[checkLayer(p.layer(), 1)] : b[checkLayer(p.layer(), 1)];
    if (M.numRows != p.rows() || M.numCols != p.cols()) {
      throw new IllegalArgumentException(p + " is not a parameter of " + layout);
    }
    return M;
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
    layout.copyTo(this::current, flat);
  }

  /**
   * Sets the parameters from the flat copy of {@link #getParameters}.
   *
   * @param flat {@link #parameterCount()} entries. Not modified.
   * @throws IllegalArgumentException if {@code flat} has another length
   */
  public void setParameters(double[] flat) {
    layout.copyFrom(flat, 1.0, this::parameter);
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
    propagate(X, null, ws);
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
    propagate(null, Objects.requireNonNull(X, "X"), ws);
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
    propagate(X, null, ws);
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
    propagate(null, Objects.requireNonNull(X, "X"), ws);
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
        backend.gemm(false, l > 1 || !ws.inputAsRows, 1f, ws.dZ32[l], ws.A32[l - 1], 0f,
            ws.dW32[l]);
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

  /** Forward propagation of {@code X} or, if it is null, {@code X32}. */
  private void propagate(DMatrixRMaj X, FMatrixRMaj X32, Workspace ws) {
    propagate(X, X32, false, ws);
  }

  /**
   * Forward propagation of {@code X} or, if it is null, {@code X32}; {@code asRows}: {@code X32}
   * holds the examples as rows ({@code m × n[0]}), as training gathers them from an example-major
   * copy, and a float32 network multiplies it transposed.
   */
  private void propagate(DMatrixRMaj X, FMatrixRMaj X32, boolean asRows, Workspace ws) {
    checkWorkspace(ws);
    if (X == null && X32 == null) {
      Objects.requireNonNull(X, "X");
    }
    int rows = X != null ? X.numRows : asRows ? X32.numCols : X32.numRows;
    int m = X != null ? X.numCols : asRows ? X32.numRows : X32.numCols;
    if (rows != n[0]) {
      throw new IllegalArgumentException(
          "layer 1: W is " + Shapes.of(W[1]) + " but X = A[0] has " + rows
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
    if (floats != null) {
      floats.refresh32();
      // a float batch is multiplied as it is; a double one is rounded once
      ws.A32[0] = X32 != null ? X32 : Floats.narrow(X, ws.X32);
    }
    DMatrixRMaj in = X != null ? X : W32 == null ? Floats.widen(X32, ws.X64) : null;
    ws.A[0] = in;
    ws.afterDropout[0] = in;
    for (int l = 1; l <= L; l++) {
      if (W32 == null) {
        // Z[l] = W[l] A[l-1] + b[l], with A[l-1] after dropout
        backend.mult(W[l], ws.afterDropout[l - 1], ws.Z[l]);
        LayerKernels.addBias(ws.Z[l], b[l]);
      } else {
        // the same in float, the sum with b[l] widened to double for the activation
        backend.gemm(false, l == 1 && asRows, 1f, W32[l], ws.A32[l - 1], 0f, ws.Z32[l]);
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

package io.ffnn.core;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.Jacobians;
import io.ffnn.api.Plugin;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.Shapes;
import io.ffnn.core.backend.Backend;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Forward and backward propagation of a {@link Network}, written once for both precisions: for
 * {@code l = 1 … L}, {@code Z[l] = W[l] A[l-1] + b[l]} ({@link ParameterStore#linear}), {@code
 * A[l] = g[l](Z[l])} and dropout; {@code J = f(A[L], Y)}; then for {@code l = L … 1}, {@code
 * dZ[l]} from the cost's seed or fused form and the activations' Jacobians, and {@code dW[l]},
 * {@code db[l]}, {@code dA[l-1]} ({@link ParameterStore#gradients}). Plugins' failures and wrong
 * shapes become {@link PropagationException}s naming the layer and the plugin.
 */
final class Recurrences {

  private final int L;
  private final int[] n;
  private final Activation[] g;
  private final Cost cost;
  private final boolean fused;
  private final int targetRows;
  private final double[] dropout;
  private final Backend backend;
  private final ParameterStore store;

  Recurrences(int[] n, Activation[] g, Cost cost, double[] dropout, Backend backend,
      ParameterStore store) {
    this.L = n.length - 1;
    this.n = n;
    this.g = g;
    this.cost = cost;
    this.fused = cost.fusesWith(g[L]);
    this.targetRows = cost.targetDomain().rows(n[L]);
    this.dropout = dropout;
    this.backend = backend;
    this.store = store;
  }

  /**
   * The activations of a spec's layers, {@code g[1 … L]}, from a registry.
   *
   * @throws PluginException if one is unknown or rejects its parameters; the message names the
   *     layer
   */
  static Activation[] activations(NetworkSpec spec, PluginRegistry registry) {
    int depth = spec.depth();
    Activation[] g = new Activation[depth + 1];
    for (int l = 1; l <= depth; l++) {
      try {
        g[l] = registry.activation(spec.activation(l));
      } catch (PluginException e) {
        throw new PluginException("layer " + l + ": " + e.getMessage(), e);
      }
    }
    return g;
  }

  /**
   * A spec's cost from a registry, checked against the output activation {@code g[L]}.
   *
   * @throws PluginException if it is unknown or declares no domains
   * @throws IllegalArgumentException if it cannot follow the output activation
   */
  static Cost cost(NetworkSpec spec, PluginRegistry registry, Activation output) {
    int depth = spec.depth();
    Cost cost;
    try {
      cost = registry.cost(spec.cost());
    } catch (PluginException e) {
      throw new PluginException("cost: " + e.getMessage(), e);
    }
    checkDomains(cost, output);
    try {
      cost.checkOutputLayer(output, spec.size(depth));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cost '" + cost.spec() + "' cannot follow output activation '" + output.spec()
              + "' with n[L] = " + spec.size(depth) + ": " + e.getMessage(), e);
    }
    return cost;
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

  boolean fused() {
    return fused;
  }

  int targetRows() {
    return targetRows;
  }

  /** Forward propagation of a batch. */
  void propagate(Batch batch, Workspace ws) {
    Objects.requireNonNull(batch, "batch");
    propagate(batch.X, batch.X32, batch.rows, ws);
  }

  /**
   * Forward propagation of {@code X} or, if it is null, {@code X32}; {@code asRows}: {@code X32}
   * holds the examples as rows ({@code m × n[0]}).
   */
  void propagate(DMatrixRMaj X, FMatrixRMaj X32, boolean asRows, Workspace ws) {
    checkWorkspace(ws);
    if (X == null) {
      Objects.requireNonNull(X32, "X");
    }
    int rows = Batch.features(X, X32, asRows);
    int m = Batch.examples(X, X32, asRows);
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
    store.input(X, X32, ws);
    for (int l = 1; l <= L; l++) {
      // Z[l] = W[l] A[l-1] + b[l], with A[l-1] after dropout
      store.linear(l, ws, backend);
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
      if (l < L) {
        store.output(l, ws);
      }
    }
    ws.completed(m);
  }

  /** {@code J = f(A[L], Y)} of the last forward pass. */
  double cost(DMatrixRMaj Y, Workspace ws) {
    checkTargets(Y, ws.m);
    try {
      return cost.value(ws.A[L], Y);
    } catch (RuntimeException e) {
      throw pluginFailure(L, cost, "value", e);
    }
  }

  /** Backward propagation from the cache of the last forward pass through {@code ws}. */
  void backward(DMatrixRMaj Y, Workspace ws, GradientPath path) {
    checkWorkspace(ws);
    Objects.requireNonNull(path, "path");
    if (ws.m == 0) {
      throw new IllegalStateException("backward needs a forward pass through this workspace first");
    }
    checkTargets(Y, ws.m);
    ws.prepareBackward();
    for (int l = L; l >= 1; l--) {
      // dZ[l] = Jac[l]ᵀ dA[l], column by column; at l = L from the cost's seed dA[L] = ∂J/∂A[L],
      // or the cost's fused dZ[L] directly
      if (l == L) {
        outputGradient(Y, ws, path);
      } else {
        activationBackward(l, ws, path);
      }
      // dW[l], db[l], dA[l-1]
      store.gradients(l, ws, backend);
      if (l > 1 && ws.afterDropout[l - 1] == ws.masked[l - 1]) {
        // layer l saw A[l-1] ⊙ mask, so ∂J/∂A[l-1] = (W[l]ᵀ dZ[l]) ⊙ mask
        LayerKernels.multiplyInPlace(ws.dA[l - 1], ws.mask[l - 1]);
      }
    }
    ws.hasGradients = true;
    ws.gradientsInFloat = store.inFloat();
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

  /** Refuses a workspace made for another network shape. */
  void checkWorkspace(Workspace ws) {
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
}

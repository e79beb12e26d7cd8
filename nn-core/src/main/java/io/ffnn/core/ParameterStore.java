package io.ffnn.core;

import io.ffnn.api.Activation;
import io.ffnn.core.backend.Backend;
import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.internal.FloatKernels;
import io.ffnn.core.internal.Floats;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A network's weights and biases, kept once, in its precision — {@code double} matrices for
 * float64, {@code float} ones for float32, never both — and the three products that use them:
 * {@code Z[l] = W[l] A[l-1] + b[l]}, and {@code dW[l] = dZ[l] A[l-1]ᵀ}, {@code db[l]}, {@code
 * dA[l-1] = W[l]ᵀ dZ[l]}, with the backend's named products. Everything that depends on the
 * precision of the parameters is here; {@link Recurrences} is written once for both.
 */
final class ParameterStore {

  private final ParameterLayout layout;
  /** A float64 network's weights and biases, else null. */
  private final DMatrixRMaj[] W;
  private final DMatrixRMaj[] b;
  /** A float32 network's weights and biases, else null. */
  private final FMatrixRMaj[] W32;
  private final FMatrixRMaj[] b32;
  /**
   * A float32 network's parameters widened for an update whose gradients are {@code double}
   * (set with {@link Workspace#setGradients}), made on first need, by parameter index.
   */
  private volatile double[][] wide;

  /** Draws the initial weights layer by layer from the spec's seed; biases start at 0. */
  ParameterStore(NetworkSpec spec, int[] n, Activation[] g, ParameterLayout layout) {
    this.layout = layout;
    int L = n.length - 1;
    boolean float32 = spec.precision() == Precision.FLOAT32;
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
   * Refuses, before anything is allocated, a spec whose weights would take more than a quarter
   * of the maximum heap: training holds them several times over (gradients, optimizer state,
   * the threads' workspaces), and an {@code OutOfMemoryError} would say none of that.
   */
  static void checkBudget(NetworkSpec spec) {
    int[] n = spec.sizes().stream().mapToInt(Integer::intValue).toArray();
    long bytes = (spec.precision() == Precision.FLOAT32 ? 4 : 8) * ParameterLayout.countOf(n);
    long budget = Runtime.getRuntime().maxMemory() / 4;
    if (bytes < 0 || bytes > budget) {
      throw new IllegalArgumentException("layer sizes " + java.util.Arrays.toString(n) + " need "
          + ParameterLayout.countOf(n) + " parameters, " + bytes + " bytes of weights; a "
          + "network may take at most a quarter of the maximum heap, " + budget + " bytes");
    }
  }

  /** Whether the parameters are {@code float}. */
  boolean inFloat() {
    return W32 != null;
  }

  /** A copy of a parameter, widened exactly if it is float. */
  DMatrixRMaj copy(ParameterLayout.Parameter p) {
    check(p);
    DMatrixRMaj copy = new DMatrixRMaj(p.rows(), p.cols());
    copyTo(p, copy.data, 0);
    return copy;
  }

  private void copyTo(ParameterLayout.Parameter p, double[] target, int at) {
    if (W32 == null) {
      System.arraycopy(live(p).data, 0, target, at, p.size());
    } else {
      Floats.widen(live32(p), 0, target, at, p.size());
    }
  }

  /** See {@link Network#setParameter}. */
  void set(ParameterLayout.Parameter p, DMatrixRMaj values) {
    Objects.requireNonNull(p, "parameter");
    Objects.requireNonNull(values, "values");
    if (values.numRows != p.rows() || values.numCols != p.cols()) {
      throw new IllegalArgumentException(p.name() + " is " + p.rows() + "x" + p.cols()
          + " but the values are " + io.ffnn.api.Shapes.of(values));
    }
    write(p, values.data, 0);
  }

  /** {@code θ_p ← source[from …]}, rounded if the parameters are float. */
  void write(ParameterLayout.Parameter p, double[] source, int from) {
    check(p);
    if (W32 == null) {
      System.arraycopy(source, from, live(p).data, 0, p.size());
    } else {
      Floats.narrow(source, from, live32(p), 0, p.size());
    }
  }

  /** All parameters into the flat layout. */
  void getAll(double[] flat) {
    layout.checkFlat(flat, "parameters");
    for (ParameterLayout.Parameter p : layout.parameters()) {
      copyTo(p, flat, p.offset());
    }
  }

  /** All parameters from the flat layout. */
  void setAll(double[] flat) {
    layout.checkFlat(flat, "parameters");
    for (ParameterLayout.Parameter p : layout.parameters()) {
      write(p, flat, p.offset());
    }
  }

  /** See {@link Network#update}; the workspace is the network's, with gradients. */
  void update(ParameterLayout.Parameter p, Workspace ws, int from, int to,
      ParameterUpdate rule) {
    check(p);
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

  /** Whether every entry is finite, read in place. */
  boolean allFinite() {
    for (ParameterLayout.Parameter p : layout.parameters()) {
      boolean finite = W32 == null ? DoubleKernels.allFinite(live(p).data, 0, p.size())
          : FloatKernels.allFinite(live32(p), 0, p.size());
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

  private void check(ParameterLayout.Parameter p) {
    Objects.requireNonNull(p, "parameter");
    if (p.index() < 0 || p.index() >= layout.parameters().size()
        || !layout.parameters().get(p.index()).equals(p)) {
      throw new IllegalArgumentException(p + " is not a parameter of " + layout);
    }
  }

  /**
   * The batch as layer 1 multiplies it: a float network's in float ({@code A32[0]}, a double
   * batch rounded once), a double network's {@code A[0]} (float examples widened, as columns).
   */
  void input(DMatrixRMaj X, FMatrixRMaj X32, Workspace ws) {
    if (W32 != null) {
      ws.A32[0] = X32 != null ? X32 : Floats.narrow(X, ws.X32);
    }
    DMatrixRMaj in = X != null ? X : W32 == null ? ws.A(0) : null;
    ws.A[0] = in;
    ws.afterDropout[0] = in;
  }

  /** {@code Z[l] = W[l] A[l-1] + b[l]}, with {@code A[l-1]} after dropout. */
  void linear(int l, Workspace ws, Backend backend) {
    if (W32 == null) {
      backend.mult(W[l], ws.afterDropout[l - 1], ws.Z[l]);
      LayerKernels.addBias(ws.Z[l], b[l]);
      return;
    }
    // in float, the sum with b[l] widened to double for the activation
    if (l == 1 && ws.inputAsRows) {
      // Z[1] = W[1] rowsᵀ
      backend.multTransB(W32[l], ws.A32[0], ws.Z32[l]);
    } else {
      backend.mult(W32[l], ws.A32[l - 1], ws.Z32[l]);
    }
    LayerKernels.widenAddBias(ws.Z32[l], b32[l], ws.Z[l]);
  }

  /** {@code A[l]} after dropout, rounded to float for the next float product. */
  void output(int l, Workspace ws) {
    if (W32 != null) {
      Floats.narrow(ws.afterDropout[l], ws.A32[l]);
    }
  }

  /** {@code dW[l] = dZ[l] A[l-1]ᵀ}, {@code db[l] = Σ_i dZ[l][:, i]}, {@code dA[l-1] = W[l]ᵀ dZ[l]}. */
  void gradients(int l, Workspace ws, Backend backend) {
    if (W32 == null) {
      // with A[l-1] as layer l received it (after dropout)
      backend.multTransB(ws.dZ[l], ws.afterDropout[l - 1], ws.dW[l]);
      LayerKernels.rowSums(ws.dZ[l], ws.db[l]);
      if (l > 1) {
        backend.multTransA(W[l], ws.dZ[l], ws.dA[l - 1]);
      }
      return;
    }
    // in float: db[l] summed in double as dZ[l] is rounded for the products
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
}

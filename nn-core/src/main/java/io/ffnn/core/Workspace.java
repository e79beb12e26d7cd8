package io.ffnn.core;

import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.internal.FloatKernels;
import io.ffnn.core.internal.Floats;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Every per-layer buffer of forward and backward propagation for one network shape: {@code Z[l]},
 * {@code A[l]}, {@code dA[l]}, {@code dZ[l]} ({@code n[l] × m}) and {@code dW[l]}, {@code db[l]}.
 * Buffers are reshaped for each batch and only grow, so after the largest batch has been seen a
 * training step allocates nothing. {@code A[0]} refers to the caller's {@code X}; it is never
 * modified.
 *
 * <p>Dropout: a workspace is in inference mode until {@link #training(Random)} switches it to
 * training mode, where the hidden layers with a dropout rate {@code p} pass {@code A[l] ⊙ mask} to
 * the next layer, with a fresh inverted mask (entries 0 or {@code 1/(1 − p)}) drawn from the
 * given random source at every forward pass, unless {@link #freezeMasks(boolean)} keeps the last
 * ones (which makes a training-mode gradient check possible).
 *
 * <p>A workspace of a {@link Precision#FLOAT32} network also holds the {@code float} operands and
 * results of the matrix products: the batch, {@code A[l]} after dropout, {@code Z[l]}, {@code
 * dZ[l]}, {@code dA[l]}, {@code dW[l]} and {@code db[l]}. The accessors still return {@code
 * double} matrices; {@link #dW(int)}, {@link #db(int)} and {@link #gradient} widen the {@code
 * float} gradients when first asked after a backward pass, into {@code double} copies that are
 * made on the first such call (training that never asks holds its gradients in {@code float}
 * alone).
 *
 * <p>Create one with {@link Network#newWorkspace()}. A workspace is mutable and belongs to one
 * thread at a time; the matrices its accessors return are live views, valid until the next
 * propagation through it.
 */
public final class Workspace {

  final int[] n;
  final ParameterLayout layout;
  final DMatrixRMaj[] Z;
  final DMatrixRMaj[] A;
  final DMatrixRMaj[] dZ;
  final DMatrixRMaj[] dA;
  final DMatrixRMaj[] dW;
  final DMatrixRMaj[] db;
  /** The dropout rate of each layer; 0 where there is none. */
  final double[] rate;
  /** Per layer with dropout: the inverted mask, and the storage of {@code A ⊙ mask}. */
  final DMatrixRMaj[] mask;
  final DMatrixRMaj[] masked;
  /**
   * {@code A[l]} after dropout, what layer {@code l + 1} receives: {@code X} for {@code l = 0},
   * {@code masked[l]} where layer {@code l} drops units in training mode, else {@code A[l]}.
   */
  final DMatrixRMaj[] afterDropout;
  /** Non-null in training mode. */
  Random dropoutRng;
  boolean masksFrozen;

  /**
   * The {@code float} buffers of a float32 network, else null: {@code A32[l]} is what layer
   * {@code l + 1} multiplies ({@code A32[0]}: the batch), and {@code Z32}, {@code dZ32}, {@code
   * dA32}, {@code dW32} are the products' results.
   */
  final FMatrixRMaj[] A32;
  final FMatrixRMaj[] Z32;
  final FMatrixRMaj[] dZ32;
  final FMatrixRMaj[] dA32;
  final FMatrixRMaj[] dW32;
  final FMatrixRMaj[] db32;
  /** The batch in {@code float} when the caller gave it in {@code double}. */
  final FMatrixRMaj X32;
  /** The batch in {@code double} when a float64 network, or {@link #A(int)}, is given {@code float}. */
  final DMatrixRMaj X64 = new DMatrixRMaj(1, 1);
  /** The caller's {@code float} batch of the last pass, or null if it was given in double. */
  FMatrixRMaj input32;
  /** Whether {@link #input32} holds the examples as rows. */
  boolean inputAsRows;
  /**
   * Whether {@code dW32} and {@code db32} hold the gradients and {@code dW}, {@code db} must be
   * widened before use.
   */
  boolean gradientsInFloat;

  /** Scratch for one Jacobian on the {@link GradientPath#JACOBIAN} path. */
  final DMatrixRMaj jacobian = new DMatrixRMaj(1, 1);

  /** Batch size of the last complete forward pass, or 0 before the first or after a failed one. */
  int m;
  /** The examples' weights in the backward passes, one per column, or null for none. */
  double[] exampleWeights;
  /** Whether the buffers hold the gradients of the last forward pass. */
  boolean hasGradients;

  Workspace(ParameterLayout layout, int[] n, double[] rate, Precision precision) {
    this.layout = layout;
    this.n = n.clone();
    this.rate = rate.clone();
    int layers = n.length;
    boolean float32 = precision == Precision.FLOAT32;
    mask = new DMatrixRMaj[layers];
    masked = new DMatrixRMaj[layers];
    afterDropout = new DMatrixRMaj[layers];
    for (int l = 1; l < layers; l++) {
      if (rate[l] > 0) {
        mask[l] = new DMatrixRMaj(n[l], 1);
        masked[l] = new DMatrixRMaj(n[l], 1);
      }
    }
    // n[l] × 1 until a batch reshapes them; dW[l] (weights = true) n[l] × n[l-1]
    Z = layers(n, false, DMatrixRMaj[]::new, DMatrixRMaj::new);
    A = layers(n, false, DMatrixRMaj[]::new, DMatrixRMaj::new);
    dZ = layers(n, false, DMatrixRMaj[]::new, DMatrixRMaj::new);
    dA = layers(n, false, DMatrixRMaj[]::new, DMatrixRMaj::new);
    // a float32 network's double gradients are made when first asked for (widenGradients)
    dW = float32 ? new DMatrixRMaj[layers] : layers(n, true, DMatrixRMaj[]::new, DMatrixRMaj::new);
    db = float32 ? new DMatrixRMaj[layers] : layers(n, false, DMatrixRMaj[]::new, DMatrixRMaj::new);
    A32 = float32 ? layers(n, false, FMatrixRMaj[]::new, FMatrixRMaj::new) : null;
    Z32 = float32 ? layers(n, false, FMatrixRMaj[]::new, FMatrixRMaj::new) : null;
    dZ32 = float32 ? layers(n, false, FMatrixRMaj[]::new, FMatrixRMaj::new) : null;
    dA32 = float32 ? layers(n, false, FMatrixRMaj[]::new, FMatrixRMaj::new) : null;
    dW32 = float32 ? layers(n, true, FMatrixRMaj[]::new, FMatrixRMaj::new) : null;
    db32 = float32 ? layers(n, false, FMatrixRMaj[]::new, FMatrixRMaj::new) : null;
    X32 = float32 ? new FMatrixRMaj(n[0], 1) : null;
  }

  /**
   * One matrix per layer {@code l ≥ 1} ({@code null} at 0): {@code n[l] × n[l-1]} for weights,
   * else {@code n[l] × 1}.
   */
  private static <M> M[] layers(int[] n, boolean weights, IntFunction<M[]> array,
      BiFunction<Integer, Integer, M> matrix) {
    M[] out = array.apply(n.length);
    for (int l = 1; l < n.length; l++) {
      out[l] = matrix.apply(n[l], weights ? n[l - 1] : 1);
    }
    return out;
  }

  /**
   * Whether this workspace belongs to a float32 network.
   *
   * @return true if it holds {@code float} buffers
   */
  boolean isFloat32() {
    return A32 != null;
  }

  /** {@code dW[l] = (double) dW32[l]}, {@code db[l] = (double) db32[l]} if the floats are newer. */
  private void widenGradients() {
    if (dW[1] == null) {
      System.arraycopy(layers(n, true, DMatrixRMaj[]::new, DMatrixRMaj::new), 1, dW, 1,
          n.length - 1);
      System.arraycopy(layers(n, false, DMatrixRMaj[]::new, DMatrixRMaj::new), 1, db, 1,
          n.length - 1);
    }
    if (gradientsInFloat) {
      for (int l = 1; l < n.length; l++) {
        Floats.widen(dW32[l], dW[l]);
        Floats.widen(db32[l], db[l]);
      }
      gradientsInFloat = false;
    }
  }

  /**
   * Switches to training mode: dropout masks are drawn from {@code rng} at each forward pass.
   *
   * @param rng the random source of the masks; the caller seeds it for reproducible training
   * @return this workspace
   */
  public Workspace training(Random rng) {
    this.dropoutRng = Objects.requireNonNull(rng, "rng");
    return this;
  }

  /**
   * Switches to inference mode: nothing is dropped.
   *
   * @return this workspace
   */
  public Workspace inference() {
    this.dropoutRng = null;
    this.masksFrozen = false;
    return this;
  }

  /**
   * Keeps (or stops keeping) the dropout masks of the last training-mode forward pass for the
   * following passes, which must then have the same batch size.
   *
   * @param frozen whether to reuse the last masks
   * @return this workspace
   * @throws IllegalStateException if freezing outside training mode or before any training pass
   */
  public Workspace freezeMasks(boolean frozen) {
    if (frozen && (dropoutRng == null || m == 0)) {
      throw new IllegalStateException(
          "freeze dropout masks after a forward pass in training mode");
    }
    this.masksFrozen = frozen;
    return this;
  }

  /**
   * Weighs the examples of the following backward passes: column {@code i} of the output gradient
   * {@code dZ[L]} (fused, or seed × Jacobian) is multiplied by {@code weights[i]}, so that the
   * gradients are those of {@code J_w = (1/m) Σ_i w_i loss_i} rather than of the cost's {@code J
   * = (1/m) Σ_i loss_i}, which is still what forward propagation returns. How training weighs
   * classes ({@code TrainingConfig.Builder.classWeights}).
   *
   * @param weights one weight per example (column) of each following batch, or null to weigh
   *     them all 1. Referenced, not copied: changing it changes the next pass's weights.
   * @return this workspace
   */
  public Workspace weighExamples(double[] weights) {
    this.exampleWeights = weights;
    return this;
  }

  /**
   * Whether the gradient buffers hold the gradients of the last forward pass (a backward pass
   * followed it).
   *
   * @return true after a complete forward and backward pass
   */
  public boolean hasGradients() {
    return hasGradients;
  }

  /**
   * The gradient of a parameter from the last backward pass.
   *
   * @param p a parameter of the network's {@link ParameterLayout}
   * @return {@code dW[l]} or {@code db[l]}; a live view
   * @throws IllegalArgumentException if {@code p} does not fit this workspace's layout
   */
  public DMatrixRMaj gradient(ParameterLayout.Parameter p) {
    widenGradients();
    DMatrixRMaj g = p.isWeights() ? dW(p.layer()) : db(p.layer());
    if (g.numRows != p.rows() || g.numCols != p.cols()) {
      throw new IllegalArgumentException(p + " is not a parameter of " + layout);
    }
    return g;
  }

  /**
   * {@code sums ← sums + factor · g} for the gradients {@code g} in the flat copy of the {@link
   * ParameterLayout}: with {@code factor} the batch size, how a machine holding part of a batch
   * contributes the sum of its examples' gradients to the whole batch's.
   *
   * @param sums one entry per parameter. Modified.
   * @param factor the factor of this workspace's gradients
   * @throws IllegalStateException if the workspace holds no gradients
   * @throws IllegalArgumentException if {@code sums} does not have one entry per parameter
   */
  public void addGradientsTo(double[] sums, double factor) {
    if (!hasGradients) {
      throw new IllegalStateException("the workspace holds no gradients");
    }
    layout.addTo(this::gradient, factor, sums);
  }

  /**
   * Sets the gradients to {@code factor · flat}, {@code flat} in the flat copy of the {@link
   * ParameterLayout}, and marks them present, so that an {@code
   * Optimizer} (nn-train) can step with gradients computed elsewhere: with {@code
   * factor = 1 / m}, the sums over a batch of {@code m} become its mean.
   *
   * @param flat one entry per parameter. Not modified.
   * @param factor the factor
   * @throws IllegalArgumentException if {@code flat} does not have one entry per parameter
   */
  public void setGradients(double[] flat, double factor) {
    gradientsInFloat = false;
    layout.copyFrom(flat, factor, this::gradient);
    hasGradients = true;
  }

  /**
   * {@code g ← a g + b g'} for every gradient {@code dW[l]}, {@code db[l]}, {@code g'} being the
   * other workspace's, in one pass: how data-parallel training combines the gradients of the
   * parts of a batch, {@code g = Σ_t (m_t / m) g_t}, without allocating.
   *
   * <p>A float32 network's gradients are widened and combined in {@code double}.
   *
   * @param a the factor of this workspace's gradients
   * @param other a workspace of the same network shape with gradients. Not modified.
   * @param b the factor of the other's
   * @throws IllegalStateException if either workspace holds no gradients
   * @throws IllegalArgumentException if the shapes differ
   */
  public void combineGradients(double a, Workspace other, double b) {
    checkCombinable(other);
    // an indexed loop: no iterator, so a training step stays allocation-free
    final java.util.List<ParameterLayout.Parameter> all = layout.parameters();
    for (int i = 0; i < all.size(); i++) {
      ParameterLayout.Parameter p = all.get(i);
      DoubleKernels.combine(a, gradient(p).data, b, other.gradient(p).data, 0, p.size());
    }
  }

  /**
   * {@code g ← a g + b g'} for the entries {@code from ≤ k < to} of one parameter's gradient, in
   * the precision the gradients are held in ({@code float} after a float32 network's backward
   * pass): how multi-threaded training combines the parts' gradients range by range, each range
   * on its own thread. Both workspaces must hold their gradients in the same precision, as the
   * parts of one batch do.
   *
   * @param p the parameter
   * @param from the first entry
   * @param to one past the last entry
   * @param a the factor of this workspace's gradient
   * @param other a workspace of the same network shape with gradients. Not modified.
   * @param b the factor of the other's
   * @throws IllegalStateException if either workspace holds no gradients
   * @throws IllegalArgumentException if the shapes or the gradients' precisions differ
   */
  public void combineGradients(ParameterLayout.Parameter p, int from, int to, double a,
      Workspace other, double b) {
    checkCombinable(other);
    if (gradientsInFloat != other.gradientsInFloat) {
      // widening one of them on several threads at once would race
      throw new IllegalArgumentException("the workspaces hold their gradients in different "
          + "precisions; combine them whole");
    }
    java.util.Objects.checkFromToIndex(from, to, p.size());
    if (gradientsInFloat) {
      FloatKernels.combine((float) a, (p.isWeights() ? dW32 : db32)[p.layer()].data, (float) b,
          (p.isWeights() ? other.dW32 : other.db32)[p.layer()].data, from, to);
    } else {
      DoubleKernels.combine(a, gradient(p).data, b, other.gradient(p).data, from, to);
    }
  }

  private void checkCombinable(Workspace other) {
    if (!hasGradients || !other.hasGradients) {
      throw new IllegalStateException("both workspaces need gradients to combine them");
    }
    if (!layout.equals(other.layout)) {
      throw new IllegalArgumentException("workspaces of layer sizes "
          + java.util.Arrays.toString(n) + " and " + java.util.Arrays.toString(other.n));
    }
  }

  /**
   * Whether forward passes apply dropout.
   *
   * @return true in training mode
   */
  public boolean isTraining() {
    return dropoutRng != null;
  }

  /**
   * Reshapes the batch-sized buffers to {@code m} columns (allocating only to grow) and marks the
   * workspace as holding no pass until {@link #completed} is called.
   */
  void prepare(int m) {
    this.m = 0;
    this.hasGradients = false;
    this.gradientsInFloat = false;
    for (int l = 1; l < n.length; l++) {
      Z[l].reshape(n[l], m);
      A[l].reshape(n[l], m);
      // dZ and dA take their shape in backward, and the float buffers from the pass that writes
      // them, so that a forward pass over a large set (an evaluation) does not grow the buffers
      // of the backward pass
    }
  }

  /** Reshapes the backward pass's buffers to the last forward pass's {@code m} columns. */
  void prepareBackward() {
    for (int l = 1; l < n.length; l++) {
      dZ[l].reshape(n[l], m);
      dA[l].reshape(n[l], m);
    }
  }

  /** Marks a forward pass over {@code m} examples as complete: backward may use its cache. */
  void completed(int m) {
    this.m = m;
  }

  /**
   * The batch size of the last forward pass.
   *
   * @return {@code m}, or 0 before the first pass
   */
  public int batchSize() {
    return m;
  }

  /**
   * Pre-activations of layer {@code l} from the last forward pass.
   *
   * @param l {@code 1 … L}
   * @return {@code Z[l]}, {@code n[l] × m}; a live view, not to be modified
   */
  public DMatrixRMaj Z(int l) {
    return Z[checkLayer(l, 1)];
  }

  /**
   * Activations of layer {@code l} from the last forward pass, before dropout; {@code A[0]} is the
   * input.
   *
   * @param l {@code 0 … L}
   * @return {@code A[l]}, {@code n[l] × m}; a live view, not to be modified
   */
  public DMatrixRMaj A(int l) {
    if (checkLayer(l, 0) == 0 && input32 != null) {
      // the caller's float batch, widened on request (and turned back into columns)
      if (!inputAsRows) {
        return Floats.widen(input32, X64);
      }
      X64.reshape(input32.numCols, input32.numRows);
      for (int i = 0; i < input32.numRows; i++) {
        for (int p = 0; p < input32.numCols; p++) {
          X64.data[p * input32.numRows + i] = input32.data[i * input32.numCols + p];
        }
      }
      return X64;
    }
    return A[l];
  }

  /**
   * {@code ∂J/∂A[l]} from the last backward pass (not computed for {@code l = L} on the fused
   * path, nor for {@code l = 0}).
   *
   * @param l {@code 1 … L}
   * @return {@code dA[l]}; a live view, not to be modified
   */
  public DMatrixRMaj dA(int l) {
    return dA[checkLayer(l, 1)];
  }

  /**
   * {@code ∂J/∂Z[l]} from the last backward pass.
   *
   * @param l {@code 1 … L}
   * @return {@code dZ[l]}, {@code n[l] × m}; a live view, not to be modified
   */
  public DMatrixRMaj dZ(int l) {
    return dZ[checkLayer(l, 1)];
  }

  /**
   * {@code ∂J/∂W[l] = dZ[l] A[l-1]ᵀ} from the last backward pass.
   *
   * @param l {@code 1 … L}
   * @return {@code dW[l]}, {@code n[l] × n[l-1]}; a live view, not to be modified
   */
  public DMatrixRMaj dW(int l) {
    checkLayer(l, 1);
    widenGradients();
    return dW[l];
  }

  /**
   * {@code ∂J/∂b[l]}, the row sums of {@code dZ[l]}, from the last backward pass.
   *
   * @param l {@code 1 … L}
   * @return {@code db[l]}, {@code n[l] × 1}; a live view, not to be modified
   */
  public DMatrixRMaj db(int l) {
    checkLayer(l, 1);
    widenGradients();
    return db[l];
  }

  private int checkLayer(int l, int first) {
    if (l < first || l >= n.length) {
      throw new IndexOutOfBoundsException(
          "layer " + l + " is not in " + first + ".." + (n.length - 1));
    }
    return l;
  }
}

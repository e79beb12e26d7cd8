package io.ffnn.core.optimizers;

import io.ffnn.core.Network;
import io.ffnn.core.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Updates a network's weights and biases from the gradients of a backward pass. The gradient of
 * each parameter is prepared the same way for every rule:
 *
 * <ol>
 *   <li>{@code g = ∂J/∂θ} from the workspace;
 *   <li>clipped by value, {@code g ← clip(g, −c, c)}, if {@link #clipValue(double)} is set;
 *   <li>clipped by global norm, {@code g ← g · min(1, c / ‖g‖)} with {@code ‖g‖} over all
 *       parameters, if {@link #clipNorm(double)} is set;
 *   <li>plus L2 regularisation for weights only, {@code g ← g + λ W} (the gradient of {@code (λ/2)
 *       ‖W‖²}), if {@link #l2(double)} is set;
 * </ol>
 *
 * and then the rule's update {@code θ ← θ − η · step(g, state)} with the current learning rate
 * {@code η}.
 *
 * <p>An optimizer is mutable: it holds its configuration, its learning rate (which schedules
 * change), the step count {@code t} and per-parameter state, created for the first network it
 * updates and bound to it afterwards. Not thread-safe; one optimizer per training run.
 */
public abstract class Optimizer {

  private double learningRate;
  private double l2;
  private double clipNorm = Double.POSITIVE_INFINITY;
  private double clipValue = Double.POSITIVE_INFINITY;

  private Network bound;
  /** The prepared gradient of each parameter: index {@code 2(l−1)} is W[l], {@code 2(l−1)+1} b[l]. */
  private double[][] grad;
  private long t;

  /**
   * For subclasses.
   *
   * @param learningRate {@code η > 0}
   */
  protected Optimizer(double learningRate) {
    setLearningRate(learningRate);
  }

  /**
   * The rule's name, as in specs: {@code "adam"}.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * Creates the rule's state for parameters of the given sizes, once, before the first step.
   *
   * @param sizes the number of entries of each parameter, in the order W[1], b[1], W[2], …
   */
  protected abstract void allocate(int[] sizes);

  /**
   * Updates the entries {@code from ≤ k < to} of one parameter in place.
   *
   * <p>A step may update a parameter in several ranges, from several threads at once (see {@link
   * #updateRange}): an entry's update must read and write only that entry of {@code theta}, of
   * {@code g} and of the rule's own state for {@code p}, as every elementwise rule does.
   *
   * @param p the parameter's index, as in {@link #allocate(int[])}
   * @param theta its entries. Modified in {@code [from, to)} only.
   * @param g its prepared gradient; without clipping or L2 this is the workspace's own gradient
   *     array, so it must not be modified, and it may be longer than the parameter. Not modified.
   * @param from the first entry to update
   * @param to one past the last entry to update
   * @param lr the current learning rate {@code η}
   * @param t the step number, from 1
   * @param isWeight true for a weight matrix, false for a bias vector
   */
  protected abstract void update(int p, double[] theta, double[] g, int from, int to, double lr,
      long t, boolean isWeight);

  /**
   * The hyper-parameters of the rule, for {@link #toString()}: {@code "beta1=0.9, …"}.
   *
   * @return the rule's own hyper-parameters, or an empty string
   */
  protected String hyperParameters() {
    return "";
  }

  /**
   * Sets L2 regularisation: {@code λ W} is added to the weights' gradients (not the biases').
   *
   * @param lambda {@code λ >= 0}
   * @return this optimizer
   * @throws IllegalArgumentException if {@code λ} is negative or not finite
   */
  public Optimizer l2(double lambda) {
    this.l2 = nonNegative("l2", lambda);
    return this;
  }

  /**
   * Clips the gradient of all parameters together to a global L2 norm of at most {@code c}.
   *
   * @param c the largest norm, {@code > 0}
   * @return this optimizer
   * @throws IllegalArgumentException if {@code c} is not positive
   */
  public Optimizer clipNorm(double c) {
    this.clipNorm = positive("clipNorm", c);
    return this;
  }

  /**
   * Clips every gradient entry to {@code [−c, c]}.
   *
   * @param c the largest magnitude, {@code > 0}
   * @return this optimizer
   * @throws IllegalArgumentException if {@code c} is not positive
   */
  public Optimizer clipValue(double c) {
    this.clipValue = positive("clipValue", c);
    return this;
  }

  /**
   * The current learning rate.
   *
   * @return {@code η}
   */
  public double learningRate() {
    return learningRate;
  }

  /**
   * Sets the learning rate for the following steps (schedules call this).
   *
   * @param learningRate {@code η > 0}, finite
   * @throws IllegalArgumentException if not a positive finite number
   */
  public void setLearningRate(double learningRate) {
    this.learningRate = positive("learning rate", learningRate);
  }

  /**
   * The number of steps taken.
   *
   * @return {@code t}
   */
  public long steps() {
    return t;
  }

  /**
   * Applies the gradients held by {@code ws} to the network.
   *
   * @param network the network. Modified.
   * @param ws a workspace whose last pass through {@code network} computed gradients. Not
   *     modified.
   * @throws IllegalStateException if {@code ws} holds no gradients, or this optimizer already
   *     updates another network
   */
  public final void step(Network network, Workspace ws) {
    if (!ws.hasGradients()) {
      throw new IllegalStateException(
          "the workspace holds no gradients; call computeGradients before step");
    }
    final int L = network.depth();
    if (updatesByRange()) {
      // nothing to prepare: the rule reads the workspace's gradients as they are, and the three
      // passes over every parameter below (copy with sum of squares, scale, update) become one
      beginStep(network);
      for (int l = 1; l <= L; l++) {
        updateRange(network, ws, 2 * (l - 1), 0, network.W(l).getNumElements());
        updateRange(network, ws, 2 * (l - 1) + 1, 0, network.b(l).getNumElements());
      }
      return;
    }
    bind(network);
    double sumSquares = 0;
    for (int l = 1; l <= L; l++) {
      sumSquares += prepare(ws.dW(l), grad[2 * (l - 1)]);
      sumSquares += prepare(ws.db(l), grad[2 * (l - 1) + 1]);
    }
    double norm = Math.sqrt(sumSquares);
    double scale = norm > clipNorm ? clipNorm / norm : 1.0;
    t++;
    for (int l = 1; l <= L; l++) {
      DMatrixRMaj W = network.W(l);
      DMatrixRMaj b = network.b(l);
      double[] gW = grad[2 * (l - 1)];
      double[] gb = grad[2 * (l - 1) + 1];
      final int nW = W.getNumElements();
      final int nb = b.getNumElements();
      for (int k = 0; k < nW; k++) {
        gW[k] = gW[k] * scale + l2 * W.data[k];
      }
      if (scale != 1.0) {
        for (int k = 0; k < nb; k++) {
          gb[k] *= scale;
        }
      }
      update(2 * (l - 1), W.data, gW, 0, nW, learningRate, t, true);
      update(2 * (l - 1) + 1, b.data, gb, 0, nb, learningRate, t, false);
    }
  }

  /**
   * Whether a step can be done by ranges of entries ({@link #beginStep}, then {@link
   * #updateRange} over every entry once): true unless the gradients are clipped or carry an L2
   * term, which {@link #step} prepares over all of them first.
   *
   * @return true when no clipping and no L2 are set
   */
  public final boolean updatesByRange() {
    return clipValue == Double.POSITIVE_INFINITY && clipNorm == Double.POSITIVE_INFINITY
        && l2 == 0;
  }

  /**
   * Starts a step done by ranges: binds the optimizer to {@code network} on first use and counts
   * the step. The step is then made of {@link #updateRange} calls that cover every entry of every
   * parameter exactly once, and equals {@link #step} with the same gradients, entry for entry.
   *
   * @param network the network to update
   * @throws IllegalStateException if {@link #updatesByRange()} is false, or if this optimizer
   *     updates another network
   */
  public final void beginStep(Network network) {
    if (!updatesByRange()) {
      throw new IllegalStateException(spec() + " clips or penalises its gradients, which needs "
          + "all of them at once: use step");
    }
    bind(network);
    t++;
  }

  /**
   * Updates the entries {@code from ≤ k < to} of parameter {@code p} ({@code W[l]} is {@code
   * p = 2(l − 1)}, {@code b[l]} is {@code 2(l − 1) + 1}) from the workspace's gradient, in the
   * step started by {@link #beginStep}. Calls for disjoint ranges may run on different threads at
   * once.
   *
   * @param network the network passed to {@link #beginStep}
   * @param ws its workspace, holding the step's gradients. Not modified.
   * @param p the parameter
   * @param from the first entry
   * @param to one past the last entry
   * @throws IllegalStateException if no step was begun on {@code network}
   * @throws IndexOutOfBoundsException if the range is not within the parameter
   */
  public final void updateRange(Network network, Workspace ws, int p, int from, int to) {
    if (bound != network || t == 0) {
      throw new IllegalStateException("updateRange before beginStep on this network");
    }
    int l = p / 2 + 1;
    boolean isWeight = p % 2 == 0;
    DMatrixRMaj theta = isWeight ? network.W(l) : network.b(l);
    Objects.checkFromToIndex(from, to, theta.getNumElements());
    update(p, theta.data, isWeight ? ws.dW(l).data : ws.db(l).data, from, to, learningRate, t,
        isWeight);
  }

  /** Copies a gradient, clipped by value, into its buffer and returns its sum of squares. */
  private double prepare(DMatrixRMaj source, double[] target) {
    double sum = 0;
    final int size = source.getNumElements();
    final double c = clipValue;
    for (int k = 0; k < size; k++) {
      double v = source.data[k];
      v = v > c ? c : v < -c ? -c : v;
      target[k] = v;
      sum += v * v;
    }
    return sum;
  }

  private void bind(Network network) {
    if (bound == network) {
      return;
    }
    if (bound != null) {
      throw new IllegalStateException("this " + name() + " optimizer already holds the state of "
          + bound + "; use a new optimizer for another network");
    }
    int L = network.depth();
    int[] sizes = new int[2 * L];
    grad = new double[2 * L][];
    for (int l = 1; l <= L; l++) {
      sizes[2 * (l - 1)] = network.W(l).getNumElements();
      sizes[2 * (l - 1) + 1] = network.b(l).getNumElements();
      grad[2 * (l - 1)] = new double[sizes[2 * (l - 1)]];
      grad[2 * (l - 1) + 1] = new double[sizes[2 * (l - 1) + 1]];
    }
    allocate(sizes);
    bound = network;
  }

  /**
   * One zero-filled array per parameter, for a rule's state.
   *
   * @param sizes the parameters' sizes, as given to {@link #allocate(int[])}
   * @return the arrays
   */
  protected static double[][] zeros(int[] sizes) {
    double[][] state = new double[sizes.length][];
    for (int p = 0; p < sizes.length; p++) {
      state[p] = new double[sizes[p]];
    }
    return state;
  }

  static double positive(String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a positive finite number, got " + v);
    }
    return v;
  }

  static double nonNegative(String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
    }
    return v;
  }

  /**
   * The spec that recreates this optimizer with {@link Optimizers#fromSpec(String)} (at its
   * current learning rate, without its state), e.g. {@code adam(lr=0.001, beta1=0.9, beta2=0.999,
   * eps=1.0E-8, l2=1.0E-4)}.
   *
   * @return the spec
   */
  public String spec() {
    String own = hyperParameters();
    StringBuilder sb = new StringBuilder(name()).append("(lr=").append(learningRate)
        .append(own.isEmpty() ? "" : ", " + own);
    if (l2 > 0) {
      sb.append(", l2=").append(l2);
    }
    if (clipNorm < Double.POSITIVE_INFINITY) {
      sb.append(", clip_norm=").append(clipNorm);
    }
    if (clipValue < Double.POSITIVE_INFINITY) {
      sb.append(", clip_value=").append(clipValue);
    }
    return sb.append(')').toString();
  }

  /**
   * The rule's state arrays, one {@code double[][]} (one array per parameter) per kind of state,
   * e.g. Adam's {@code m} and {@code v}; empty before the first step or for stateless rules.
   *
   * @return the live arrays, in a fixed order
   */
  protected List<double[][]> stateArrays() {
    return List.of();
  }

  /**
   * A copy of the state: the step count and the state arrays, for checkpoints.
   *
   * @return the state; arrays are copies
   */
  public State exportState() {
    List<double[][]> copy = new ArrayList<>();
    for (double[][] kind : stateArrays()) {
      double[][] c = new double[kind.length][];
      for (int p = 0; p < kind.length; p++) {
        c[p] = kind[p].clone();
      }
      copy.add(c);
    }
    return new State(t, copy);
  }

  /**
   * Restores a state exported from an optimizer of the same kind and spec for the same network,
   * and binds this optimizer to {@code network}.
   *
   * @param network the network the state belongs to
   * @param state the state
   * @throws IllegalArgumentException if the shapes do not match this rule and network
   */
  public void importState(Network network, State state) {
    bind(network);
    List<double[][]> mine = stateArrays();
    if (mine.size() != state.arrays().size()) {
      throw new IllegalArgumentException(name() + " keeps " + mine.size()
          + " kinds of state but the saved state has " + state.arrays().size());
    }
    for (int k = 0; k < mine.size(); k++) {
      double[][] target = mine.get(k);
      double[][] source = state.arrays().get(k);
      if (target.length != source.length) {
        throw new IllegalArgumentException(name() + " state " + k + " covers " + source.length
            + " parameters, the network has " + target.length);
      }
      for (int p = 0; p < target.length; p++) {
        if (target[p].length != source[p].length) {
          throw new IllegalArgumentException(name() + " state " + k + ", parameter " + p
              + ": " + source[p].length + " entries, expected " + target[p].length);
        }
        System.arraycopy(source[p], 0, target[p], 0, target[p].length);
      }
    }
    if (state.steps() < 0) {
      throw new IllegalArgumentException("a step count cannot be negative: " + state.steps());
    }
    t = state.steps();
  }

  /**
   * An optimizer's state.
   *
   * @param steps the step count {@code t}
   * @param arrays the state arrays, as {@link #stateArrays()} orders them
   */
  public record State(long steps, List<double[][]> arrays) {}

  /** The spec, see {@link #spec()}. */
  @Override
  public String toString() {
    return spec();
  }
}

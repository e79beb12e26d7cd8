package io.ffnn.core.optimizers;

import io.ffnn.core.Network;
import io.ffnn.core.ParameterLayout;
import io.ffnn.core.ParameterLayout.Parameter;
import io.ffnn.core.ParameterUpdate;
import io.ffnn.core.Workspace;
import java.util.List;
import java.util.Objects;

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
 * <p>A {@link io.ffnn.core.Precision#FLOAT32} network's weights and gradients are {@code float}:
 * when nothing clips and there is no L2, its training steps call the {@code float} form of the
 * rule, {@link #update(Parameter, float[], float[], int, int, double, long)}, whose default runs
 * the {@code double} rule on a widened copy and rounds the result; SGD, momentum, Nesterov, the
 * Adam family and RMSProp have float forms of their own, AdaGrad takes the default. When the
 * gradients are prepared (clipped or penalised), the step runs the {@code double} rule on the
 * weights widened and rounds the result. The rule's state stays {@code double} either way.
 *
 * <p>The optimizer writes the weights through {@link Network#update}, which hands it each
 * parameter's entries in the network's precision: it never holds the weights.
 *
 * <p>An optimizer is mutable: it holds its configuration, its learning rate (which schedules
 * change), the step count {@code t} and per-parameter state, created for the first network it
 * updates and bound to it afterwards. Not thread-safe; one optimizer per training run: a
 * training configuration keeps an optimizer as a template and every run steps a {@link #fresh()}
 * copy of it.
 */
public abstract class Optimizer {

  private double learningRate;
  private double l2;
  private double clipNorm = Double.POSITIVE_INFINITY;
  private double clipValue = Double.POSITIVE_INFINITY;

  private Network bound;
  /** The step that clips or penalises, made on its first use. */
  private PreparedStep prepared;
  /**
   * For the default float rule: the widened parameters and gradients, {@code {θ, g}} by index;
   * made on its first use, so that a rule with a float form of its own holds none.
   */
  private volatile double[][][] wide;
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
   * A new optimizer of this rule with the same hyper-parameters and the given learning rate, and
   * no state: what {@link #fresh()} builds on.
   *
   * @param learningRate {@code η > 0}
   * @return the new optimizer
   */
  protected abstract Optimizer newInstance(double learningRate);

  /**
   * A copy of this optimizer's configuration — rule, hyper-parameters, learning rate, L2 and
   * clipping — without its state: bound to no network, at step 0. Each training run steps such a
   * copy of the optimizer its configuration holds.
   *
   * @return the fresh optimizer
   */
  public final Optimizer fresh() {
    Optimizer copy = newInstance(learningRate);
    copy.l2 = l2;
    copy.clipNorm = clipNorm;
    copy.clipValue = clipValue;
    return copy;
  }

  /**
   * Creates the rule's state for a network's parameters, once, before the first step.
   *
   * @param layout the parameters to keep state for; index state by {@link Parameter#index()}
   */
  protected abstract void allocate(ParameterLayout layout);

  /**
   * Updates the entries {@code from ≤ k < to} of one parameter in place.
   *
   * <p>A step may update a parameter in several ranges, from several threads at once (when it
   * {@link #updatesByRange() updates by ranges}): an entry's update must read and write only that entry of {@code theta}, of
   * {@code g} and of the rule's own state for {@code p}, as every elementwise rule does.
   *
   * @param p the parameter: its {@link Parameter#index() index} for the rule's state, whether it
   *     {@link Parameter#isWeights() is a weight matrix}, its name for messages
   * @param theta its entries. Modified in {@code [from, to)} only.
   * @param g its prepared gradient; without clipping or L2 this is the workspace's own gradient
   *     array, so it must not be modified, and it may be longer than the parameter. Not modified.
   * @param from the first entry to update
   * @param to one past the last entry to update
   * @param lr the current learning rate {@code η}
   * @param t the step number, from 1
   */
  protected abstract void update(Parameter p, double[] theta, double[] g, int from, int to,
      double lr, long t);

  /**
   * {@link #update(Parameter, double[], double[], int, int, double, long)} on a float32
   * network's {@code float} parameters and gradients, with the same contract. The default widens
   * the range to {@code double}, runs the {@code double} rule on it and rounds the result (state
   * and arithmetic in {@code double}); a rule overrides it with a loop on the floats, which the
   * JIT can vectorise, when that matters for its speed.
   *
   * @param p the parameter
   * @param theta its entries. Modified in {@code [from, to)} only.
   * @param g its gradient. Not modified.
   * @param from the first entry to update
   * @param to one past the last entry to update
   * @param lr the current learning rate {@code η}
   * @param t the step number, from 1
   */
  protected void update(Parameter p, float[] theta, float[] g, int from, int to, double lr,
      long t) {
    final double[][][] w = wide();
    final double[] wt = w[0][p.index()];
    final double[] wg = w[1][p.index()];
    for (int k = from; k < to; k++) {
      wt[k] = theta[k];
      wg[k] = g[k];
    }
    update(p, wt, wg, from, to, lr, t);
    for (int k = from; k < to; k++) {
      theta[k] = (float) wt[k];
    }
  }

  /**
   * Called once a step, on the thread that starts it, before any entry is updated: where a rule
   * prepares what all its entries share at step {@code t} (NAdam's momentum schedule), so that
   * the updates, which may run on several threads at once, only read it. Does nothing by default.
   *
   * @param t the step number, from 1
   */
  protected void stepBegins(long t) {}

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
    List<Parameter> parameters = network.layout().parameters();
    if (updatesByRange()) {
      // nothing to prepare: the rule reads the workspace's gradients as they are, and the three
      // passes over every parameter below (copy with sum of squares, scale, update) become one
      beginStep(network);
      for (int i = 0; i < parameters.size(); i++) {
        Parameter p = parameters.get(i);
        network.update(p, ws, 0, p.size(), byRange);
      }
      return;
    }
    bind(network);
    if (prepared == null) {
      prepared = new PreparedStep(this, network.layout());
    }
    prepared.prepare(ws, clipValue, clipNorm, l2);
    t++;
    stepBegins(t);
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      // the prepared gradient is double: a float32 network's weights come widened
      network.update(p, ws, 0, p.size(), prepared);
    }
  }

  /** The update by ranges, on the workspace's gradients as they are. */
  private final ParameterUpdate byRange = new ParameterUpdate() {
    @Override
    public void update(Parameter p, double[] theta, double[] g, int from, int to) {
      updateRange(p, theta, g, from, to);
    }

    @Override
    public void update(Parameter p, float[] theta, float[] g, int from, int to) {
      updateRange(p, theta, g, from, to);
    }
  };

  /**
   * Whether a step can be done by ranges of entries, each updated on its own (multi-threaded
   * training splits the entries across its threads): true unless the gradients are clipped or carry an L2
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
   * the step. The step is then made of {@code updateRange} calls that cover every entry of every
   * parameter exactly once — a parallel trainer makes them inside {@link Network#update}, one
   * range per thread — and equals {@link #step} with the same gradients, entry for entry.
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
    stepBegins(t);
  }

  /**
   * Updates the entries {@code from ≤ k < to} of parameter {@code p} in the step begun by
   * {@link #beginStep}, from its gradient. Calls for disjoint ranges may run on different
   * threads at once.
   *
   * @param p the parameter
   * @param theta its entries, as {@link Network#update} hands them. Modified in {@code [from,
   *     to)}.
   * @param g its gradient. Not modified.
   * @param from the first entry
   * @param to one past the last entry
   * @throws IllegalStateException if no step was begun
   * @throws IndexOutOfBoundsException if the range is not within the parameter
   */
  public final void updateRange(Parameter p, double[] theta, double[] g, int from, int to) {
    checkRange(p, from, to);
    update(p, theta, g, from, to, learningRate, t);
  }

  /**
   * {@link #updateRange(Parameter, double[], double[], int, int)} of a float32 network's
   * {@code float} entries and gradient, by the rule's float form.
   *
   * @param p the parameter
   * @param theta its entries. Modified in {@code [from, to)}.
   * @param g its gradient. Not modified.
   * @param from the first entry
   * @param to one past the last entry
   * @throws IllegalStateException if no step was begun
   * @throws IndexOutOfBoundsException if the range is not within the parameter
   */
  public final void updateRange(Parameter p, float[] theta, float[] g, int from, int to) {
    checkRange(p, from, to);
    update(p, theta, g, from, to, learningRate, t);
  }

  private void checkRange(Parameter p, int from, int to) {
    if (bound == null || t == 0) {
      throw new IllegalStateException("updateRange before beginStep");
    }
    Objects.checkFromToIndex(from, to, p.size());
  }

  private void bind(Network network) {
    if (bound == network) {
      return;
    }
    if (bound != null) {
      throw new IllegalStateException("this " + name() + " optimizer already holds the state of "
          + bound + "; use a new optimizer for another network");
    }
    allocate(network.layout());
    bound = network;
  }

  /** {@link #wide}, made once even when the first ranges of a step run on several threads. */
  private double[][][] wide() {
    double[][][] w = wide;
    if (w == null) {
      synchronized (this) {
        w = wide;
        if (w == null) {
          w = new double[][][] {zeros(bound.layout()), zeros(bound.layout())};
          wide = w;
        }
      }
    }
    return w;
  }

  /**
   * One zero-filled array per parameter, for a rule's state.
   *
   * @param layout the parameters, as given to {@link #allocate(ParameterLayout)}
   * @return the arrays, indexed by {@link Parameter#index()}
   */
  protected static double[][] zeros(ParameterLayout layout) {
    List<Parameter> parameters = layout.parameters();
    double[][] state = new double[parameters.size()][];
    for (Parameter p : parameters) {
      state[p.index()] = new double[p.size()];
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
   * The bytes this optimizer holds while it trains a network of {@code parameters} entries:
   * the rule's state, {@code double} in either precision (Adam's {@code m} and {@code v}: 16
   * bytes an entry, AMSGrad's third array 24, momentum, RMSProp and AdaGrad 8, SGD none), the
   * prepared gradients when it clips or penalises (8 bytes an entry), and for a float32 network
   * whose rule has no {@code float} form of its own (AdaGrad) the widened entries and
   * gradients of the default form (16). Trainers count it against their memory budget before
   * training starts; the state is found by allocating it for a one-weight network.
   *
   * @param parameters the network's parameter count, {@code >= 0}
   * @param precision the network's precision
   * @return the bytes
   * @throws IllegalArgumentException if {@code parameters} is negative
   */
  public final long memoryBytes(long parameters, io.ffnn.core.Precision precision) {
    if (parameters < 0) {
      throw new IllegalArgumentException("a parameter count cannot be negative: " + parameters);
    }
    Objects.requireNonNull(precision, "precision");
    Optimizer probe = fresh();
    probe.allocate(ParameterLayout.of(1, 1));
    long perEntry = 8L * probe.stateArrays().size();
    if (!updatesByRange()) {
      perEntry += 8;
    } else if (precision == io.ffnn.core.Precision.FLOAT32 && !hasFloatForm()) {
      perEntry += 16;
    }
    return perEntry * parameters;
  }

  /** Whether the rule overrides the float form of {@code update}. */
  private boolean hasFloatForm() {
    for (Class<?> c = getClass(); c != Optimizer.class; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod("update", Parameter.class, float[].class, float[].class, int.class,
            int.class, double.class, long.class);
        return true;
      } catch (NoSuchMethodException e) {
        // not declared here: look further up
      }
    }
    return false;
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
    return new State(t, StateCopies.copy(stateArrays()));
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
    StateCopies.restore(name(), stateArrays(), state, network.layout());
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
  public record State(long steps, List<double[][]> arrays) {

    /** {@return the step count {@code t}} */
    public long steps() {
      return steps;
    }

    /** {@return the state arrays, as {@link #stateArrays()} orders them} */
    public List<double[][]> arrays() {
      return arrays;
    }
  }

  /** The spec, see {@link #spec()}. */
  @Override
  public String toString() {
    return spec();
  }
}

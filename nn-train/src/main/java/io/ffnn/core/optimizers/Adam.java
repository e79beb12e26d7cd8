package io.ffnn.core.optimizers;

import io.ffnn.core.ParameterLayout;
import io.ffnn.core.ParameterLayout.Parameter;

import java.util.List;
import java.util.Locale;

/**
 * The Adam family, with first and second moment estimates {@code m ← β₁ m + (1 − β₁) g}, {@code v
 * ← β₂ v + (1 − β₂) g²} (both starting at 0) and bias corrections {@code m̂ = m / (1 − β₁ᵗ)},
 * {@code v̂ = v / (1 − β₂ᵗ)}:
 *
 * <ul>
 *   <li>{@link Variant#ADAM} (Kingma &amp; Ba 2015): {@code θ ← θ − η m̂ / (sqrt(v̂) + ε)};
 *   <li>{@link Variant#ADAMW} (Loshchilov &amp; Hutter 2019): the same plus decoupled weight decay
 *       on the weights, {@code θ ← θ − η (m̂ / (sqrt(v̂) + ε) + λ θ)};
 *   <li>{@link Variant#NADAM} (Dozat 2016): Nesterov momentum in Adam, {@code θ ← θ − η (β₁ m̂ + (1
 *       − β₁) g / (1 − β₁ᵗ)) / (sqrt(v̂) + ε)}; with {@code momentum_decay=ψ > 0}, PyTorch's
 *       {@code NAdam} instead, whose momentum follows {@code μ_t = β₁ (1 − ½ 0.96^(t ψ))}: {@code
 *       θ ← θ − η (μ_(t+1) m / (1 − Π_(i≤t+1) μ_i) + (1 − μ_t) g / (1 − Π_(i≤t) μ_i)) / (sqrt(v̂)
 *       + ε)} (PyTorch's default ψ is 0.004);
 *   <li>{@link Variant#AMSGRAD} (Reddi et al. 2018), as PyTorch: {@code v_max ← max(v_max, v)},
 *       {@code θ ← θ − η m̂ / (sqrt(v_max / (1 − β₂ᵗ)) + ε)}.
 * </ul>
 *
 * Defaults: {@code β₁ = 0.9}, {@code β₂ = 0.999}, {@code ε = 1e-8}, {@code λ = 0.01} (AdamW).
 */
public final class Adam extends Optimizer {

  /** The member of the family. */
  public enum Variant {
    /** Adam. */
    ADAM,
    /** Adam with decoupled weight decay. */
    ADAMW,
    /** Adam with Nesterov momentum. */
    NADAM,
    /** Adam with the running maximum of the second moment. */
    AMSGRAD
  }

  private final Variant variant;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  /** NAdam's momentum decay ψ: 0 for the simplified form, else PyTorch's schedule. */
  private final double momentumDecay;
  /** PyTorch NAdam's schedule at the last step: {t, Π μ_1…μ_t, μ_t, μ_(t+1), Π μ_1…μ_(t+1)}. */
  private volatile double[] schedule;
  private double[][] m;
  private double[][] v;
  private double[][] vMax;
  /** Adam's and AdamW's {@link #step} on blocks, for their float form where needed. */
  private final FloatBlocks.Step blockStep = this::stepBlock;

  /**
   * An Adam-family optimizer.
   *
   * @param variant which member
   * @param learningRate {@code η > 0}
   * @param beta1 {@code β₁} in {@code [0, 1)}
   * @param beta2 {@code β₂} in {@code [0, 1)}
   * @param eps {@code ε > 0}
   * @param weightDecay {@code λ >= 0}, used by {@link Variant#ADAMW} only
   */
  public Adam(Variant variant, double learningRate, double beta1, double beta2, double eps,
      double weightDecay) {
    this(variant, learningRate, beta1, beta2, eps, weightDecay, 0);
  }

  /**
   * The same, with NAdam's momentum decay.
   *
   * @param momentumDecay {@code ψ >= 0}: 0 for the simplified NAdam, else PyTorch's
   *     momentum-decay schedule {@code μ_t = β₁ (1 − ½ 0.96^(t ψ))} (NADAM only)
   */
  Adam(Variant variant, double learningRate, double beta1, double beta2, double eps,
      double weightDecay, double momentumDecay) {
    super(learningRate);
    this.variant = java.util.Objects.requireNonNull(variant, "variant");
    this.beta1 = unitInterval("beta1", beta1);
    this.beta2 = unitInterval("beta2", beta2);
    this.eps = positive("eps", eps);
    this.weightDecay = nonNegative("weight decay", weightDecay);
    this.momentumDecay = nonNegative("momentum_decay", momentumDecay);
    if (momentumDecay > 0 && variant != Variant.NADAM) {
      throw new IllegalArgumentException("momentum_decay is NAdam's; " + name() + " has none");
    }
  }

  private static double unitInterval(String what, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
    }
    return value;
  }

  @Override
  protected Optimizer newInstance(double learningRate) {
    return new Adam(variant, learningRate, beta1, beta2, eps, weightDecay, momentumDecay);
  }

  @Override
  public String name() {
    return variant.name().toLowerCase(Locale.ROOT);
  }

  @Override
  protected String hyperParameters() {
    return String.format(Locale.ROOT, "beta1=%s, beta2=%s, eps=%s", beta1, beta2, eps)
        + (variant == Variant.ADAMW ? ", weight_decay=" + weightDecay : "")
        + (momentumDecay > 0 ? ", momentum_decay=" + momentumDecay : "");
  }

  @Override
  protected void allocate(ParameterLayout layout) {
    m = zeros(layout);
    v = zeros(layout);
    vMax = variant == Variant.AMSGRAD ? zeros(layout) : null;
  }

  @Override
  protected List<double[][]> stateArrays() {
    if (m == null) {
      return List.of();
    }
    return vMax == null ? List.of(m, v) : List.of(m, v, vMax);
  }

  @Override
  protected void update(Parameter p, double[] theta, double[] g, int from, int to,
      double lr, long t) {
    final double c1 = 1 - Math.pow(beta1, t);
    final double c2 = 1 - Math.pow(beta2, t);
    final double decay = decay(p);
    final double[] s = momentumDecay > 0 ? schedule(t, false) : null;
    if (plain()) {
      step(theta, g, m[p.index()], v[p.index()], from, to, lr, c1, c2, decay);
      return;
    }
    for (int k = from; k < to; k++) {
      theta[k] -= lr * (direction(p.index(), k, g[k], c1, c2, s) + decay * theta[k]);
    }
  }

  /**
   * Adam's and AdamW's step on entries {@code from ≤ k < to} of arrays that share one index: the
   * moments, {@code m̂ / (√v̂ + ε)} and the update in one loop without calls or branches, which the
   * JIT vectorises; the same operations in the same order as {@link #direction}.
   */
  private void step(double[] theta, double[] g, double[] mp, double[] vp, int from, int to,
      double lr, double c1, double c2, double decay) {
    final double b1 = beta1;
    final double b2 = beta2;
    final double e = eps;
    for (int k = from; k < to; k++) {
      final double gk = g[k];
      final double mk = b1 * mp[k] + (1 - b1) * gk;
      final double vk = b2 * vp[k] + (1 - b2) * gk * gk;
      mp[k] = mk;
      vp[k] = vk;
      theta[k] -= lr * (mk / c1 / (Math.sqrt(vk / c2) + e) + decay * theta[k]);
    }
  }

  /** {@link #step} on a block of {@code n} entries at step {@code t}. */
  private void stepBlock(Parameter p, double[] theta, double[] g, double[] mp, double[] vp, int n,
      double lr, long t) {
    step(theta, g, mp, vp, 0, n, lr, 1 - Math.pow(beta1, t), 1 - Math.pow(beta2, t), decay(p));
  }

  /** AdamW's decoupled weight decay for {@code p}: its weights only; 0 for the other rules. */
  private double decay(Parameter p) {
    return variant == Variant.ADAMW && p.isWeights() ? weightDecay : 0.0;
  }

  /** Whether the rule is Adam or AdamW: no maximum of the second moments, no Nesterov term. */
  private boolean plain() {
    return variant == Variant.ADAM || variant == Variant.ADAMW;
  }

  /** {@inheritDoc} In one pass, in {@code double}: the same values as the default. */
  @Override
  protected void update(Parameter p, float[] theta, float[] g, int from, int to, double lr,
      long t) {
    final double c1 = 1 - Math.pow(beta1, t);
    final double c2 = 1 - Math.pow(beta2, t);
    final double decay = decay(p);
    final double[] s = momentumDecay > 0 ? schedule(t, false) : null;
    if (plain() && FloatBlocks.CONVERTS_IN_LOOP) {
      final double[] mp = m[p.index()];
      final double[] vp = v[p.index()];
      final double b1 = beta1;
      final double b2 = beta2;
      final double e = eps;
      for (int k = from; k < to; k++) {
        final double gk = g[k];
        final double mk = b1 * mp[k] + (1 - b1) * gk;
        final double vk = b2 * vp[k] + (1 - b2) * gk * gk;
        mp[k] = mk;
        vp[k] = vk;
        final double th = theta[k];
        theta[k] = (float) (th - lr * (mk / c1 / (Math.sqrt(vk / c2) + e) + decay * th));
      }
      return;
    }
    if (plain()) {
      // a block at a time in double (see FloatBlocks), rounded back once
      FloatBlocks.update(blockStep, p, theta, g, m[p.index()], v[p.index()], from, to, lr, t);
      return;
    }
    for (int k = from; k < to; k++) {
      theta[k] = (float) (theta[k] - lr * (direction(p.index(), k, g[k], c1, c2, s)
          + decay * theta[k]));
    }
  }

  /** NAdam's schedule made for the step before its ranges run, in the array it keeps. */
  @Override
  protected void stepBegins(long t) {
    if (momentumDecay > 0) {
      schedule(t, true);
    }
  }

  /**
   * PyTorch NAdam's momentum schedule at step {@code t}, from the last step's when it is the one
   * before: made by {@link #stepBegins} on the step's one thread, in place, and only read by the
   * ranges; made here, in a new array, if the rule is called without a step begun.
   */
  private double[] schedule(long t, boolean inPlace) {
    double[] s = schedule;
    if (s != null && s[0] == t) {
      return s;
    }
    double product = 1;
    long from = 1;
    if (s != null && s[0] == t - 1) {
      product = s[1];
      from = t;
    }
    for (long i = from; i <= t; i++) {
      product *= mu(i);
    }
    double next = mu(t + 1);
    double[] made = inPlace && s != null ? s : new double[5];
    made[0] = t;
    made[1] = product;
    made[2] = mu(t);
    made[3] = next;
    made[4] = product * next;
    schedule = made;
    return made;
  }

  private double mu(long t) {
    return beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
  }

  /**
   * Entry {@code k} of parameter {@code i}: updates the moments with the gradient {@code gk} and
   * returns the step's direction, {@code m̂ / (√v̂ + ε)} (or its variant's); {@code s} is PyTorch
   * NAdam's schedule, or null.
   */
  private double direction(int i, int k, double gk, double c1, double c2, double[] s) {
    final double[] mp = m[i];
    final double[] vp = v[i];
    mp[k] = beta1 * mp[k] + (1 - beta1) * gk;
    vp[k] = beta2 * vp[k] + (1 - beta2) * gk * gk;
    double mHat = mp[k] / c1;
    double second = vp[k];
    if (variant == Variant.AMSGRAD) {
      vMax[i][k] = Math.max(vMax[i][k], vp[k]);
      second = vMax[i][k];
    }
    double denominator = Math.sqrt(second / c2) + eps;
    if (s != null) {
      // PyTorch: μ_(t+1) m / (1 − Π μ_1…μ_(t+1)) + (1 − μ_t) g / (1 − Π μ_1…μ_t)
      return (s[3] * mp[k] / (1 - s[4]) + (1 - s[2]) * gk / (1 - s[1])) / denominator;
    }
    return variant == Variant.NADAM
        ? (beta1 * mHat + (1 - beta1) * gk / c1) / denominator
        : mHat / denominator;
  }
}

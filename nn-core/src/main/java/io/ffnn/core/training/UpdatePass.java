package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.ParameterLayout.Parameter;
import io.ffnn.core.Workspace;
import io.ffnn.core.internal.Shared;
import java.util.List;
import io.ffnn.core.optimizers.Optimizer;

/**
 * The second half of a training step for an optimizer that {@linkplain Optimizer#updatesByRange()
 * updates by ranges}: the parts' gradients combined, {@code g = Σ_t (m_t / m) g_t}, the
 * optimizer's update, and the check that every parameter stayed finite, split into one
 * contiguous range of the parameters' entries per training thread.
 *
 * <p>A range goes through in chunks small enough to stay in the L1 cache from one stage to the
 * next, so each entry of {@code W}, {@code dW} and the parts' gradients comes from memory once a
 * step rather than once per stage. Each entry is computed exactly as {@link
 * Shared.Gradients#combine} and {@link Optimizer#step} compute it, so the result does not depend
 * on the number of ranges.
 */
final class UpdatePass {

  /** Entries per chunk: 8 KB of each array. */
  static final int CHUNK = 1024;

  private final Network net;
  private final Optimizer opt;
  private final Workspace[] ws;
  private final Shared.Steps steps = Shared.steps();
  private final Shared.Float32 float32 = Shared.float32();
  /** Whether the network is float32: its floats are updated, in {@link #run32}. */
  private final boolean float32Network;
  /** The floats of each parameter of a float32 network, else null. */
  private final float[][] theta32;
  /** {@code grad32[t][p]}: part t's float gradient of parameter p in this step, or null. */
  private final float[][][] grad32;
  /** {@code others32[r][t]}: range r's scratch reference to part t's float gradient. */
  private final float[][][] others32;
  private final List<Parameter> parameters;
  /** {@code from[r][p]}, {@code to[r][p]}: range r's entries of parameter p. */
  private final int[][] from;
  private final int[][] to;
  private final boolean[] nonFinite;
  /** {@code others[r][t]}: range r's scratch reference to part t's gradient of the parameter. */
  private final double[][][] others;
  /** The factors {@code m_t / m} of the parts of the current batch. */
  private final double[] weight;
  private int used;

  /**
   * @param net the network being trained
   * @param opt its optimizer
   * @param ws the parts' workspaces; part 0's receives the combined gradients
   * @param ranges the number of ranges, one per training thread
   */
  UpdatePass(Network net, Optimizer opt, Workspace[] ws, int ranges) {
    this.net = net;
    this.opt = opt;
    this.ws = ws;
    this.weight = new double[ws.length];
    this.nonFinite = new boolean[ranges];
    this.others = new double[ranges][ws.length][];
    this.others32 = new float[ranges][ws.length][];
    this.parameters = net.layout().parameters();
    int params = parameters.size();
    this.theta32 = new float[params][];
    for (Parameter p : parameters) {
      theta32[p.index()] = float32.parameter32(net, p);
    }
    this.float32Network = params > 0 && theta32[0] != null;
    this.grad32 = new float[ws.length][params][];
    long total = net.layout().count();
    from = new int[ranges][params];
    to = new int[ranges][params];
    for (int r = 0; r < ranges; r++) {
      long lo = total * r / ranges;
      long hi = total * (r + 1) / ranges;
      for (Parameter p : parameters) {
        from[r][p.index()] = (int) Math.min(p.size(), Math.max(0, lo - p.offset()));
        to[r][p.index()] = (int) Math.min(p.size(), Math.max(0, hi - p.offset()));
      }
    }
  }

  /**
   * Sets up a step: the first {@code used} parts hold gradients of batch parts of the given
   * sizes; begins the optimizer's step.
   *
   * @param sizes the examples in each part
   * @param used how many parts hold gradients
   * @param m the examples in the batch
   */
  void begin(int[] sizes, int used, int m) {
    this.used = used;
    for (int t = 0; t < used; t++) {
      weight[t] = (double) sizes[t] / m;
      for (int i = 0; float32Network && i < parameters.size(); i++) {
        grad32[t][i] = float32.gradient32(ws[t], parameters.get(i));
      }
    }
    steps.begin(opt, net);
  }

  /** Ends a step whose ranges have all run: a float32 network's floats are the newer. */
  void end() {
    if (float32Network) {
      float32.updated(net);
    }
  }

  /**
   * Runs range {@code r}: safe to call for different ranges on different threads at once.
   *
   * @param r the range
   */
  void run(int r) {
    if (float32Network) {
      run32(r);
      return;
    }
    boolean bad = false;
    for (int i = 0; i < parameters.size(); i++) {
      final Parameter p = parameters.get(i);
      final double[] theta = net.parameter(p).data;
      final double[] g = ws[0].gradient(p).data;
      for (int t = 1; t < used; t++) {
        others[r][t] = ws[t].gradient(p).data;
      }
      for (int c = from[r][i]; c < to[r][i]; c += CHUNK) {
        final int e = Math.min(to[r][i], c + CHUNK);
        if (used > 1) {
          // (m_0/m) g_0 + (m_1/m) g_1, then + (m_t/m) g_t for any further part
          final double[] g1 = others[r][1];
          final double a = weight[0];
          final double b = weight[1];
          for (int k = c; k < e; k++) {
            g[k] = a * g[k] + b * g1[k];
          }
          for (int t = 2; t < used; t++) {
            final double[] gt = others[r][t];
            final double w = weight[t];
            for (int k = c; k < e; k++) {
              g[k] += w * gt[k];
            }
          }
        }
        steps.update(opt, net, ws[0], p, c, e);
        bad |= !Divergence.allFinite(theta, c, e);
      }
    }
    nonFinite[r] = bad;
  }

  /**
   * {@link #run} for a float32 network: the parts' float gradients combined in float (which the
   * JIT vectorises), the rule's float form on the network's floats, the check on the floats; no
   * conversion to or from double.
   */
  private void run32(int r) {
    boolean bad = false;
    for (int i = 0; i < parameters.size(); i++) {
      final Parameter p = parameters.get(i);
      final float[] theta = theta32[i];
      final float[] g = grad32[0][i];
      for (int t = 1; t < used; t++) {
        others32[r][t] = grad32[t][i];
      }
      for (int c = from[r][i]; c < to[r][i]; c += CHUNK) {
        final int e = Math.min(to[r][i], c + CHUNK);
        if (used > 1) {
          combine32(g, r, c, e);
        }
        steps.update(opt, net, p, theta, g, c, e);
        bad |= !Divergence.allFinite(theta, c, e);
      }
    }
    nonFinite[r] = bad;
  }

  /** {@link #run}'s combination of the parts' float gradients into part 0's, in float. */
  private void combine32(float[] g, int r, int c, int e) {
    final float a = (float) weight[0];
    final float b = (float) weight[1];
    final float[] g1 = others32[r][1];
    for (int k = c; k < e; k++) {
      g[k] = a * g[k] + b * g1[k];
    }
    for (int t = 2; t < used; t++) {
      final float[] gt = others32[r][t];
      final float w = (float) weight[t];
      for (int k = c; k < e; k++) {
        g[k] += w * gt[k];
      }
    }
  }

  /**
   * Whether any range left a parameter that is not finite.
   *
   * @return true if some entry is NaN or infinite
   */
  boolean anyNonFinite() {
    for (boolean b : nonFinite) {
      if (b) {
        return true;
      }
    }
    return false;
  }
}

package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.ParameterLayout.Parameter;
import io.ffnn.core.ParameterUpdate;
import io.ffnn.core.Workspace;
import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.internal.FloatKernels;
import io.ffnn.core.optimizers.Optimizer;
import java.util.List;

/**
 * The second half of a training step for an optimizer that {@linkplain Optimizer#updatesByRange()
 * updates by ranges}: the parts' gradients combined, {@code g = Σ_t (m_t / m) g_t}, the
 * optimizer's update, and the check that every parameter stayed finite, split into one
 * contiguous range of the parameters' entries per training thread.
 *
 * <p>A range goes through in chunks small enough to stay in the L1 cache from one stage to the
 * next, so each entry of {@code W}, {@code dW} and the parts' gradients comes from memory once a
 * step rather than once per stage. The gradients are combined in the precision they are held in
 * ({@link Workspace#combineGradients(Parameter, int, int, double, Workspace, double)}) and the
 * update is the optimizer's range update inside {@link Network#update}, so the result does not
 * depend on the number of ranges.
 */
final class UpdatePass {

  /** Entries per chunk: 8 KB of each array. */
  static final int CHUNK = 1024;

  private final Network net;
  private final Optimizer opt;
  private final Workspace[] ws;
  private final List<Parameter> parameters;
  /** {@code from[r][p]}, {@code to[r][p]}: range r's entries of parameter p. */
  private final int[][] from;
  private final int[][] to;
  /** Each range's update: the optimizer's, then the check that the entries stayed finite. */
  private final Checked[] update;
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
    this.update = new Checked[ranges];
    this.parameters = net.layout().parameters();
    int params = parameters.size();
    long total = net.layout().count();
    from = new int[ranges][params];
    to = new int[ranges][params];
    for (int r = 0; r < ranges; r++) {
      update[r] = new Checked();
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
    }
    opt.beginStep(net);
  }

  /**
   * Runs range {@code r}: safe to call for different ranges on different threads at once.
   *
   * @param r the range
   */
  void run(int r) {
    Checked rule = update[r];
    rule.nonFinite = false;
    for (int i = 0; i < parameters.size(); i++) {
      if (from[r][i] < to[r][i]) {
        net.update(parameters.get(i), ws[0], from[r][i], to[r][i], rule);
      }
    }
  }

  /**
   * A range's stages, chunk by chunk: the parts' gradients combined into part 0's, {@code (m_0/m)
   * g_0 + (m_1/m) g_1}, then {@code + (m_t/m) g_t} for any further part; the optimizer's update;
   * and whether it left an entry that is not finite.
   */
  private final class Checked implements ParameterUpdate {
    boolean nonFinite;

    @Override
    public void update(Parameter p, double[] theta, double[] g, int from, int to) {
      chunks(p, from, to, theta, g, null, null);
    }

    @Override
    public void update(Parameter p, float[] theta, float[] g, int from, int to) {
      chunks(p, from, to, null, null, theta, g);
    }

    /** The range in chunks, its entries in double ({@code theta}, {@code g}) or in float. */
    private void chunks(Parameter p, int from, int to, double[] theta, double[] g,
        float[] theta32, float[] g32) {
      for (int c = from; c < to; c += CHUNK) {
        final int e = Math.min(to, c + CHUNK);
        if (used > 1) {
          ws[0].combineGradients(p, c, e, weight[0], ws[1], weight[1]);
          for (int t = 2; t < used; t++) {
            ws[0].combineGradients(p, c, e, 1.0, ws[t], weight[t]);
          }
        }
        if (theta != null) {
          opt.updateRange(p, theta, g, c, e);
          nonFinite |= !DoubleKernels.allFinite(theta, c, e);
        } else {
          opt.updateRange(p, theta32, g32, c, e);
          nonFinite |= !FloatKernels.allFinite(theta32, c, e);
        }
      }
    }
  }

  /**
   * Whether any range left a parameter that is not finite.
   *
   * @return true if some entry is NaN or infinite
   */
  boolean anyNonFinite() {
    for (Checked c : update) {
      if (c.nonFinite) {
        return true;
      }
    }
    return false;
  }
}

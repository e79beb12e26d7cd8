package io.ffnn.core.training;

import io.ffnn.core.Network;
import io.ffnn.core.Workspace;
import io.ffnn.core.internal.DoubleKernels;
import io.ffnn.core.optimizers.Optimizer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * One training step of a single-machine run, on one thread or several: the batch's examples
 * gathered in the epoch's order, forward and backward propagation (each thread on a contiguous
 * part of the batch, into its own workspace), the parts' gradients combined in a fixed order,
 * {@code g = Σ_t (m_t / m) g_t}, and the optimizer's update with the check that every parameter
 * stayed finite — the last two split across the threads as well when the optimizer {@linkplain
 * Optimizer#updatesByRange() updates by ranges} ({@link UpdatePass}).
 *
 * <p>Threads beyond the caller's are persistent and parked between rounds: a round publishes its
 * task with a volatile generation count, wakes the workers, runs part 0 on the calling thread and
 * parks until the last worker has finished. After the first batch nothing is allocated.
 */
final class BatchRunner implements AutoCloseable {

  private final Network net;
  private final Optimizer opt;
  private final Part[] parts;
  private final int[] partSizes;
  private final UpdatePass pass;
  private final Workers workers;
  /** The order of the current epoch's examples, shared by the parts. */
  private final int[] order;
  /**
   * With a validation split, the columns of {@code X} trained on; and the epoch's order mapped
   * through them, what the inputs are gathered by. Else null, and {@code xOrder} is {@code order}.
   */
  private final int[] trainIndex;
  private final int[] xOrder;
  private int used;

  /**
   * @param net the network
   * @param opt the run's optimizer
   * @param config the configuration: batch size, threads, whether to copy X example-major
   * @param X the training inputs, {@code n[0] × m}, or null if they are given in float. Not
   *     modified.
   * @param X32 the training inputs in float, or null. Not modified.
   * @param inputs or (X and X32 null) the training inputs as held, gathered as they are
   * @param trainIndex the columns of the inputs trained on, in the order of {@code Y}'s, or null
   *     for all of them. Not modified.
   * @param Y the training targets. Not modified.
   * @param weights each example's weight in the gradient, or null for all 1. Not modified.
   */
  BatchRunner(Network net, Optimizer opt, TrainingConfig config, DMatrixRMaj X, FMatrixRMaj X32,
      io.ffnn.core.internal.data.Inputs inputs, int[] trainIndex, DMatrixRMaj Y,
      double[] weights) {
    this.net = net;
    this.opt = opt;
    int threads = config.threads();
    int m = Y.numCols;
    this.order = new int[m];
    this.trainIndex = trainIndex;
    this.xOrder = trainIndex == null ? order : new int[m];
    int capacity = Math.min(config.batchSize(), m);
    BatchSource source = inputs != null ? new BatchSource(net, inputs)
        : new BatchSource(net, config.exampleMajorCopy(), X, X32);
    parts = new Part[threads];
    parts[0] = new Part(source, weights, Y, net.newWorkspace(), capacity);
    for (int t = 1; t < threads; t++) {
      parts[t] = new Part(source, weights, Y, net.newWorkspace(),
          (capacity + threads - 1) / threads);
    }
    partSizes = new int[threads];
    Workspace[] workspaces = new Workspace[threads];
    for (int t = 0; t < threads; t++) {
      workspaces[t] = parts[t].ws;
    }
    pass = new UpdatePass(net, opt, workspaces, threads);
    workers = threads == 1 ? null : new Workers();
  }

  /**
   * Starts an epoch: its order of the examples, and dropout masks drawn from its seed.
   *
   * @param config the configuration
   * @param epoch the epoch
   */
  void epochStart(TrainingConfig config, int epoch) {
    config.fillEpochOrder(order, epoch);
    if (trainIndex != null) {
      for (int i = 0; i < order.length; i++) {
        xOrder[i] = trainIndex[order[i]];
      }
    }
    for (int t = 0; t < parts.length; t++) {
      parts[t].ws.training(new Random(config.epochSeed(epoch) + 1 + t));
    }
  }

  /**
   * Forward and backward propagation of the examples {@code order[from … to−1]}.
   *
   * @return the batch's cost, {@code Σ_t (m_t / m) J_t}
   */
  double propagate(int from, int to) {
    int mb = to - from;
    used = Math.min(parts.length, mb);
    if (used == 1) {
      return parts[0].run(from, to);
    }
    for (int p = 0; p < parts.length; p++) {
      parts[p].active = p < used;
      parts[p].start = from + (int) ((long) mb * p / used);
      parts[p].end = from + (int) ((long) mb * (p + 1) / used);
    }
    workers.round(false);
    double J = 0;
    for (int p = 0; p < used; p++) {
      J += parts[p].J * parts[p].size / mb;
    }
    return J;
  }

  /** The number of parts the last batch was split into. */
  int parts() {
    return used;
  }

  /** Part {@code p}'s output {@code A[L]} from the last batch. */
  DMatrixRMaj output(int p) {
    return parts[p].ws.A(net.depth());
  }

  /** Part {@code p}'s targets from the last batch. */
  DMatrixRMaj targets(int p) {
    return parts[p].Yb;
  }

  /**
   * The workspace to diagnose the last batch with: the first part's whose loss is not finite, or
   * part 0's, which holds the combined gradients.
   */
  Workspace workspace() {
    for (int p = 0; p < used; p++) {
      if (!Double.isFinite(parts[p].J)) {
        return parts[p].ws;
      }
    }
    return parts[0].ws;
  }

  /**
   * The parts' gradients combined and the optimizer's step.
   *
   * @param mb the examples in the batch
   * @return the first parameter entry the step left non-finite, or null
   */
  String update(int mb) {
    if (opt.updatesByRange()) {
      // combine, update and check in one pass, split across the threads
      for (int p = 0; p < used; p++) {
        partSizes[p] = parts[p].size;
      }
      pass.begin(partSizes, used, mb);
      if (workers == null) {
        pass.run(0);
      } else {
        workers.round(true);
      }
      return pass.anyNonFinite() ? Divergence.firstNonFiniteParameter(net) : null;
    }
    combine(mb);
    opt.step(net, parts[0].ws);
    return Divergence.firstNonFiniteParameter(net);
  }

  /**
   * The parts' gradients combined in part order into part 0's workspace, one pass per part,
   * {@code (m_0/m) g_0 + (m_1/m) g_1}, then {@code + (m_t/m) g_t} for any further part: for an
   * optimizer that needs all gradients at once.
   */
  private void combine(int mb) {
    if (used == 1) {
      return;
    }
    Workspace ws = parts[0].ws;
    ws.combineGradients((double) parts[0].size / mb, parts[1].ws, (double) parts[1].size / mb);
    for (int p = 2; p < used; p++) {
      ws.combineGradients(1.0, parts[p].ws, (double) parts[p].size / mb);
    }
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.close();
    }
  }

  /** One thread's share of a batch: its workspace, buffers and last cost. */
  private final class Part {
    /** The batch's inputs, gathered as the run's source decided. */
    final BatchSource.Buffer Xb;
    final DMatrixRMaj Y;
    final Workspace ws;
    final DMatrixRMaj Yb;
    /** Each training example's weight, and the batch's, or null. */
    final double[] weights;
    final double[] wb;
    double J;
    int size;
    /** The round's share, set by the training thread before a round starts. */
    boolean active;
    int start;
    int end;
    /** What went wrong on a worker thread, rethrown on the training thread. */
    Throwable failure;

    Part(BatchSource source, double[] weights, DMatrixRMaj Y, Workspace ws, int capacity) {
      this.Xb = source.buffer(capacity);
      this.Y = Y;
      this.ws = ws;
      this.Yb = new DMatrixRMaj(Y.numRows, capacity);
      this.weights = weights;
      this.wb = weights == null ? null : new double[capacity];
      ws.weighExamples(wb);
    }

    /** Forward and backward on the examples {@code order[start … end−1]}. */
    double run(int start, int end) {
      DoubleKernels.gatherColumns(Y, order, start, end, Yb);
      size = end - start;
      if (wb != null) {
        for (int k = 0; k < size; k++) {
          wb[k] = weights[order[start + k]];
        }
      }
      Xb.gather(xOrder, start, end);
      J = net.computeGradients(Xb.batch, Yb, ws);
      return J;
    }
  }

  /**
   * Persistent worker threads for parts 1…T−1 of every batch; part 0 runs on the training thread.
   * A round either propagates (each part's forward and backward passes) or updates (each thread's
   * range of the {@link UpdatePass}).
   */
  private final class Workers {
    private final Thread[] threads;
    /**
     * How long a waiting thread spins before it parks: rounds follow each other within
     * microseconds (the parts' propagation, then the update, then the next batch), and waking a
     * parked thread costs a good part of a round. No spinning when the threads outnumber the
     * cores, where a spinning thread would hold up a working one.
     */
    private final long spinNanos;
    private final Thread owner = Thread.currentThread();
    private final AtomicInteger pending = new AtomicInteger();
    /** The round's task, published by the volatile write of {@link #generation}. */
    private boolean updating;
    private volatile int generation;
    private volatile boolean closed;

    Workers() {
      this.threads = new Thread[parts.length - 1];
      // set before the threads start, which makes it visible to them
      spinNanos = parts.length <= Runtime.getRuntime().availableProcessors() ? 200_000 : 0;
      for (int t = 1; t < parts.length; t++) {
        final int part = t;
        threads[t - 1] = new Thread(() -> loop(part), "ffnn-trainer-" + t);
        threads[t - 1].setDaemon(true);
        threads[t - 1].start();
      }
    }

    private void loop(int t) {
      int seen = 0;
      while (true) {
        int g;
        long deadline = System.nanoTime() + spinNanos;
        while ((g = generation) == seen && !closed) {
          if (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
        }
        if (closed) {
          return;
        }
        seen = g;
        Part p = parts[t];
        try {
          if (updating) {
            pass.run(t);
          } else if (p.active) {
            p.run(p.start, p.end);
          }
        } catch (Throwable e) {
          p.failure = e;
        }
        if (pending.decrementAndGet() == 0) {
          LockSupport.unpark(owner);
        }
      }
    }

    /**
     * Runs every active part, or every range of the update pass, the first on this thread, and
     * waits for all of them.
     *
     * @param update true for the update pass, false for the parts' propagation
     */
    void round(boolean update) {
      updating = update;
      pending.set(threads.length);
      generation++;
      for (Thread t : threads) {
        LockSupport.unpark(t);
      }
      try {
        if (update) {
          pass.run(0);
        } else {
          parts[0].run(parts[0].start, parts[0].end);
        }
      } catch (RuntimeException | Error e) {
        parts[0].failure = e;
      }
      long deadline = System.nanoTime() + spinNanos;
      while (pending.get() != 0) {
        if (System.nanoTime() - deadline < 0) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      for (Part p : parts) {
        Throwable failure = p.failure;
        if (failure != null) {
          p.failure = null;
          if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
          }
          if (failure instanceof Error) {
            throw (Error) failure;
          }
          throw new IllegalStateException(failure);
        }
      }
    }

    void close() {
      closed = true;
      for (Thread t : threads) {
        LockSupport.unpark(t);
      }
    }
  }
}

package io.ffnn.core;

import io.ffnn.core.internal.Floats;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A float32 network's weights and biases, {@code W32[l]} and {@code b32[l]}, and how they stay
 * in step with the network's {@code double} matrices: the floats are what the network multiplies
 * with and what training updates; the doubles mirror them, brought up to date when they are
 * handed out ({@link #handOut}) or read ({@link #refresh64}), and what is written to them is
 * rounded into the floats, and back, before the next propagation ({@link #refresh32}).
 */
final class FloatWeights {

  final FMatrixRMaj[] W32;
  final FMatrixRMaj[] b32;
  private final DMatrixRMaj[] W;
  private final DMatrixRMaj[] b;
  /** Whether the double matrices were handed out (or set) since the floats were made. */
  private volatile boolean stale32 = true;
  /** Whether the floats were updated since the double matrices were made. */
  private volatile boolean stale64;

  /**
   * @param W the network's double weights, {@code W[1…L]}; the floats start as them, rounded
   * @param b the network's double biases
   */
  FloatWeights(DMatrixRMaj[] W, DMatrixRMaj[] b) {
    this.W = W;
    this.b = b;
    W32 = new FMatrixRMaj[W.length];
    b32 = new FMatrixRMaj[b.length];
    for (int l = 1; l < W.length; l++) {
      W32[l] = new FMatrixRMaj(W[l].numRows, W[l].numCols);
      b32[l] = new FMatrixRMaj(b[l].numRows, 1);
    }
  }

  /** The floats of a parameter, for an update in place. */
  float[] data(ParameterLayout.Parameter p) {
    return (p.isWeights() ? W32[p.layer()] : b32[p.layer()]).data;
  }

  /** The floats from the doubles, if those were handed out, and the doubles rounded likewise. */
  void refresh32() {
    if (stale32) {
      synchronized (this) {
        if (stale32) {
          for (int l = 1; l < W.length; l++) {
            Floats.narrow(W[l], W32[l]);
            Floats.narrow(b[l], b32[l]);
            Floats.widen(W32[l], W[l]);
            Floats.widen(b32[l], b[l]);
          }
          stale32 = false;
        }
      }
    }
  }

  /** The doubles from the floats, if training updated those. */
  void refresh64() {
    if (stale64) {
      synchronized (this) {
        if (stale64) {
          for (int l = 1; l < W.length; l++) {
            Floats.widen(W32[l], W[l]);
            Floats.widen(b32[l], b[l]);
          }
          stale64 = false;
        }
      }
    }
  }

  /** The doubles, current, are about to be handed out: the floats follow them next. */
  void handOut() {
    refresh64();
    stale32 = true;
  }

  /** The floats were updated in place: the doubles follow them when next asked for. */
  void updated() {
    stale32 = false;
    stale64 = true;
  }
}

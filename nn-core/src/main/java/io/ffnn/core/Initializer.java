package io.ffnn.core;

import io.ffnn.api.Activation;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * How the weights {@code W[l]} ({@code n[l] × n[l-1]}, fan-in {@code n[l-1]}, fan-out {@code n[l]})
 * are drawn. Biases always start at zero.
 *
 * <p>{@link #AUTO} follows what each layer's activation declares ({@link
 * Activation#weightInit()}): {@link #HE_NORMAL} for {@link Activation.WeightInit#HE} (relu and its
 * relatives), {@link #LECUN_NORMAL} for {@link Activation.WeightInit#LECUN} (selu), {@link
 * #XAVIER_UNIFORM} for {@link Activation.WeightInit#GLOROT} (the default).
 */
public enum Initializer {

  /** Per layer, what the activation declares: He, LeCun or Xavier/Glorot. */
  AUTO,

  /** All zeros (what biases get; for weights it makes every unit of a layer the same). */
  ZEROS,

  /** He/Kaiming normal: {@code W ~ N(0, 2 / fanIn)}. */
  HE_NORMAL,

  /** He/Kaiming uniform: {@code W ~ U(−r, r)}, {@code r = sqrt(6 / fanIn)}. */
  HE_UNIFORM,

  /** Xavier/Glorot normal: {@code W ~ N(0, 2 / (fanIn + fanOut))}. */
  XAVIER_NORMAL,

  /** Xavier/Glorot uniform: {@code W ~ U(−r, r)}, {@code r = sqrt(6 / (fanIn + fanOut))}. */
  XAVIER_UNIFORM,

  /** LeCun normal: {@code W ~ N(0, 1 / fanIn)}, the default for {@code selu}. */
  LECUN_NORMAL,

  /**
   * Orthogonal (Saxe et al. 2014): the Q factor of the QR decomposition of a Gaussian matrix,
   * signs fixed by R's diagonal, so that the rows (or columns, whichever are fewer) are orthonormal.
   */
  ORTHOGONAL;

  /**
   * The concrete initializer for a layer: this one, or for {@link #AUTO} the one the layer's
   * activation declares.
   *
   * @param activation the layer's activation
   * @return a concrete initializer, never {@link #AUTO}
   * @throws io.ffnn.api.PluginException if the activation declares no initialisation (null)
   */
  public Initializer resolve(Activation activation) {
    if (this != AUTO) {
      return this;
    }
    Activation.WeightInit declared = activation.weightInit();
    if (declared == null) {
      throw new io.ffnn.api.PluginException("activation '" + activation.spec() + "' ("
          + activation.getClass().getName() + ") declares no weight initialisation (null)");
    }
    switch (declared) {
      case HE:
        return HE_NORMAL;
      case LECUN:
        return LECUN_NORMAL;
      default:
        return XAVIER_UNIFORM;
    }
  }

  /**
   * Fills {@code W} with random weights.
   *
   * @param W the weights, {@code fanOut × fanIn}. Modified.
   * @param rng the random source
   * @throws IllegalStateException for {@link #AUTO}, which must be resolved first
   */
  public void fill(DMatrixRMaj W, Random rng) {
    final int fanOut = W.numRows;
    final int fanIn = W.numCols;
    switch (this) {
      case ZEROS:
        W.zero();
        break;
      case HE_NORMAL:
        normal(W, Math.sqrt(2.0 / fanIn), rng);
        break;
      case HE_UNIFORM:
        uniform(W, Math.sqrt(6.0 / fanIn), rng);
        break;
      case XAVIER_NORMAL:
        normal(W, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
        break;
      case XAVIER_UNIFORM:
        uniform(W, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
        break;
      case LECUN_NORMAL:
        normal(W, Math.sqrt(1.0 / fanIn), rng);
        break;
      case ORTHOGONAL:
        orthogonal(W, rng);
        break;
      default:
        throw new IllegalStateException("resolve AUTO to a concrete initializer before filling");
    }
  }

  private static void normal(DMatrixRMaj W, double sd, Random rng) {
    for (int k = 0; k < W.getNumElements(); k++) {
      W.data[k] = sd * rng.nextGaussian();
    }
  }

  private static void uniform(DMatrixRMaj W, double r, Random rng) {
    for (int k = 0; k < W.getNumElements(); k++) {
      W.data[k] = r * (2 * rng.nextDouble() - 1);
    }
  }

  private static void orthogonal(DMatrixRMaj W, Random rng) {
    boolean tall = W.numRows >= W.numCols;
    // decompose the tall orientation: its Q has orthonormal columns
    DMatrixRMaj G = new DMatrixRMaj(tall ? W.numRows : W.numCols, tall ? W.numCols : W.numRows);
    normal(G, 1.0, rng);
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(G.numRows, G.numCols);
    if (!qr.decompose(G.copy())) {
      throw new IllegalStateException("QR decomposition failed for a " + G.numRows + "x"
          + G.numCols + " Gaussian matrix");
    }
    DMatrixRMaj Q = qr.getQ(null, true);
    DMatrixRMaj R = qr.getR(null, true);
    for (int j = 0; j < Q.numCols; j++) {
      if (R.get(j, j) < 0) {
        for (int i = 0; i < Q.numRows; i++) {
          Q.set(i, j, -Q.get(i, j));
        }
      }
    }
    if (tall) {
      W.setTo(Q);
    } else {
      CommonOps_DDRM.transpose(Q, W);
    }
  }
}

package io.ffnn.api.check;

import org.ejml.data.DMatrixRMaj;

/**
 * How much rounding alone can move a computed quantity: the change that one rounding of each of
 * its inputs makes to it, {@code noise_q = Σ_x |F_q(x(1 + ρ)) − F_q(x)| · ε / ρ} over the input
 * entries {@code x}, with {@code ε = 2⁻⁵²} and the perturbation measured at {@code ρ = 1e-7}
 * (well above round-off, small enough to stay linear where {@code F} is smooth). Two exact forms
 * of one quantity computed in different orders differ by about that much: softmax's backward at
 * a saturated column, {@code a_j (dA_j − Σ a_k dA_k)} with {@code a_0 ≈ 1 − 4e-9}, loses the
 * digits of {@code 1 − a_0} that its Jacobian {@code a_0 (1 − a_0)} loses too, a relative
 * difference of {@code 1e-8} between two correct results, while an error in a formula moves
 * results by far more than rounding does.
 */
final class Rounding {

  /** How many times the measured noise two exact forms may differ by. */
  static final double MARGIN = 16;

  private static final double RHO = 1e-7;
  private static final double EPSILON = Math.ulp(1.0);

  private Rounding() {}

  /** A computation from matrices to a matrix; its inputs are not modified. */
  @FunctionalInterface
  interface Form {
    DMatrixRMaj apply(DMatrixRMaj[] inputs);
  }

  /**
   * The noise of each entry of {@code form(inputs)}; {@code +∞} where a perturbed input makes
   * the entry non-finite (the form is unstable there and two forms may differ by anything).
   *
   * @param form the computation
   * @param inputs its inputs; each entry is perturbed in turn and put back
   * @return the noise, shaped as the form's result
   */
  static DMatrixRMaj noise(Form form, DMatrixRMaj... inputs) {
    DMatrixRMaj base = form.apply(inputs).copy();
    DMatrixRMaj noise = new DMatrixRMaj(base.numRows, base.numCols);
    for (DMatrixRMaj M : inputs) {
      for (int k = 0; k < M.getNumElements(); k++) {
        double x = M.data[k];
        if (x == 0 || !Double.isFinite(x)) {
          continue; // a zero is exact; a non-finite input is the finiteness checks' business
        }
        M.data[k] = x * (1 + RHO);
        DMatrixRMaj moved;
        try {
          moved = form.apply(inputs);
        } finally {
          M.data[k] = x;
        }
        if (moved.numRows != base.numRows || moved.numCols != base.numCols) {
          continue; // the shape checks report this
        }
        for (int q = 0; q < base.getNumElements(); q++) {
          double change = Math.abs(moved.data[q] - base.data[q]);
          noise.data[q] += Double.isFinite(base.data[q]) && !Double.isFinite(change)
              ? Double.POSITIVE_INFINITY : change * (EPSILON / RHO);
        }
      }
    }
    return noise;
  }
}

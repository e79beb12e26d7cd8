package io.ffnn.api.check;

import io.ffnn.api.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * The inputs the checks feed plugins: degenerate columns, edge values rotated through a matrix,
 * outputs on the edges of a cost's domain, and Gaussian matrices. Package-private: what the kit
 * checks is public in {@link PluginChecks}, how it makes its inputs is not.
 */
final class CheckInputs {

  private CheckInputs() {}

  /**
   * Degenerate columns of {@code n} rows: all zero, all 0.5, all −2, then one-hot-like columns
   * with 4 at row {@code p} and 0 elsewhere.
   */
  static DMatrixRMaj specialColumns(int n) {
    DMatrixRMaj Z = new DMatrixRMaj(n, 3 + n);
    for (int p = 0; p < n; p++) {
      Z.set(p, 1, 0.5);
      Z.set(p, 2, -2);
      Z.set(p, 3 + p, 4);
    }
    return Z;
  }

  /** The largest logit or output kept where a range is unbounded: {@code e^700} is finite. */
  private static final double EXP_LIMIT = 700;

  /**
   * Edge values for a range unbounded on a side, with magnitudes above {@link #EXP_LIMIT} on that
   * side brought down to it: an unbounded output of 1000 is a prediction of 1000, at which a cost
   * with an exponential link ({@code poisson}'s {@code e^ŷ}) is honestly infinite, while
   * saturating (bounded) outputs must stay finite at any logit.
   */
  static double[] withinExp(double[] values, Range range) {
    double[] out = values.clone();
    for (int k = 0; k < out.length; k++) {
      if (out[k] > EXP_LIMIT && range.upper() == Double.POSITIVE_INFINITY) {
        out[k] = EXP_LIMIT;
      } else if (out[k] < -EXP_LIMIT && range.lower() == Double.NEGATIVE_INFINITY) {
        out[k] = -EXP_LIMIT;
      }
    }
    return out;
  }

  /**
   * An {@code n × m} matrix whose entry {@code [p, i]} is {@code values[(p + i) mod k]}: every
   * column holds the values in another rotation.
   */
  static DMatrixRMaj edgeMatrix(double[] values, int n, int m) {
    DMatrixRMaj Z = new DMatrixRMaj(n, m);
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < m; i++) {
        Z.set(p, i, values[(p + 3 * i) % values.length]);
      }
    }
    return Z;
  }

  /** Outputs on the edges of a cost's domain. */
  static DMatrixRMaj edgeOutputs(Range domain, double[] values, int n) {
    switch (domain.kind()) {
      case SIMPLEX:
      case LOG_SIMPLEX: {
        // nearly one-hot columns: 1 − (n−1)ε on one row, ε elsewhere
        double eps = 1e-8;
        DMatrixRMaj M = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
          for (int p = 0; p < n; p++) {
            double q = p == i ? 1 - (n - 1) * eps : eps;
            M.set(p, i, domain.kind() == Range.Kind.SIMPLEX ? q : Math.log(q));
          }
        }
        return M;
      }
      default: {
        List<Double> inside = new ArrayList<>();
        Range closed = domain.closure();
        for (double v : values) {
          if (domain.firstViolation(new DMatrixRMaj(1, 1, true, v), 1) == null) {
            inside.add(v);
          }
        }
        if (Double.isFinite(domain.lower())) {
          inside.add(domain.lower() + 1e-8);
        }
        if (Double.isFinite(domain.upper())) {
          inside.add(domain.upper() - 1e-8);
        }
        double[] edge = inside.stream().mapToDouble(Double::doubleValue)
            .filter(v -> closed.firstViolation(new DMatrixRMaj(1, 1, true, v), 1) == null)
            .toArray();
        return edgeMatrix(edge, n, edge.length);
      }
    }
  }

  static DMatrixRMaj gaussian(int rows, int cols, double scale, Random rng) {
    DMatrixRMaj M = new DMatrixRMaj(rows, cols);
    for (int k = 0; k < M.data.length; k++) {
      M.data[k] = scale * rng.nextGaussian();
    }
    return M;
  }
}

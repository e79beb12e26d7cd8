package io.ffnn.api.check;

import io.ffnn.api.Cost;
import io.ffnn.api.Range;
import io.ffnn.api.check.PluginChecks.Options;
import org.ejml.data.DMatrixRMaj;

/** The checks of one cost at one point. */
final class CostChecker {
  private final Cost c;
  private final DMatrixRMaj Yhat;
  private final DMatrixRMaj Y;
  private final Options o;
  private final Report report;

  CostChecker(Cost c, DMatrixRMaj Yhat, DMatrixRMaj Y, Options o, Report report) {
    this.c = c;
    this.Yhat = Yhat;
    this.Y = Y;
    this.o = o;
    this.report = report;
  }

  /**
   * Runs the checks.
   *
   * @return the seed's check against finite differences, or null if it was not reached
   */
  CheckResult run() {
    int n = Yhat.numRows;
    int m = Yhat.numCols;
    DMatrixRMaj yhatBefore = Yhat.copy();
    DMatrixRMaj yBefore = Y.copy();
    double J = c.value(Yhat, Y);
    report.unchanged("value", "Ŷ", yhatBefore, Yhat);
    report.unchanged("value", "Y", yBefore, Y);
    if (!Double.isFinite(J)) {
      report.fail("value is " + J + " at finite inputs", null);
      return null;
    }
    double again = c.value(Yhat, Y);
    if (Double.compare(J, again) != 0) {
      report.fail("value is not deterministic: " + J + " then " + again, null);
    }

    // J averages the per-example losses
    double mean = 0;
    DMatrixRMaj yhat1 = new DMatrixRMaj(n, 1);
    DMatrixRMaj y1 = new DMatrixRMaj(Y.numRows, 1);
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < n; p++) {
        yhat1.set(p, 0, Yhat.get(p, i));
      }
      for (int p = 0; p < Y.numRows; p++) {
        y1.set(p, 0, Y.get(p, i));
      }
      mean += c.value(yhat1, y1) / m;
    }
    Worst avg = new Worst();
    avg.offer("J", mean, J, o.floor, 1e-12);
    report.add(avg.result(report.plugin, report.named("J is the mean of the per-example values"),
        1e-12, "the mean of the per-example values", "the plugin's value"));

    DMatrixRMaj seed = new DMatrixRMaj(1, 1);
    c.seed(Yhat, Y, seed);
    report.unchanged("seed", "Ŷ", yhatBefore, Yhat);
    report.unchanged("seed", "Y", yBefore, Y);
    if (!report.sameShape("seed", seed, Yhat)) {
      return null;
    }
    DMatrixRMaj numeric = new DMatrixRMaj(n, m);
    DMatrixRMaj errors = new DMatrixRMaj(n, m);
    boolean[] skip = new boolean[n * m];
    int skipped = 0;
    DMatrixRMaj probe = Yhat.copy();
    Range domain = c.outputDomain();
    for (int k = 0; k < probe.getNumElements(); k++) {
      final int index = k;
      double x = Yhat.data[k];
      // the stencil reaches x ± 2h: keep it within an eighth of the way to the domain's edge,
      // where a log or a division changes faster than the stencil resolves, and never across
      double room = Math.min(x - domain.lower(), domain.upper() - x);
      double h = Math.min(o.step, room / 16);
      if (!(h > 0) || FiniteDifferences.exactStep(x, h) > room / 8) {
        skip[k] = true; // on the edge, or too close to it to difference
        skipped++;
        continue;
      }
      FiniteDifferences.Estimate e = FiniteDifferences.estimate(v -> {
        probe.data[index] = v;
        double value = c.value(probe, Y);
        probe.data[index] = x;
        return value;
      }, x, h);
      numeric.data[k] = e.derivative();
      errors.data[k] = e.error();
    }
    return report.compareToDifferences("seed vs finite differences of J" + (skipped == 0 ? ""
        : " (" + skipped + " entr" + (skipped == 1 ? "y" : "ies") + " on the domain's edge not "
            + "differenced)"), "seed dŶ", numeric, errors, seed, o.tolerance, o.floor, skip);
  }
}

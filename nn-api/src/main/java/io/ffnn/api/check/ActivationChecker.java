package io.ffnn.api.check;

import io.ffnn.api.Activation;
import io.ffnn.api.Jacobians;
import io.ffnn.api.check.PluginChecks.Options;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** The checks of one activation at one input. */
final class ActivationChecker {
  private final Activation g;
  private final DMatrixRMaj Z;
  private final Options o;
  private final Report report;
  private final int n;
  private final int m;
  /** Entries of {@code Z} within {@code 4h} of a declared kink: no finite differences there. */
  private final boolean[] nearKink;

  ActivationChecker(Activation g, DMatrixRMaj Z, Options o, Report report) {
    this.g = g;
    this.Z = Z;
    this.o = o;
    this.report = report;
    this.n = Z.numRows;
    this.m = Z.numCols;
    this.nearKink = new boolean[Z.getNumElements()];
    if (g.isElementwise()) {
      for (double kink : g.kinks()) {
        for (int k = 0; k < nearKink.length; k++) {
          nearKink[k] |= Math.abs(Z.data[k] - kink) <= 4 * o.step;
        }
      }
    }
  }

  void run() {
    DMatrixRMaj zBefore = Z.copy();
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    report.unchanged("forward", "Z", zBefore, Z);
    if (!report.sameShape("forward: A", A, Z) || !report.finite("forward: A", A)) {
      return;
    }
    String outside = g.outputRange().closure().firstViolation(A, n);
    if (outside != null) {
      report.fail("forward: A leaves the declared output range " + g.outputRange() + ": "
          + outside, null);
    }
    DMatrixRMaj again = new DMatrixRMaj(1, 1);
    g.forward(Z, again);
    report.compare("forward is deterministic", "A", A, again, 0.0, 0);
    checkColumnsAlone(A);

    // numeric Jacobians of every column from perturbed forwards: numJac[i] is n × n
    // and their error estimates, numErr[i], from the stencil at h/2 as well
    DMatrixRMaj[] numJac = new DMatrixRMaj[m];
    DMatrixRMaj[] numErr = new DMatrixRMaj[m];
    boolean columnsIndependent = true;
    DMatrixRMaj Zp = Z.copy();
    DMatrixRMaj[] Ap = new DMatrixRMaj[6];
    for (int s = 0; s < Ap.length; s++) {
      Ap[s] = new DMatrixRMaj(1, 1);
    }
    double[] offsets = {-2, -1, 1, 2, -0.5, 0.5};
    for (int i = 0; i < m; i++) {
      numJac[i] = new DMatrixRMaj(n, n);
      numErr[i] = new DMatrixRMaj(n, n);
      for (int j = 0; j < n; j++) {
        double z = Z.get(j, i);
        double h = FiniteDifferences.exactStep(z, o.step);
        for (int s = 0; s < offsets.length; s++) {
          Zp.set(j, i, z + offsets[s] * h);
          g.forward(Zp, Ap[s]);
        }
        Zp.set(j, i, z);
        for (int p = 0; p < n; p++) {
          double d = FiniteDifferences.stencil(Ap[0].get(p, i), Ap[1].get(p, i),
              Ap[2].get(p, i), Ap[3].get(p, i), h);
          double half = FiniteDifferences.stencil(Ap[1].get(p, i), Ap[4].get(p, i),
              Ap[5].get(p, i), Ap[2].get(p, i), h / 2);
          double size = Math.max(Math.max(Math.abs(Ap[0].get(p, i)), Math.abs(Ap[3].get(p, i))),
              Math.max(Math.abs(Ap[1].get(p, i)), Math.abs(Ap[2].get(p, i))));
          numJac[i].set(p, j, d);
          numErr[i].set(p, j, FiniteDifferences.error(d, half, size, h));
        }
        for (int k = 0; k < m && columnsIndependent; k++) {
          for (int p = 0; p < n && k != i; p++) {
            if (Double.compare(Ap[3].get(p, k), A.get(p, k)) != 0) {
              report.fail("column independence: changing Z[" + j + "," + i + "] changed A["
                  + p + "," + k + "] of another example", null);
              columnsIndependent = false;
              break;
            }
          }
        }
      }
    }

    // the Jacobian, entry by entry
    DMatrixRMaj jac = new DMatrixRMaj(1, 1);
    DMatrixRMaj aBefore = A.copy();
    Worst worst = new Worst();
    double maxOffDiagonal = 0;
    String offDiagonalAt = "";
    for (int i = 0; i < m; i++) {
      g.jacobian(Z, A, i, jac);
      if (!report.shape("jacobian of column " + i, jac, n, n)
          || !report.finite("jacobian of column " + i, jac)) {
        return;
      }
      for (int p = 0; p < n; p++) {
        for (int j = 0; j < n; j++) {
          if (!nearKink[j * m + i]) {
            worst.offer("Jac[" + p + "][" + j + "] of column " + i,
                numJac[i].get(p, j), jac.get(p, j), o.floor,
                FiniteDifferences.tolerance(o.tolerance, jac.get(p, j), numJac[i].get(p, j),
                    numErr[i].get(p, j), o.floor),
                numErr[i].get(p, j) / Math.max(Math.abs(numJac[i].get(p, j)), o.floor));
          }
          if (p != j && Math.abs(jac.get(p, j)) > maxOffDiagonal) {
            maxOffDiagonal = Math.abs(jac.get(p, j));
            offDiagonalAt = "Jac[" + p + "][" + j + "] of column " + i;
          }
        }
      }
    }
    report.unchanged("jacobian", "Z", zBefore, Z);
    report.unchanged("jacobian", "A", aBefore, A);
    CheckResult jacobianResult = worst.againstDifferences(report.plugin,
        report.named("jacobian vs finite differences"), o.tolerance, "jacobian");
    report.add(jacobianResult);
    if (g.isElementwise() && maxOffDiagonal > 0) {
      report.fail("declares itself elementwise, but its Jacobian has " + offDiagonalAt + " = "
          + maxOffDiagonal + " off the diagonal", null);
    }

    // backward against finite differences of Σ dA ⊙ g(Z), and against the Jacobian reference
    Random rng = new Random(o.seed + 1);
    DMatrixRMaj dA = CheckInputs.gaussian(n, m, 1.0, rng);
    DMatrixRMaj daBefore = dA.copy();
    DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
    g.backward(Z, A, dA, dZ);
    report.unchanged("backward", "Z", zBefore, Z);
    report.unchanged("backward", "A", aBefore, A);
    report.unchanged("backward", "dA", daBefore, dA);
    if (!report.sameShape("backward: dZ", dZ, Z) || !report.finite("backward: dZ", dZ)) {
      return;
    }
    DMatrixRMaj numDZ = new DMatrixRMaj(n, m);
    DMatrixRMaj errDZ = new DMatrixRMaj(n, m);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double err = 0;
        for (int p = 0; p < n; p++) {
          sum += numJac[i].get(p, j) * dA.get(p, i);
          err += numErr[i].get(p, j) * Math.abs(dA.get(p, i));
        }
        numDZ.set(j, i, sum);
        errDZ.set(j, i, err);
      }
    }
    CheckResult backwardResult = report.compareToDifferences("backward vs finite differences",
        "backward dZ", numDZ, errDZ, dZ, o.tolerance, o.floor, nearKink);
    // two exact forms: they may differ by what the rounding of Z, A and dA explains
    DMatrixRMaj reference = new DMatrixRMaj(1, 1);
    Jacobians.backward(g, Z, A, dA, reference);
    DMatrixRMaj referenceNoise = Rounding.noise(in -> {
      DMatrixRMaj out = new DMatrixRMaj(1, 1);
      Jacobians.backward(g, in[0], in[1], in[2], out);
      return out;
    }, Z.copy(), A.copy(), dA.copy());
    DMatrixRMaj backwardNoise = Rounding.noise(in -> {
      DMatrixRMaj out = new DMatrixRMaj(1, 1);
      g.backward(in[0], in[1], in[2], out);
      return out;
    }, Z.copy(), A.copy(), dA.copy());
    report.compareForms("backward vs Jacobianᵀ dA", "backward dZ", reference, referenceNoise, dZ,
        backwardNoise, o.consistency, "Jacobianᵀ dA (from jacobian)",
        suspect(jacobianResult, backwardResult));
  }

  /** Which of backward and jacobian a disagreement between them points at. */
  private static String suspect(CheckResult jacobian, CheckResult backward) {
    if (jacobian.passed() == backward.passed()) {
      return jacobian.passed()
          ? "either form: both agree with finite differences, which do not resolve the entry"
          : "both forms: neither agrees with finite differences";
    }
    return jacobian.passed()
        ? "the plugin's backward: the Jacobian agrees with finite differences, backward does not"
        : "the plugin's jacobian: backward agrees with finite differences, the Jacobian does not";
  }

  private void checkColumnsAlone(DMatrixRMaj A) {
    DMatrixRMaj z1 = new DMatrixRMaj(n, 1);
    DMatrixRMaj a1 = new DMatrixRMaj(1, 1);
    DMatrixRMaj fromBatch = new DMatrixRMaj(n, m);
    DMatrixRMaj alone = new DMatrixRMaj(n, m);
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < n; p++) {
        z1.set(p, 0, Z.get(p, i));
      }
      g.forward(z1, a1);
      if (!report.shape("forward of one column (m = 1)", a1, n, 1)) {
        return;
      }
      for (int p = 0; p < n; p++) {
        alone.set(p, i, a1.get(p, 0));
        fromBatch.set(p, i, A.get(p, i));
      }
    }
    report.compare("forward of m = 1 vs a column of the batch", "A", fromBatch, alone, 1e-12,
        1e-12);
  }
}

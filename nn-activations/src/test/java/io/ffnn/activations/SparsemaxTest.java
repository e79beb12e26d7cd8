package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.api.check.PluginChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SparsemaxTest {

  private final Sparsemax g = new Sparsemax();

  @Test
  void projectsOntoTheSimplexWithExactZeros() {
    // z = (1, 0.8, -1): the support is {0, 1}, τ = (1.8 − 1)/2 = 0.4
    assertArrayEquals(new double[] {0.6, 0.4, 0}, ActivationAssertions.apply(g, 1, 0.8, -1),
        1e-15);
    // far apart: all mass on the largest
    assertArrayEquals(new double[] {1, 0, 0}, ActivationAssertions.apply(g, 1000, -1000, 0), 0);
    // equal: uniform
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25},
        ActivationAssertions.apply(g, 3, 3, 3, 3), 1e-15);
    ActivationAssertions.finiteAtExtremes(g);
  }

  @Test
  void jacobianIsDiagSMinusSSTransposedOverSupport() {
    DMatrixRMaj Z = new DMatrixRMaj(3, 1, true, 1, 0.8, -1);
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    DMatrixRMaj jac = new DMatrixRMaj(1, 1);
    g.jacobian(Z, A, 0, jac);
    assertArrayEquals(new double[] {0.5, -0.5, 0, -0.5, 0.5, 0, 0, 0, 0}, jac.data, 1e-15);
    assertEquals(1.0, A.get(0, 0) + A.get(1, 0) + A.get(2, 0), 1e-15);
  }

  @Test
  void passesTheConformanceKitOnLargerColumns() {
    PluginChecks.checkActivation(g, PluginChecks.Options.defaults().withShape(12, 5));
  }
}

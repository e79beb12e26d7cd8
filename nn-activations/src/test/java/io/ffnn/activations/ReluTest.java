package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ffnn.api.check.PluginChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ReluTest {

  private final Relu g = new Relu();

  @Test
  void passesThePluginChecks() {
    PluginChecks.checkActivation(g);
  }

  @Test
  void knownValuesAndTheSubgradientAtZero() {
    assertArrayEquals(new double[] {0, 0, 2, 1000, 0},
        ActivationAssertions.apply(g, -1, 0, 2, 1000, -1000), 0);
    DMatrixRMaj Z = new DMatrixRMaj(3, 1, true, -1, 0, 2);
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
    g.backward(Z, A, new DMatrixRMaj(3, 1, true, 5, 5, 5), dZ);
    assertArrayEquals(new double[] {0, 0, 5}, dZ.data, 0);
    ActivationAssertions.finiteAtExtremes(g);
  }
}

package io.ffnn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.check.PluginChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ElementwiseActivationTest {

  @Test
  void forwardJacobianAndBackwardFollowTheScalarFunction() {
    TestPlugins.Square g = new TestPlugins.Square();
    assertTrue(g.isElementwise());
    DMatrixRMaj Z = new DMatrixRMaj(2, 2, true, 1, -2, 3, 0.5);
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    assertArrayEquals(new double[] {1, 4, 9, 0.25}, A.data, 0.0);
    DMatrixRMaj jac = new DMatrixRMaj(1, 1);
    g.jacobian(Z, A, 1, jac);
    assertArrayEquals(new double[] {-4, 0, 0, 1}, jac.data, 0.0);
    DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
    g.backward(Z, A, new DMatrixRMaj(2, 2, true, 1, 1, 2, 2), dZ);
    assertArrayEquals(new double[] {2, -4, 12, 2}, dZ.data, 0.0);
    PluginChecks.checkActivation(g);
  }
}

package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ffnn.api.check.PluginChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LogSoftmaxTest {

  private final LogSoftmax g = new LogSoftmax();

  @Test
  void isTheLogOfSoftmax() {
    double[] log = ActivationAssertions.apply(g, 0.3, -1, 2.5, 0);
    double[] soft = ActivationAssertions.apply(new Softmax(), 0.3, -1, 2.5, 0);
    for (int p = 0; p < 4; p++) {
      assertEquals(Math.log(soft[p]), log[p], 1e-14);
    }
  }

  @Test
  void finiteForLogitsOfPlusMinus1000AndItsJacobianIsNotSymmetric() {
    assertArrayEquals(new double[] {0, -2000, -1000}, ActivationAssertions.apply(g, 1000, -1000,
        0), 0);
    ActivationAssertions.finiteAtExtremes(g);
    DMatrixRMaj Z = new DMatrixRMaj(3, 1, true, 0.1, 0.5, -0.2);
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    DMatrixRMaj jac = new DMatrixRMaj(1, 1);
    g.jacobian(Z, A, 0, jac);
    assertNotEquals(jac.get(0, 1), jac.get(1, 0));
    PluginChecks.checkActivation(g);
  }
}

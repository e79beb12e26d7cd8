package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import java.util.Random;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class InitializerTest {

  @Test
  void autoFollowsWhatEachActivationDeclares() {
    PluginRegistry registry = PluginRegistry.getDefault();
    // the built-ins' choices, as the core's own list of names made them before they declared them
    Set<String> he = Set.of("relu", "leaky_relu", "relu6", "elu", "celu", "gelu", "gelu_tanh",
        "silu", "mish");
    for (PluginInfo info : registry.activations()) {
      Initializer expected = he.contains(info.name()) ? Initializer.HE_NORMAL
          : info.name().equals("selu") ? Initializer.LECUN_NORMAL : Initializer.XAVIER_UNIFORM;
      assertEquals(expected, Initializer.AUTO.resolve(registry.activation(info.name())),
          info.name());
    }
    assertEquals(Initializer.HE_NORMAL, Initializer.AUTO.resolve(
        registry.activation("leaky_relu(alpha=0.3)")));
    assertEquals(Initializer.XAVIER_NORMAL, Initializer.XAVIER_NORMAL.resolve(
        registry.activation("relu")));
    // a plugin's own declaration is followed; one that declares none is named
    assertEquals(Initializer.LECUN_NORMAL, Initializer.AUTO.resolve(new ShiftMix() {
      @Override
      public WeightInit weightInit() {
        return WeightInit.LECUN;
      }
    }));
    assertEquals(Initializer.XAVIER_UNIFORM, Initializer.AUTO.resolve(new ShiftMix()));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> Initializer.AUTO.resolve(new ShiftMix() {
          @Override
          public WeightInit weightInit() {
            return null;
          }
        }));
    assertTrue(none.getMessage().startsWith("activation 'shift_mix' ("), none.getMessage());
    assertThrows(IllegalStateException.class,
        () -> Initializer.AUTO.fill(new DMatrixRMaj(2, 2), new Random(1)));
  }

  @Test
  void variancesFollowTheFormulas() {
    int fanOut = 300;
    int fanIn = 500;
    assertEquals(2.0 / fanIn, variance(Initializer.HE_NORMAL, fanOut, fanIn), 0.03 * 2 / fanIn);
    double xavier = 2.0 / (fanIn + fanOut);
    assertEquals(xavier, variance(Initializer.XAVIER_NORMAL, fanOut, fanIn), 0.03 * xavier);
    assertEquals(xavier, variance(Initializer.XAVIER_UNIFORM, fanOut, fanIn), 0.03 * xavier);
    DMatrixRMaj W = new DMatrixRMaj(fanOut, fanIn);
    Initializer.XAVIER_UNIFORM.fill(W, new Random(2));
    double r = Math.sqrt(6.0 / (fanIn + fanOut));
    for (double w : W.data) {
      assertTrue(Math.abs(w) <= r, "outside ±" + r + ": " + w);
    }
  }

  @Test
  void heUniformLecunZerosAndOrthogonal() {
    int fanOut = 300;
    int fanIn = 500;
    assertEquals(2.0 / fanIn, variance(Initializer.HE_UNIFORM, fanOut, fanIn), 0.03 * 2 / fanIn);
    assertEquals(1.0 / fanIn, variance(Initializer.LECUN_NORMAL, fanOut, fanIn),
        0.03 / fanIn);
    DMatrixRMaj Z = new DMatrixRMaj(3, 4);
    Z.fill(1);
    Initializer.ZEROS.fill(Z, new Random(1));
    assertEquals(0.0, org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(Z), 0.0);
    for (int[] shape : new int[][] {{6, 4}, {4, 6}, {5, 5}}) {
      DMatrixRMaj W = new DMatrixRMaj(shape[0], shape[1]);
      Initializer.ORTHOGONAL.fill(W, new Random(3));
      boolean tall = shape[0] >= shape[1];
      DMatrixRMaj product = new DMatrixRMaj(1, 1);
      if (tall) {
        org.ejml.dense.row.CommonOps_DDRM.multTransA(W, W, product);
      } else {
        org.ejml.dense.row.CommonOps_DDRM.multTransB(W, W, product);
      }
      DMatrixRMaj identity = org.ejml.dense.row.CommonOps_DDRM.identity(product.numRows);
      for (int k = 0; k < identity.data.length; k++) {
        assertEquals(identity.data[k], product.data[k], 1e-12, "orthogonal " + shape[0] + "x"
            + shape[1]);
      }
    }
  }

  private static double variance(Initializer init, int rows, int cols) {
    DMatrixRMaj W = new DMatrixRMaj(rows, cols);
    init.fill(W, new Random(7));
    double sum = 0;
    double sq = 0;
    for (double w : W.data) {
      sum += w;
      sq += w * w;
    }
    double mean = sum / W.data.length;
    return sq / W.data.length - mean * mean;
  }
}

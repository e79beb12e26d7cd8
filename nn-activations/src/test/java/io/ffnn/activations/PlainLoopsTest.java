package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.api.Activation;
import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import java.lang.reflect.Modifier;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The elementwise work is written as plain loops in each activation, and the branch-free
 * selections that make those loops vectorise keep the exact boundaries of the branches they
 * replace.
 */
class PlainLoopsTest {

  static Stream<Activation> elementwise() {
    PluginRegistry registry = PluginRegistry.getDefault();
    return registry.activations().stream().map(PluginInfo::defaultSpec)
        .map(registry::activation).filter(Activation::isElementwise);
  }

  /**
   * A loop inherited from {@code ElementwiseActivation} calls {@code value} through a site that
   * every subclass shares, which the JIT cannot inline once several activations have run.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("elementwise")
  void everyElementwiseActivationIsFinalWithItsOwnForwardAndBackward(Activation g)
      throws NoSuchMethodException {
    Class<?> c = g.getClass();
    assertTrue(Modifier.isFinal(c.getModifiers()), c + " is not final");
    assertEquals(c, c.getMethod("forward", DMatrixRMaj.class, DMatrixRMaj.class)
        .getDeclaringClass(), g.name() + ": forward");
    assertEquals(c, c.getMethod("backward", DMatrixRMaj.class, DMatrixRMaj.class,
        DMatrixRMaj.class, DMatrixRMaj.class).getDeclaringClass(), g.name() + ": backward");
  }

  @Test
  void ifPositiveSelectsOnTheSignOfItsArgumentExactly() {
    assertEquals(1.0, Stable.ifPositive(Double.MIN_VALUE, 1.0, 2.0));
    assertEquals(1.0, Stable.ifPositive(Double.MAX_VALUE, 1.0, 2.0));
    assertEquals(1.0, Stable.ifPositive(Double.POSITIVE_INFINITY, 1.0, 2.0));
    assertEquals(2.0, Stable.ifPositive(0.0, 1.0, 2.0));
    assertEquals(2.0, Stable.ifPositive(-0.0, 1.0, 2.0));
    assertEquals(2.0, Stable.ifPositive(-Double.MIN_VALUE, 1.0, 2.0));
    assertEquals(2.0, Stable.ifPositive(Double.NEGATIVE_INFINITY, 1.0, 2.0));
    // the selected value's bits pass through unchanged
    assertEquals(Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(Stable.ifPositive(3.0, -0.0, 1.0)));
    assertTrue(Double.isNaN(Stable.ifPositive(-1.0, 1.0, Double.NaN)));
  }

  /** The derivative just inside and exactly on each edge of the sloped part. */
  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
      "relu, 0, 0", "relu, 4.9e-324, 1", "relu, -4.9e-324, 0",
      "leaky_relu(alpha=0.2), 0, 0.2", "leaky_relu(alpha=0.2), 4.9e-324, 1",
      "hard_tanh, 1, 0", "hard_tanh, 0.9999999999999999, 1", "hard_tanh, -1, 0",
      "hard_tanh, -0.9999999999999999, 1",
      "relu6, 6, 0", "relu6, 5.999999999999999, 1", "relu6, 0, 0", "relu6, 4.9e-324, 1",
      "hard_sigmoid, 3, 0", "hard_sigmoid, 2.9999999999999996, 0.16666666666666666",
      "hard_sigmoid, -3, 0", "hard_sigmoid, -2.9999999999999996, 0.16666666666666666"})
  void derivativesKeepTheirExactBoundaries(String spec, double z, double expected) {
    Activation g = PluginRegistry.getDefault().activation(spec);
    DMatrixRMaj Z = new DMatrixRMaj(1, 1, true, z);
    DMatrixRMaj A = new DMatrixRMaj(1, 1);
    DMatrixRMaj dZ = new DMatrixRMaj(1, 1);
    g.forward(Z, A);
    g.backward(Z, A, new DMatrixRMaj(1, 1, true, 1.0), dZ);
    assertEquals(expected, dZ.get(0, 0), 0.0, "backward");
    DMatrixRMaj jac = new DMatrixRMaj(1, 1);
    g.jacobian(Z, A, 0, jac);
    assertEquals(expected, jac.get(0, 0), 0.0, "jacobian");
  }
}

package io.ffnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ffnn.core.ParameterLayout.Parameter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ParameterLayoutTest {

  private static final ParameterLayout LAYOUT = ParameterLayout.of(3, 4, 2);

  @Test
  void theOrderIsWeightsThenBiasesLayerAfterLayer() {
    List<Parameter> p = LAYOUT.parameters();
    assertEquals(List.of("W[1] 4x3", "b[1] 4x1", "W[2] 2x4", "b[2] 2x1"),
        p.stream().map(Parameter::toString).toList());
    assertEquals(List.of(0, 12, 16, 24), p.stream().map(Parameter::offset).toList());
    assertEquals(26, LAYOUT.count());
    assertEquals(LAYOUT.count(), ParameterLayout.countOf(new int[] {3, 4, 2}));
    assertEquals(p.get(2), LAYOUT.weights(2));
    assertEquals(p.get(1), LAYOUT.biases(1));
    for (int i = 0; i < p.size(); i++) {
      assertEquals(i, p.get(i).index());
    }
    assertEquals(2, LAYOUT.depth());
    assertThrows(IndexOutOfBoundsException.class, () -> LAYOUT.weights(3));
    assertThrows(IndexOutOfBoundsException.class, () -> LAYOUT.biases(0));
  }

  @Test
  void aNetworksFlatCopyFollowsTheLayoutAndTheBytesAreBigEndianDoubles() {
    Network net = Network.build(NetworkSpec.builder(3).layer(4, "tanh").layer(2, "identity")
        .cost("mse").seed(3).build());
    assertEquals(LAYOUT, net.layout());
    double[] flat = new double[LAYOUT.count()];
    net.getParameters(flat);
    assertEquals(net.W(2).get(1, 3), flat[16 + 4 + 3]);
    assertEquals(net.b(1).get(2, 0), flat[12 + 2]);
    byte[] bytes = LAYOUT.encode(net::parameter);
    assertEquals(8 * 26, bytes.length);
    assertEquals(net.W(1).get(0, 1), ByteBuffer.wrap(bytes, 8, 8).getDouble());
    assertArrayEquals(flat, LAYOUT.decode(bytes));
    assertArrayEquals(bytes, LAYOUT.encode(flat));

    double[] changed = new double[flat.length];
    Random rng = new Random(1);
    for (int k = 0; k < changed.length; k++) {
      changed[k] = rng.nextGaussian();
    }
    net.setParameters(changed);
    assertEquals(changed[24 + 1], net.b(2).get(1, 0));
    double[] sums = new double[flat.length];
    LAYOUT.addTo(net::parameter, 2.0, sums);
    LAYOUT.addTo(net::parameter, 0.5, sums);
    for (int k = 0; k < sums.length; k++) {
      assertEquals(2.5 * changed[k], sums[k], 1e-15);
    }
  }

  @Test
  void wrongLengthsAndSizesAreNamed() {
    assertEquals("flat parameters of 5 entries for a network of 26 parameters (layer sizes "
        + "[3, 4, 2])", assertThrows(IllegalArgumentException.class,
            () -> LAYOUT.copyTo(p -> new DMatrixRMaj(p.rows(), p.cols()), new double[5]))
            .getMessage());
    assertEquals("16 bytes of parameters for layer sizes [3, 4, 2], which need 26 doubles (208 "
        + "bytes)", assertThrows(IllegalArgumentException.class,
            () -> LAYOUT.decode(new byte[16])).getMessage());
    assertEquals("n[1] = 0 in [3, 0, 2]; every layer needs at least one node", assertThrows(
        IllegalArgumentException.class, () -> ParameterLayout.of(3, 0, 2)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ParameterLayout.of(3));
    assertEquals("layer sizes [100000, 100000] need 10000100000 parameters, more than one array "
        + "holds", assertThrows(IllegalArgumentException.class,
            () -> ParameterLayout.of(100000, 100000)).getMessage());
    int[] huge = new int[10_000];
    java.util.Arrays.fill(huge, Integer.MAX_VALUE);
    assertEquals(Long.MAX_VALUE, ParameterLayout.countOf(huge));
  }
}

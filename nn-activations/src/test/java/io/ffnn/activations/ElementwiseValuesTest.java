package io.ffnn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.api.PluginRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known values of every elementwise activation at z = −2, −0.5, 0.7 and 3.5, computed
 * independently from the textbook definitions. The conformance kit checks the derivatives against
 * finite differences of these forward maps; this test checks the forward maps themselves.
 */
class ElementwiseValuesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "hard_sigmoid | 0.16666666666666669, 0.4166666666666667, 0.6166666666666667, 1",
      "hard_tanh | -1, -0.5, 0.7, 1",
      "relu6 | 0, 0, 0.7, 3.5",
      "leaky_relu | -0.02, -0.005, 0.7, 3.5",
      "leaky_relu(alpha=0.2) | -0.4, -0.1, 0.7, 3.5",
      "elu | -0.8646647167633873, -0.3934693402873666, 0.7, 3.5",
      "elu(alpha=0.5) | -0.43233235838169365, -0.1967346701436833, 0.7, 3.5",
      "selu | -1.5201664685956948, -0.6917581878028713, 0.7354906911488363, 3.677453455744182",
      "celu(alpha=2.0) | -1.2642411176571153, -0.44239843385719024, 0.7, 3.5",
      "gelu | -0.04550026389635842, -0.15426876936299344, 0.5306254434438489, 3.4991857982233756",
      "gelu_tanh | -0.04540230591222494, -0.15428599017485606, 0.5305701347051167, "
          + "3.499383802344626",
      "silu | -0.2384058440442351, -0.1887703343990727, 0.46773144051771626, 3.397407192370253",
      "mish | -0.2525014826957089, -0.22074377465173, 0.5611483776438518, 3.4939907151175196",
      "softplus | 0.1269280110429725, 0.4740769841801067, 1.103186048885458, 3.5297504182726205",
      "softplus(beta=2.0) | 0.009074963958904869, 0.15663084375911143, 0.8102087049592255, "
          + "3.500455733226887",
      "softsign | -0.6666666666666666, -0.3333333333333333, 0.4117647058823529, "
          + "0.7777777777777778"})
  void valuesMatchTheDefinitions(String spec, String expected) {
    String[] parts = expected.split(",");
    double[] a = ActivationAssertions.apply(PluginRegistry.getDefault().activation(spec),
        -2, -0.5, 0.7, 3.5);
    for (int k = 0; k < 4; k++) {
      double e = Double.parseDouble(parts[k].trim());
      assertEquals(e, a[k], 1e-14 * Math.max(1, Math.abs(e)), spec + " at index " + k);
    }
  }
}

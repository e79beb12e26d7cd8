package io.ffnn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.DataNames;
import io.ffnn.core.model.Model;
import io.ffnn.onnx.OnnxExport;
import io.ffnn.onnx.OnnxImport;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The example plugin's ONNX form both ways: a network of {@code bent_identity} layers, in both
 * precisions, with and without scalers, exports and reads back as the same model, predicting
 * the same bits.
 */
class BentIdentityOnnxTest {

  @Test
  void anExportReadsBackAsTheSameModel() throws Exception {
    Random rng = new Random(8);
    DMatrixRMaj data = new DMatrixRMaj(3, 30);
    DMatrixRMaj targets = new DMatrixRMaj(2, 30);
    for (int k = 0; k < data.data.length; k++) {
      data.data[k] = 4 * rng.nextGaussian() - 1;
    }
    for (int k = 0; k < targets.data.length; k++) {
      targets.data[k] = 20 * rng.nextGaussian() + 3;
    }
    for (Precision precision : Precision.values()) {
      for (boolean scalers : new boolean[] {false, true}) {
        String where = precision + (scalers ? ", scalers" : "");
        NetworkSpec spec = NetworkSpec.builder(3).layer(7, "bent_identity")
            .layer(4, "bent_identity").layer(2, "identity").cost("mse").precision(precision)
            .build();
        Model model = new Model(Network.build(spec),
            scalers ? Scaler.fit(Scaler.Kind.STANDARD, data) : null,
            scalers ? Scaler.fit(Scaler.Kind.STANDARD, targets) : null, DataNames.NONE);
        Model back = OnnxImport.read(OnnxExport.toBytes(model));
        assertEquals(spec.toString(), back.network().spec().toString(), where);
        double[] a = new double[model.network().parameterCount()];
        double[] b = new double[a.length];
        model.network().getParameters(a);
        back.network().getParameters(b);
        assertArrayEquals(a, b, 0.0, where);
        assertArrayEquals(model.predict(data).data, back.predict(data).data, 0.0, where);
      }
    }
  }
}

package com.example.plugins.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.model.Model;
import io.ffnn.onnx.OnnxExport;
import io.ffnn.onnx.OnnxImport;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A network with the plugin's vector-valued l2_normalize, exported and imported through its form. */
class L2NormalizeOnnxTest {

  @Test
  void exportsRunsInOnnxRuntimeAndReadsBackAsTheSameModel() throws Exception {
    for (Precision precision : Precision.values()) {
      NetworkSpec spec = NetworkSpec.builder(4).layer(5, "l2_normalize").layer(3, "softmax")
          .cost("cce").precision(precision).build();
      Model model = new Model(Network.build(spec), null);
      Random rng = new Random(1);
      DMatrixRMaj x = new DMatrixRMaj(4, 6);
      for (int k = 0; k < x.data.length; k++) {
        x.data[k] = 3 * rng.nextGaussian();
      }
      byte[] onnx = OnnxExport.toBytes(model);

      // the same network back, predicting the same bits
      Model back = OnnxImport.read(onnx);
      assertEquals(spec.toString(), back.network().spec().toString());
      assertArrayEquals(model.predict(x).data, back.predict(x).data, 0.0);

      // ONNX Runtime computes what ffnn does
      DMatrixRMaj expected = model.predict(x);
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      boolean single = precision == Precision.FLOAT32;
      Object input;
      if (single) {
        float[][] rows = new float[6][4];
        for (int i = 0; i < 6; i++) {
          for (int p = 0; p < 4; p++) {
            rows[i][p] = (float) x.get(p, i);
          }
        }
        input = rows;
      } else {
        double[][] rows = new double[6][4];
        for (int i = 0; i < 6; i++) {
          for (int p = 0; p < 4; p++) {
            rows[i][p] = x.get(p, i);
          }
        }
        input = rows;
      }
      try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
          OnnxTensor t = OnnxTensor.createTensor(env, input);
          OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, t))) {
        for (int i = 0; i < 6; i++) {
          for (int p = 0; p < 3; p++) {
            double y = single ? ((float[][]) r.get(0).getValue())[i][p]
                : ((double[][]) r.get(0).getValue())[i][p];
            assertEquals(expected.get(p, i), y, single ? 1e-6 : 1e-12, precision.toString());
          }
        }
      }
    }
  }
}

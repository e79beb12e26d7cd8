package io.ffnn.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.data.ColumnEncoding;
import io.ffnn.core.data.Csv;
import io.ffnn.core.data.CsvFormat;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.DataNames;
import io.ffnn.core.model.Model;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A model trained on a table exports with its column encoding in the graph: one input per
 * column, strings for categories, NaN for missing numbers, and ONNX Runtime gives what the model
 * gives on the same rows: imputed values, indicators, and a category never seen in training.
 */
class OnnxEncodingTest {

  @TempDir
  Path dir;

  /** Houses: area (some missing), district (text, some missing), rooms; the price. */
  private Model trained(Precision precision) throws IOException {
    Random rng = new Random(1);
    String[] districts = {"north", "south", "east", "west"};
    StringBuilder sb = new StringBuilder("area,district,rooms,price\n");
    for (int i = 0; i < 200; i++) {
      int d = rng.nextInt(4);
      double area = 60 + 80 * rng.nextDouble();
      int rooms = 1 + rng.nextInt(5);
      double price = 2000 * area + 15000 * d + 5000 * rooms + 4000 * rng.nextGaussian();
      sb.append(rng.nextInt(8) == 0 ? "NA" : String.format(java.util.Locale.ROOT, "%.1f", area))
          .append(',').append(rng.nextInt(8) == 0 ? "" : districts[d]).append(',').append(rooms)
          .append(',').append(String.format(java.util.Locale.ROOT, "%.0f", price)).append('\n');
    }
    Path f = Files.writeString(dir.resolve("houses.csv"), sb);
    Dataset train = Csv.read(f, CsvFormat.targetColumns("price").withMissingIndicators(true));
    ColumnEncoding e = train.encoding().orElseThrow();
    Scaler scaler = e.fitScaler(Scaler.Kind.STANDARD, train.X());
    Scaler targetScaler = Scaler.fit(Scaler.Kind.STANDARD, train.Y());
    Network net = Network.build(NetworkSpec.builder(train.features()).layer(8, "tanh")
        .layer(1, "identity").cost("mse").seed(2).precision(precision).build());
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.adam(0.02)).epochs(20).seed(3)
        .build()).build()
        .fit(net, scaler.transform(train.X()), targetScaler.transform(train.Y()));
    return new Model(net, scaler, targetScaler, DataNames.of(train), e);
  }

  private static Map<String, Object> row(Object area, Object district, Object rooms) {
    Map<String, Object> row = new HashMap<>();
    row.put("area", area);
    row.put("district", district);
    row.put("rooms", rooms);
    return row;
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void theEncodingIsInTheGraphAndOnnxRuntimeAgreesRowByRow(Precision precision)
      throws Exception {
    Model model = trained(precision);
    byte[] onnx = OnnxExport.toBytes(model);
    // rows: plain, a missing area, a missing district spelt three ways, an unseen district
    List<Map<String, Object>> rows = List.of(row(100.0, "north", 3), row(null, "east", 2),
        row(75.5, "NA", 1), row(75.5, "", 1), row(75.5, "?", 1), row(120.0, "harbour", 5));
    DMatrixRMaj expected = model.predictRows(rows);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      assertEquals(List.of("area", "district", "rooms"), new ArrayList<>(inputs.keySet()));
      assertEquals(ai.onnxruntime.OnnxJavaType.STRING,
          ((TensorInfo) inputs.get("district").getInfo()).type);
      boolean floats = precision == Precision.FLOAT32;
      Map<String, OnnxTensor> feed = new LinkedHashMap<>();
      int m = rows.size();
      String[][] district = new String[m][1];
      for (int i = 0; i < m; i++) {
        district[i][0] = (String) rows.get(i).get("district");
      }
      feed.put("district", OnnxTensor.createTensor(env, district));
      for (String numeric : new String[] {"area", "rooms"}) {
        double[][] v = new double[m][1];
        float[][] f = new float[m][1];
        for (int i = 0; i < m; i++) {
          Object x = rows.get(i).get(numeric);
          v[i][0] = x == null ? Double.NaN : ((Number) x).doubleValue();
          f[i][0] = (float) v[i][0];
        }
        feed.put(numeric, floats ? OnnxTensor.createTensor(env, f)
            : OnnxTensor.createTensor(env, v));
      }
      try (OrtSession.Result result = session.run(feed)) {
        Object out = result.get(OnnxExport.OUTPUT).orElseThrow().getValue();
        for (int i = 0; i < m; i++) {
          double actual = floats ? ((float[][]) out)[i][0] : ((double[][]) out)[i][0];
          double e = expected.get(0, i);
          assertEquals(e, actual, (floats ? 1e-5 : 1e-12) * Math.abs(e), "row " + i);
        }
      } finally {
        feed.values().forEach(OnnxTensor::close);
      }
    }
  }

  @Test
  void aColumnNamedAsATensorOfTheGraphIsRefusedAndTheImportSaysWhatItReads()
      throws IOException, OrtException {
    Model model = trained(Precision.FLOAT64);
    ColumnEncoding e = model.encoding();
    List<ColumnEncoding.Column> renamed = new ArrayList<>(e.columns());
    renamed.set(2, new ColumnEncoding.Numeric("encoded",
        ((ColumnEncoding.Numeric) renamed.get(2)).fill(), false));
    Model clash = new Model(model.network(), model.scaler(), model.targetScaler(),
        DataNames.NONE, new ColumnEncoding(renamed, e.missingValues()));
    assertEquals("the input 'encoded' has the name of a tensor the graph makes; rename the "
        + "column", assertThrows(IllegalArgumentException.class,
            () -> OnnxExport.toBytes(clash)).getMessage());
    IOException refused = assertThrows(IOException.class,
        () -> OnnxImport.read(OnnxExport.toBytes(model)));
    assertTrue(refused.getMessage().startsWith("a fully connected network has one input and "
        + "one output; the graph has inputs ['area', 'district', 'rooms']"), refused.getMessage());
  }
}

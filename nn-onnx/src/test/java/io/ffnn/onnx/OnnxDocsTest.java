package io.ffnn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interoperability page's code (docs/interoperability.md), as it stands there. */
class OnnxDocsTest {

  @Test
  void aSavedModelExportsAndReadsBack(@TempDir Path dir) throws IOException {
    Network net = Network.build(NetworkSpec.builder(4).layer(8, "relu").layer(3, "softmax")
        .cost("cce").seed(1).build());
    Path saved = dir.resolve("m.ffnn");
    ModelFile.save(new Model(net, null), saved);
    Path exported = dir.resolve("m.onnx");
    OnnxExport.write(ModelFile.load(saved), exported);
    Model model = OnnxImport.read(exported);   // a PyTorch export reads the same way
    assertEquals(net.spec().toString(), model.network().spec().toString());
    DMatrixRMaj X = new DMatrixRMaj(4, 2, true, 0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8);
    assertArrayEquals(net.predict(X).data, model.network().predict(X).data, 0.0);
  }
}

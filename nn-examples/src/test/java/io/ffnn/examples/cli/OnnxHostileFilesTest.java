package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.ffnn.examples.cli.CliTest.Run;
import io.ffnn.onnx.internal.proto.OnnxProto.GraphProto;
import io.ffnn.onnx.internal.proto.OnnxProto.ModelProto;
import io.ffnn.onnx.internal.proto.OnnxProto.NodeProto;
import io.ffnn.onnx.internal.proto.OnnxProto.OperatorSetIdProto;
import io.ffnn.onnx.internal.proto.OnnxProto.StringStringEntryProto;
import io.ffnn.onnx.internal.proto.OnnxProto.TensorProto;
import io.ffnn.onnx.internal.proto.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ffnn import} on ONNX files from anywhere: each hostile file ends within 2 seconds with
 * status 1 and one {@code error:} line naming the file, the node or tensor, and the problem — no
 * stack trace, no allocation sized by the file's claims, no terminal control characters.
 */
class OnnxHostileFilesTest {

  @TempDir
  Path dir;

  /** A graph with input {@code x} [N, 2], output {@code y}, the given nodes and tensors. */
  private static byte[] model(List<NodeProto> nodes, List<TensorProto> tensors) {
    return ModelProto.newBuilder().setIrVersion(7)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
        .setGraph(GraphProto.newBuilder().addAllNode(nodes).addAllInitializer(tensors)
            .addInput(ValueInfoProto.newBuilder().setName("x"))
            .addOutput(ValueInfoProto.newBuilder().setName("y")))
        .build().toByteArray();
  }

  private static NodeProto node(String op, String name, List<String> in, String out) {
    return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out)
        .build();
  }

  /** A float tensor of raw data, with the dims it claims. */
  private static TensorProto floats(String name, int values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 * values).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < values; k++) {
      b.putFloat(0.5f * k);
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name)
        .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(b.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  private static final TensorProto W = floats("W", 4, 2, 2);
  private static final TensorProto B = floats("b", 2, 2);

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  /** The import of a file: one error line, starting with the file's name, within 2 s. */
  private String refused(Path file, String... more) {
    List<String> args = new ArrayList<>(List.of("import", "--onnx", file.toString(), "--save",
        dir.resolve("out.ffnn").toString()));
    args.addAll(List.of(more));
    long start = System.nanoTime();
    Run r = CliTest.run(args.toArray(new String[0]));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 2, file + ": " + seconds + " s");
    assertEquals(1, r.status(), r.err());
    assertTrue(r.err().startsWith("error: " + file + ": "), r.err());
    assertEquals(1, r.err().split("\n").length, r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(dir.resolve("out.ffnn")), "nothing is written");
    return r.err().substring(("error: " + file + ": ").length()).strip();
  }

  @Test
  void cyclesAreFoundAtOnce() throws IOException {
    // a Gemm whose output is its own input
    Path self = write("self.onnx", model(List.of(node("Gemm", "loop", List.of("x", "W", "b"),
        "x")), List.of(W, B)));
    assertEquals("node 'loop' (Gemm) writes 'x', which the chain has already passed through: "
        + "the graph has a cycle", refused(self));
    // a cycle back to the input through an activation
    Path back = write("back.onnx", model(List.of(
        node("Gemm", "g", List.of("x", "W", "b"), "z"), node("Relu", "r", List.of("z"), "x")),
        List.of(W, B)));
    assertEquals("node 'r' (Relu) writes 'x', which the chain has already passed through: the "
        + "graph has a cycle", refused(back));
    // two layers that feed each other
    Path pair = write("pair.onnx", model(List.of(
        node("Gemm", "g1", List.of("x", "W", "b"), "a"),
        node("Gemm", "g2", List.of("a", "W", "b"), "c"),
        node("Gemm", "g3", List.of("c", "W", "b"), "a")), List.of(W, B)));
    assertEquals("node 'g3' (Gemm) writes 'a', which the chain has already passed through: the "
        + "graph has a cycle", refused(pair));
  }

  @Test
  void aChainOfAHundredThousandNodesIsRefusedQuickly() throws IOException {
    // 50,000 layers: the layer limit holds during the walk
    List<NodeProto> nodes = new ArrayList<>();
    String x = "x";
    for (int l = 0; l < 50_000; l++) {
      nodes.add(node("Gemm", "g" + l, List.of(x, "W", "b"), "z" + l));
      nodes.add(node("Relu", "r" + l, List.of("z" + l), "a" + l));
      x = "a" + l;
    }
    nodes.set(nodes.size() - 1, node("Relu", "last", List.of("z49999"), "y"));
    assertEquals("more than 9999 layers; ffnn builds networks of up to 9999",
        refused(write("deep.onnx", model(nodes, List.of(W, B)))));

    // one layer, then 99,999 activations
    List<NodeProto> relus = new ArrayList<>();
    relus.add(node("Gemm", "g", List.of("x", "W", "b"), "r0"));
    for (int k = 1; k < 100_000; k++) {
      relus.add(node("Relu", "r" + k, List.of("r" + (k - 1)), k == 99_999 ? "y" : "r" + k));
    }
    assertEquals("node 'r2' (Relu) is not part of a fully connected network; ffnn imports "
        + "chains of Gemm (or MatMul and Add) and activations up to the output 'y'",
        refused(write("long.onnx", model(relus, List.of(W, B)))));
  }

  @Test
  void dimsThatDisagreeWithTheDataAreRefusedBeforeAllocation() throws IOException {
    NodeProto gemm = node("Gemm", "g", List.of("x", "W", "b"), "y");
    String[][] cases = {
        // dims [2^32 + 3, 2]: 2^33 + 6 values claimed, 6 held (read as 3 rows before)
        {"huge", "node 'g' (Gemm): tensor 'W' has dims [4294967299, 2]: more values than one "
            + "tensor may hold (2147483639)"},
        // 100 values for [3, 2]
        {"many", "node 'g' (Gemm): tensor 'W' has dims [3, 2] (6 values) but holds 400 bytes "
            + "of raw data"},
        {"few", "node 'g' (Gemm): tensor 'W' has dims [3, 2] (6 values) but holds 8 bytes of "
            + "raw data"},
        {"negative", "node 'g' (Gemm): tensor 'W' has dims [-3, 2]: a dimension is negative"},
        {"overflow", "node 'g' (Gemm): tensor 'W' has dims [1099511627776, 1099511627776]: more "
            + "values than one tensor may hold (2147483639)"},
        {"ragged", "node 'g' (Gemm): tensor 'W' has dims [1, 1] (1 values) but holds 6 bytes "
            + "of raw data"},
        {"rank3", "node 'g' (Gemm): weights of shape [2, 2, 1]; a layer's weights are a matrix"},
        {"bias", "node 'g' (Gemm): the bias 'b' of shape [5] for 2 values"},
        {"typed", "node 'g' (Gemm): tensor 'W' has dims [2, 2] (4 values) but holds 3 values"},
    };
    for (String[] c : cases) {
      TensorProto w;
      TensorProto b = B;
      switch (c[0]) {
        case "huge" -> w = floats("W", 6, (1L << 32) + 3, 2);
        case "many" -> w = floats("W", 100, 3, 2);
        case "few" -> w = floats("W", 2, 3, 2);
        case "negative" -> w = floats("W", 6, -3, 2);
        case "overflow" -> w = floats("W", 6, 1L << 40, 1L << 40);
        case "ragged" -> w = W.toBuilder().clearDims().addDims(1).addDims(1)
            .setRawData(ByteString.copyFrom(new byte[6])).build();
        case "rank3" -> w = floats("W", 4, 2, 2, 1);
        case "bias" -> {
          w = W;
          b = floats("b", 5, 5);
        }
        default -> w = TensorProto.newBuilder().setName("W").addDims(2).addDims(2)
            .setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(1).addFloatData(2)
            .addFloatData(3).build();
      }
      assertEquals(c[1], refused(write(c[0] + ".onnx", model(List.of(gemm), List.of(w, b)))),
          c[0]);
    }
    // weights kept in an external file
    TensorProto external = W.toBuilder().clearRawData()
        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(StringStringEntryProto.newBuilder().setKey("location")
            .setValue("/etc/passwd")).build();
    assertEquals("node 'g' (Gemm): tensor 'W' keeps its data in an external file; ffnn imports "
        + "models whose weights are in the .onnx file itself",
        refused(write("external.onnx", model(List.of(gemm), List.of(external, B)))));
  }

  @Test
  void namesWithControlCharactersAreEscaped() throws IOException {
    Path file = write("esc.onnx", model(List.of(
        node("Gemm", "g", List.of("x", "W", "b"), "z"),
        node("Erf\u001b[31m", "evil\u0007\u001b]0;title\u0007", List.of("z"), "y")),
        List.of(W, B)));
    String error = refused(file);
    assertEquals("node 'evil\\u0007\\u001b]0;title\\u0007' (Erf\\u001b[31m) is not part of a "
        + "fully connected network; ffnn imports chains of Gemm (or MatMul and Add) and "
        + "activations up to the output 'y'", error);
  }

  @Test
  void whatIsNotARegularOnnxFileIsRefusedByName() throws Exception {
    assertEquals("not a regular file (a device, FIFO or socket); ffnn reads ONNX models from "
        + "regular files only", refused(Path.of("/dev/zero")));
    Path fifo = dir.resolve("fifo.onnx");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
    assertEquals("not a regular file (a device, FIFO or socket); ffnn reads ONNX models from "
        + "regular files only", refused(fifo));
    assertEquals("a directory, not an ONNX file", refused(dir));
    assertEquals("no such file", refused(dir.resolve("nope.onnx")));
    assertTrue(refused(write("junk.onnx", new byte[] {8, 1, 0x3a, 5, 1, 2}))
        .startsWith("not an ONNX model: "));
    assertEquals("not an ONNX model: it has no graph",
        refused(write("empty.onnx", new byte[0])));
  }

  /**
   * A 100 MB model under {@code -Xmx512m}: importing it could take six times its size, more
   * than the heap has; refused before it is read, with the figures.
   */
  @Test
  void aModelLargerThanTheHeapCanImportIsRefusedBeforeItIsRead() throws Exception {
    Path big = dir.resolve("big.onnx");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(100_000_000);
    }
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), Cli.class.getName(), "import", "--onnx",
        big.toString(), "--save", dir.resolve("out.ffnn").toString());
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the tool did not end");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 2, seconds + " s, the JVM's start included");
    String error = Files.readString(err);
    assertEquals(1, p.exitValue(), error);
    assertEquals(1, error.split("\n").length, error);
    assertTrue(error.startsWith("error: " + big + ": 100.0 MB: importing it takes up to 600.0 "
        + "MB of heap and "), error);
    assertTrue(error.strip().matches(".* MB are free \\(the JVM's -Xmx is [0-9.]+ MB\\)"),
        error);
    assertFalse(Files.exists(dir.resolve("out.ffnn")));
  }
}

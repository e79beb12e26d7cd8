package io.ffnn.onnx;

import io.ffnn.core.NetworkSpec;
import io.ffnn.core.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Builds an ffnn model from an ONNX model of a fully connected network: the chain that {@code
 * torch.onnx.export} writes for a stack of {@code nn.Linear} layers and activations, that Keras
 * converters write for {@code Dense} layers, and that {@link OnnxExport} writes. Walking from the
 * graph's input, it takes an optional leading {@code Flatten} or {@code Reshape} to {@code [N,
 * n]}, an optional input scaler ({@code Sub} then {@code Div} or {@code Mul} by constants), then
 * layers — {@code Gemm} (with {@code transB} either way, {@code alpha = beta = 1}), or {@code
 * MatMul} with an optional {@code Add} of a bias — each followed by the nodes of at most one
 * activation, as its {@link OnnxActivationForm} recognises them (the built-in activations' and
 * those plugins contribute), and an optional target scaler ({@code Mul} then {@code Add}).
 * Anything else is refused naming the node and its operator. The network computes in float32
 * when the weights are float, float64 when they are double, and its cost follows the output
 * (softmax: cce, log-softmax: nll, one sigmoid: bce, several: multilabel_bce, else mse; or the
 * cost an ffnn export recorded), so that it can be trained further; {@link Output} reads raw
 * logits as a classifier's.
 *
 * <p>Import is safe on files from anywhere: only a regular file is read, and only if the heap
 * can hold what importing it takes ({@link #BYTES_PER_FILE_BYTE} times its size); the walk visits
 * each node once, stops at a cycle and at {@link NetworkSpec#MAX_LAYERS} layers; each tensor's
 * dims are checked against its data before anything is allocated for it; data in external files
 * are refused. Every failure is an {@link IOException} whose message names the file, the node
 * and the problem, with the file's texts' control characters escaped.
 */
public final class OnnxImport {

  /**
   * The heap an import takes per byte of the file, at most: the file's bytes, the parameters
   * widened to double (twice a float file's bytes), the network's own parameters, and its
   * largest layer drawn in double while the network is built.
   */
  public static final int BYTES_PER_FILE_BYTE = 6;

  /** The largest ONNX file read: protobuf's limit for one message, 2 GiB. */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

  /**
   * What raw outputs (logits) stand for, where the graph ends without an output activation: a
   * classifier exported without its softmax or sigmoid, as PyTorch models trained with {@code
   * CrossEntropyLoss} or {@code BCEWithLogitsLoss} are.
   */
  public enum Output {
    /** Class scores: the model gets a softmax output and the cce cost. */
    SOFTMAX,
    /** Independent logits: a sigmoid output and bce (one output) or multilabel_bce. */
    SIGMOID
  }

  private OnnxImport() {}

  /**
   * Reads an ONNX file.
   *
   * @param file the {@code .onnx} file
   * @return the model: the network with its weights, and the scalers the graph holds
   * @throws IOException if the file is missing, not a regular file, too large for the heap,
   *     not an ONNX model, or not a fully connected network; the message starts with the file's
   *     name and names the node and operator that is not
   */
  public static Model read(Path file) throws IOException {
    return read(file, null);
  }

  /**
   * Reads an ONNX file whose graph ends in raw outputs that stand for a classifier's.
   *
   * @param file the {@code .onnx} file
   * @param output what the raw outputs stand for; null to take the graph as it is
   * @return the model, with the output activation and cost {@code output} implies
   * @throws IOException as {@link #read(Path)}, and if the graph already ends in an activation
   */
  public static Model read(Path file, Output output) throws IOException {
    Objects.requireNonNull(file, "file");
    String name = ModelGraph.escape(file.toString());
    try {
      return read(bytes(file), output);
    } catch (IOException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    }
  }

  /** The file's bytes, once it is known to be a regular file the heap can import. */
  private static byte[] bytes(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new IOException("no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException("permission denied", e);
    }
    if (attributes.isDirectory()) {
      throw new IOException("a directory, not an ONNX file");
    }
    if (!attributes.isRegularFile()) {
      throw new IOException("not a regular file (a device, FIFO or socket); ffnn reads ONNX "
          + "models from regular files only");
    }
    long size = attributes.size();
    if (size > MAX_FILE_BYTES) {
      throw new IOException(mb(size) + ": larger than the 2 GiB an ONNX model can be");
    }
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (size * BYTES_PER_FILE_BYTE > free) {
      System.gc();
      free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
    if (size * BYTES_PER_FILE_BYTE > free) {
      throw new IOException(mb(size) + ": importing it takes up to " + mb(size
          * BYTES_PER_FILE_BYTE) + " of heap and " + mb(free) + " are free (the JVM's -Xmx is "
          + mb(rt.maxMemory()) + ")");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) size);
      if (bytes.length != size || in.read() != -1) {
        throw new IOException("the file changed while it was read");
      }
    }
    return bytes;
  }

  private static String mb(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /**
   * Reads the bytes of an ONNX model.
   *
   * @param onnx a {@code ModelProto}
   * @return the model
   * @throws IOException if the bytes are not an ONNX model of a fully connected network
   */
  public static Model read(byte[] onnx) throws IOException {
    return read(onnx, null);
  }

  /**
   * Reads the bytes of an ONNX model whose graph ends in raw outputs that stand for a
   * classifier's.
   *
   * @param onnx a {@code ModelProto}
   * @param output what the raw outputs stand for; null to take the graph as it is
   * @return the model
   * @throws IOException as {@link #read(byte[])}, and if the graph already ends in an activation
   */
  public static Model read(byte[] onnx, Output output) throws IOException {
    Objects.requireNonNull(onnx, "onnx");
    ModelGraph g = ModelGraph.parse(onnx);
    try {
      return new ChainWalk(g, output).model();
    } catch (RuntimeException e) {
      // a defect, not the file's: still an IOException, as documented, with what happened
      throw new IOException("the model could not be imported: " + e, e);
    }
  }
}

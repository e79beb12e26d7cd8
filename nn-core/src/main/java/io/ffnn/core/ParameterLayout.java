package io.ffnn.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * The one owner of how a network's parameters are laid out: their order {@code W[1], b[1], W[2],
 * b[2], …, W[L], b[L]}, their names, shapes and sizes, where each starts in the flat copy, and
 * the byte codec of that copy (big-endian IEEE-754 doubles, or floats for a float32 network, each
 * matrix row by row). Model files,
 * checkpoints, optimizers, multi-threaded and distributed training all ask this class rather than
 * spell the order out.
 *
 * <p>Immutable. The parameters themselves live in a {@link Network} ({@link
 * Network#parameter(Parameter)}) and their gradients in a {@link Workspace} ({@link
 * Workspace#gradient(Parameter)}); the methods that copy take such an accessor.
 */
public final class ParameterLayout {

  /** The two kinds of parameter of a layer. */
  public enum Kind {
    /** {@code W[l]}, {@code n[l] × n[l-1]}. */
    WEIGHTS("W"),
    /** {@code b[l]}, {@code n[l] × 1}. */
    BIASES("b");

    private final String symbol;

    Kind(String symbol) {
      this.symbol = symbol;
    }

    /**
     * The symbol in names and messages.
     *
     * @return {@code "W"} or {@code "b"}
     */
    public String symbol() {
      return symbol;
    }
  }

  /**
   * One parameter of the layout: a weight matrix or a bias vector.
   *
   * @param index its place in the order, from 0; state kept per parameter is indexed by it
   * @param layer its layer {@code l}, from 1
   * @param kind weights or biases
   * @param rows {@code n[l]}
   * @param cols {@code n[l-1]} for weights, 1 for biases
   * @param offset where its first entry sits in the flat copy
   */
  public record Parameter(int index, int layer, Kind kind, int rows, int cols, int offset) {

    /** {@return its place in the order, from 0; state kept per parameter is indexed by it} */
    public int index() {
      return index;
    }

    /** {@return its layer {@code l}, from 1} */
    public int layer() {
      return layer;
    }

    /** {@return weights or biases} */
    public Kind kind() {
      return kind;
    }

    /** {@return {@code n[l]}} */
    public int rows() {
      return rows;
    }

    /** {@return {@code n[l-1]} for weights, 1 for biases} */
    public int cols() {
      return cols;
    }

    /** {@return where its first entry sits in the flat copy} */
    public int offset() {
      return offset;
    }

    /**
     * The number of entries.
     *
     * @return {@code rows × cols}
     */
    public int size() {
      return rows * cols;
    }

    /**
     * Whether this is a weight matrix (L2 penalties and weight decay apply to these only).
     *
     * @return true for {@code W[l]}, false for {@code b[l]}
     */
    public boolean isWeights() {
      return kind == Kind.WEIGHTS;
    }

    /**
     * The name, as messages print it.
     *
     * @return e.g. {@code "W[2]"} or {@code "b[1]"}
     */
    public String name() {
      return kind.symbol() + "[" + layer + "]";
    }

    @Override
    public String toString() {
      return name() + " " + rows + "x" + cols;
    }
  }

  private final int[] n;
  private final List<Parameter> parameters;
  private final int count;

  private ParameterLayout(int[] n) {
    this.n = n;
    List<Parameter> list = new ArrayList<>(2 * (n.length - 1));
    long offset = 0;
    for (int l = 1; l < n.length; l++) {
      // the order of the whole library: W[l] then b[l], layer after layer
      offset = add(list, new Parameter(list.size(), l, Kind.WEIGHTS, n[l], n[l - 1],
          (int) offset), offset);
      offset = add(list, new Parameter(list.size(), l, Kind.BIASES, n[l], 1, (int) offset),
          offset);
    }
    this.parameters = Collections.unmodifiableList(list);
    this.count = (int) offset;
  }

  private long add(List<Parameter> list, Parameter p, long offset) {
    long end = offset + (long) p.rows() * p.cols();
    if ((long) p.rows() * p.cols() > Integer.MAX_VALUE || end > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("layer sizes " + Arrays.toString(n) + " need "
          + countOf(n) + " parameters, more than one array holds");
    }
    list.add(p);
    return end;
  }

  /**
   * The layout of a network with layer sizes {@code n[0] … n[L]}.
   *
   * @param n the layer sizes, at least two, each {@code >= 1}. Not modified.
   * @return the layout
   * @throws IllegalArgumentException if there are fewer than two sizes, one is not positive, or
   *     the parameters would not fit in one array
   */
  public static ParameterLayout of(int... n) {
    Objects.requireNonNull(n, "n");
    if (n.length < 2) {
      throw new IllegalArgumentException("a layout needs n[0] … n[L] with L >= 1, got "
          + Arrays.toString(n));
    }
    for (int l = 0; l < n.length; l++) {
      if (n[l] < 1) {
        throw new IllegalArgumentException("n[" + l + "] = " + n[l] + " in "
            + Arrays.toString(n) + "; every layer needs at least one node");
      }
    }
    return new ParameterLayout(n.clone());
  }

  /**
   * The number of parameters of layer sizes {@code n[0] … n[L]}, {@code Σ n[l] (n[l−1] + 1)},
   * for checking a declared size before building anything.
   *
   * @param n the layer sizes, each {@code >= 0}. Not modified.
   * @return the count, exact when it fits in a {@code long}, else {@link Long#MAX_VALUE}
   */
  public static long countOf(int[] n) {
    long total = 0;
    for (int l = 1; l < n.length; l++) {
      long term = (long) n[l] * (n[l - 1] + 1L);
      if (total > Long.MAX_VALUE - term) {
        return Long.MAX_VALUE;
      }
      total += term;
    }
    return total;
  }

  /**
   * The number of layers with parameters.
   *
   * @return {@code L}
   */
  public int depth() {
    return n.length - 1;
  }

  /**
   * The size of layer {@code l}.
   *
   * @param l {@code 0 … L}
   * @return {@code n[l]}
   */
  public int size(int l) {
    return n[l];
  }

  /**
   * The number of entries of all parameters together: the length of the flat copy.
   *
   * @return {@code Σ n[l] (n[l−1] + 1)}
   */
  public int count() {
    return count;
  }

  /**
   * Every parameter, in the layout's order.
   *
   * @return {@code W[1], b[1], …, W[L], b[L]}; unmodifiable
   */
  public List<Parameter> parameters() {
    return parameters;
  }

  /**
   * The weights of layer {@code l}.
   *
   * @param l {@code 1 … L}
   * @return {@code W[l]}
   */
  public Parameter weights(int l) {
    return parameters.get(2 * (checkLayer(l) - 1));
  }

  /**
   * The biases of layer {@code l}.
   *
   * @param l {@code 1 … L}
   * @return {@code b[l]}
   */
  public Parameter biases(int l) {
    return parameters.get(2 * (checkLayer(l) - 1) + 1);
  }

  private int checkLayer(int l) {
    if (l < 1 || l >= n.length) {
      throw new IndexOutOfBoundsException("layer " + l + " is not in 1.." + depth());
    }
    return l;
  }

  /**
   * Copies matrices into the flat layout.
   *
   * @param matrices each parameter's matrix (a network's parameters, a workspace's gradients).
   *     Not modified.
   * @param flat {@link #count()} entries. Modified.
   * @throws IllegalArgumentException if {@code flat} has another length
   */
  public void copyTo(Function<Parameter, DMatrixRMaj> matrices, double[] flat) {
    checkFlat(flat, "parameters");
    for (Parameter p : parameters) {
      System.arraycopy(matrices.apply(p).data, 0, flat, p.offset(), p.size());
    }
  }

  /**
   * Sets matrices from the flat layout, {@code M ← factor · flat}.
   *
   * @param flat {@link #count()} entries. Not modified.
   * @param factor the factor; 1 copies the values exactly
   * @param matrices each parameter's matrix. Modified.
   * @throws IllegalArgumentException if {@code flat} has another length
   */
  public void copyFrom(double[] flat, double factor, Function<Parameter, DMatrixRMaj> matrices) {
    checkFlat(flat, "parameters");
    for (Parameter p : parameters) {
      double[] data = matrices.apply(p).data;
      if (factor == 1.0) {
        System.arraycopy(flat, p.offset(), data, 0, p.size());
      } else {
        for (int k = 0; k < p.size(); k++) {
          data[k] = factor * flat[p.offset() + k];
        }
      }
    }
  }

  /**
   * {@code sums ← sums + factor · M} in the flat layout: how a machine holding part of a batch
   * adds the sum of its examples' gradients to the whole batch's.
   *
   * @param matrices each parameter's matrix. Not modified.
   * @param factor the factor
   * @param sums {@link #count()} entries. Modified.
   * @throws IllegalArgumentException if {@code sums} has another length
   */
  public void addTo(Function<Parameter, DMatrixRMaj> matrices, double factor, double[] sums) {
    checkFlat(sums, "gradients");
    for (Parameter p : parameters) {
      final double[] data = matrices.apply(p).data;
      final int k0 = p.offset();
      for (int i = 0; i < p.size(); i++) {
        sums[k0 + i] += factor * data[i];
      }
    }
  }

  /**
   * Where entry {@code k} of the flat copy sits.
   *
   * @param k an index of the flat copy, {@code 0 ≤ k < count()}
   * @return e.g. {@code "W[2][0,3]"}
   * @throws IndexOutOfBoundsException if {@code k} is not an entry
   */
  public String entry(int k) {
    Objects.checkIndex(k, count);
    for (Parameter p : parameters) {
      if (k < p.offset() + p.size()) {
        int i = k - p.offset();
        return p.name() + "[" + i / p.cols() + "," + i % p.cols() + "]";
      }
    }
    throw new IllegalStateException("unreachable: " + k + " < " + count);
  }

  /**
   * The first entry of a flat copy that is not finite.
   *
   * @param flat {@link #count()} entries. Not modified.
   * @return e.g. {@code "W[2][0,3] = NaN"}, or null if every entry is finite
   * @throws IllegalArgumentException if {@code flat} has another length
   */
  public String firstNonFinite(double[] flat) {
    checkFlat(flat, "parameters");
    for (int k = 0; k < flat.length; k++) {
      if (!Double.isFinite(flat[k])) {
        return entry(k) + " = " + flat[k];
      }
    }
    return null;
  }

  /**
   * The flat copy as bytes: big-endian IEEE-754 doubles, the model file's {@code weights.bin}.
   *
   * @param flat {@link #count()} entries. Not modified.
   * @return {@code 8 · count()} bytes
   * @throws IllegalArgumentException if {@code flat} has another length
   */
  public byte[] encode(double[] flat) {
    checkFlat(flat, "parameters");
    ByteBuffer buffer = ByteBuffer.allocate(8 * count).order(ByteOrder.BIG_ENDIAN);
    buffer.asDoubleBuffer().put(flat);
    return buffer.array();
  }

  /**
   * The flat copy as bytes in a precision: big-endian doubles ({@link #encode(double[])}) or, for
   * {@link Precision#FLOAT32}, big-endian floats, each value rounded to {@code float} — a float32
   * network's values exactly.
   *
   * @param flat {@link #count()} entries. Not modified.
   * @param precision the precision of the values written
   * @return {@code 8 · count()} or {@code 4 · count()} bytes
   * @throws IllegalArgumentException if {@code flat} has another length
   */
  public byte[] encode(double[] flat, Precision precision) {
    if (precision != Precision.FLOAT32) {
      return encode(flat);
    }
    checkFlat(flat, "parameters");
    ByteBuffer buffer = ByteBuffer.allocate(4 * count).order(ByteOrder.BIG_ENDIAN);
    for (double v : flat) {
      buffer.putFloat((float) v);
    }
    return buffer.array();
  }

  /**
   * Reads bytes written by {@link #encode(double[], Precision)}.
   *
   * @param bytes {@code 8 · count()} or, for float32, {@code 4 · count()} bytes. Not modified.
   * @param precision the precision they were written in
   * @return the flat copy
   * @throws IllegalArgumentException if there are not exactly that many bytes
   */
  public double[] decode(byte[] bytes, Precision precision) {
    if (precision != Precision.FLOAT32) {
      return decode(bytes);
    }
    if (bytes.length != 4L * count) {
      throw new IllegalArgumentException(bytes.length + " bytes of parameters for layer sizes "
          + Arrays.toString(n) + ", which need " + count + " floats (" + 4L * count
          + " bytes)");
    }
    double[] flat = new double[count];
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    for (int k = 0; k < flat.length; k++) {
      flat[k] = buffer.getFloat();
    }
    return flat;
  }

  /**
   * Matrices as bytes, as {@link #encode(double[])} writes them.
   *
   * @param matrices each parameter's matrix. Not modified.
   * @return {@code 8 · count()} bytes
   */
  public byte[] encode(Function<Parameter, DMatrixRMaj> matrices) {
    double[] flat = new double[count];
    copyTo(matrices, flat);
    return encode(flat);
  }

  /**
   * Reads bytes written by {@link #encode(double[])}.
   *
   * @param bytes {@code 8 · count()} bytes. Not modified.
   * @return the flat copy
   * @throws IllegalArgumentException if there are not exactly {@code 8 · count()} bytes
   */
  public double[] decode(byte[] bytes) {
    if (bytes.length != 8L * count) {
      throw new IllegalArgumentException(bytes.length + " bytes of parameters for layer sizes "
          + Arrays.toString(n) + ", which need " + count + " doubles (" + 8L * count
          + " bytes)");
    }
    double[] flat = new double[count];
    ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer().get(flat);
    return flat;
  }

  /**
   * Whether another layout has the same layer sizes.
   *
   * @param o another object
   * @return true for a layout of the same sizes
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterLayout && Arrays.equals(n, ((ParameterLayout) o).n);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(n);
  }

  /**
   * The layer sizes and count.
   *
   * @return e.g. {@code "layout [2, 16, 3]: 99 parameters"}
   */
  @Override
  public String toString() {
    return "layout " + Arrays.toString(n) + ": " + count + " parameters";
  }

  /**
   * Checks that a flat array has one entry per parameter.
   *
   * @param flat the array
   * @param what what it holds, for the message
   * @throws IllegalArgumentException naming both lengths and the layer sizes
   */
  void checkFlat(double[] flat, String what) {
    Objects.requireNonNull(flat, what);
    if (flat.length != count) {
      throw new IllegalArgumentException("flat " + what + " of " + flat.length + " entries for "
          + "a network of " + count + " parameters (layer sizes " + Arrays.toString(n) + ")");
    }
  }
}

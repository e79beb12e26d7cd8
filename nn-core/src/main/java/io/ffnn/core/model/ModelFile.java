package io.ffnn.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.ParameterLayout;
import io.ffnn.core.data.Scaler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads models in ffnn's model file format, version {@value #FORMAT}: a zip archive of
 *
 * <ul>
 *   <li>{@code model.json} — {@code format}, the {@code ffnn} version that wrote it, the layer
 *       {@code sizes} {@code n[0] … n[L]}, the {@code activations} of layers 1…L and the {@code
 *       cost} as plugin specs with their parameters (e.g. {@code leaky_relu(alpha=0.2)}), the
 *       {@code dropout} rates, the {@code seed}, the {@code scaler} ({@code kind}, {@code shift},
 *       {@code scale}) or null, and {@code weights}: the entry name, {@code "big-endian"} and the
 *       number of doubles;
 *   <li>{@code weights.bin} — stored uncompressed: {@code W[1]} row by row, {@code b[1]}, {@code
 *       W[2]}, {@code b[2]}, …, as big-endian IEEE-754 doubles;
 *   <li>{@code checksums.json} — the SHA-256 of every other entry.
 * </ul>
 *
 * <p>Saving is atomic: the archive is written to a temporary file in the target's directory,
 * flushed to the device, then moved over the target, so an interrupted save leaves the previous
 * file as it was. Loading validates everything before building anything: the archive, each
 * entry's size (JSON at most {@value #MAX_JSON_BYTES} bytes, weights no more than the file holds),
 * the checksums, the format version, the shapes against the declared sizes, and the plugin specs
 * (a missing plugin is named with what is installed). Nothing in a file is executed or used as a
 * class name, and no Java serialization is involved.
 */
public final class ModelFile {

  /** The format version this ffnn writes and the newest it reads. */
  public static final int FORMAT = 1;

  /** The largest JSON entry read. */
  public static final int MAX_JSON_BYTES = 4 << 20;

  static final String MODEL = "model.json";
  static final String WEIGHTS = "weights.bin";
  static final String CHECKSUMS = "checksums.json";

  static final ObjectMapper JSON = new ObjectMapper();

  private ModelFile() {}

  /**
   * The ffnn version recorded in saved files.
   *
   * @return e.g. {@code "0.1.0-SNAPSHOT"}
   */
  public static String ffnnVersion() {
    Properties p = new Properties();
    try (InputStream in = ModelFile.class.getResourceAsStream("ffnn.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  /**
   * Saves a model, atomically.
   *
   * @param model the model
   * @param file the target; replaced if it exists
   * @throws IOException if writing fails; the target is then unchanged
   */
  public static void save(Model model, Path file) throws IOException {
    write(file, entries(model), UnaryOperator.identity());
  }

  /**
   * Loads a model with the plugins of the default registry.
   *
   * @param file the model file
   * @return the model
   * @throws ModelFormatException if the file is not a valid model file or needs a plugin that is
   *     not installed
   * @throws IOException if it cannot be read
   */
  public static Model load(Path file) throws IOException {
    return load(file, PluginRegistry.getDefault());
  }

  /**
   * Loads a model with the plugins of a registry.
   *
   * @param file the model file
   * @param registry where to find the plugins the file names
   * @return the model
   * @throws ModelFormatException if the file is not a valid model file or needs a plugin that is
   *     not installed
   * @throws IOException if it cannot be read
   */
  public static Model load(Path file, PluginRegistry registry) throws IOException {
    return model(file, read(file), registry);
  }

  // ---------------------------------------------------------------- writing

  /**
   * The entries of a model's archive, without the checksums: for formats that extend model files,
   * such as training checkpoints.
   *
   * @param model the model
   * @return entry name → bytes
   * @throws IOException if the description cannot be written
   */
  public static Map<String, byte[]> entries(Model model) throws IOException {
    Network net = model.network();
    NetworkSpec spec = net.spec();
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("ffnn", ffnnVersion());
    ArrayNode sizes = root.putArray("sizes");
    for (int l = 0; l <= net.depth(); l++) {
      sizes.add(net.size(l));
    }
    ArrayNode activations = root.putArray("activations");
    ArrayNode dropout = root.putArray("dropout");
    for (int l = 1; l <= net.depth(); l++) {
      activations.add(net.activation(l).spec());
      dropout.add(spec.dropout(l));
    }
    root.put("cost", net.cost().spec());
    root.put("seed", spec.seed());
    Scaler scaler = model.scaler();
    if (scaler == null) {
      root.putNull("scaler");
    } else {
      ObjectNode s = root.putObject("scaler");
      s.put("kind", scaler.kind().name().toLowerCase(Locale.ROOT));
      ArrayNode shift = s.putArray("shift");
      ArrayNode scale = s.putArray("scale");
      for (double v : scaler.shift()) {
        shift.add(v);
      }
      for (double v : scaler.scale()) {
        scale.add(v);
      }
    }
    long doubles = net.layout().count();
    ObjectNode w = root.putObject("weights");
    w.put("entry", WEIGHTS);
    w.put("byteOrder", "big-endian");
    w.put("doubles", doubles);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(MODEL, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    entries.put(WEIGHTS, weightBytes(net));
    return entries;
  }

  /**
   * A network's weights and biases in the layout of {@code weights.bin}.
   *
   * @param net the network
   * @return big-endian doubles: W[1] row by row, b[1], W[2], …
   */
  public static byte[] weightBytes(Network net) {
    return net.layout().encode(net::parameter);
  }

  /**
   * Writes entries and their checksums atomically: to a temporary file in the target's directory,
   * forced to the device, then moved over the target.
   *
   * @param file the target
   * @param entries entry name → bytes; {@code .json} entries are compressed, others stored
   * @throws IOException if writing fails; the target is then unchanged
   */
  public static void writeArchive(Path file, Map<String, byte[]> entries) throws IOException {
    write(file, entries, UnaryOperator.identity());
  }

  /**
   * As {@link #writeArchive}, with the file's output stream wrapped (tests use it to fail a save
   * midway).
   */
  static void write(Path file, Map<String, byte[]> entries, UnaryOperator<OutputStream> wrap)
      throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      ObjectNode sums = JSON.createObjectNode();
      ObjectNode sha = sums.putObject("sha256");
      entries.forEach((name, bytes) -> sha.put(name, sha256(bytes)));
      try (OutputStream raw = wrap.apply(Files.newOutputStream(tmp));
           ZipOutputStream zip = new ZipOutputStream(raw)) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          putEntry(zip, e.getKey(), e.getValue(), !e.getKey().endsWith(".json"));
        }
        putEntry(zip, CHECKSUMS, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(sums),
            false);
      }
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void putEntry(ZipOutputStream zip, String name, byte[] bytes, boolean stored)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    if (stored) {
      // binary entries are stored, so that their size is bounded by the file's when read back
      CRC32 crc = new CRC32();
      crc.update(bytes);
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(bytes.length);
      entry.setCompressedSize(bytes.length);
      entry.setCrc(crc.getValue());
    }
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads every entry of an archive with bounded sizes and verifies the checksums.
   *
   * @param file the archive
   * @return entry name → bytes, checksums verified, without {@code checksums.json}
   * @throws ModelFormatException if the archive, a size or a checksum is wrong
   * @throws IOException if the file cannot be read
   */
  public static Map<String, byte[]> readArchive(Path file) throws IOException {
    return read(file);
  }

  static Map<String, byte[]> read(Path file) throws IOException {
    long fileSize = Files.size(file);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        String name = e.getName();
        if (entries.containsKey(name)) {
          throw new ModelFormatException(file, "entry " + name + " appears twice");
        }
        long cap = name.endsWith(".json") ? MAX_JSON_BYTES : fileSize;
        if (e.getSize() > cap) {
          throw new ModelFormatException(file, "entry " + name + " declares " + e.getSize()
              + " bytes, more than " + cap + " allowed");
        }
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(name, readBounded(file, name, in, cap));
        }
      }
    } catch (ModelFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // java.util.zip reports malformed archives with ZipException, and malformed entry names
      // with IllegalArgumentException
      throw new ModelFormatException(file, "not a readable model archive: " + e.getMessage(), e);
    }
    byte[] sums = entries.remove(CHECKSUMS);
    if (sums == null) {
      throw new ModelFormatException(file, "missing entry " + CHECKSUMS);
    }
    JsonNode sha = json(file, CHECKSUMS, sums).path("sha256");
    if (!sha.isObject()) {
      throw new ModelFormatException(file, CHECKSUMS + " has no 'sha256' object");
    }
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      JsonNode expected = sha.get(e.getKey());
      if (expected == null || !expected.isTextual()) {
        throw new ModelFormatException(file, "entry " + e.getKey() + " has no checksum");
      }
      if (!expected.asText().equals(sha256(e.getValue()))) {
        throw new ModelFormatException(file, "entry " + e.getKey()
            + " does not match its SHA-256 checksum: the file is corrupt");
      }
    }
    Iterator<String> listed = sha.fieldNames();
    while (listed.hasNext()) {
      String name = listed.next();
      if (!entries.containsKey(name)) {
        throw new ModelFormatException(file, "missing entry " + name);
      }
    }
    return entries;
  }

  private static byte[] readBounded(Path file, String name, InputStream in, long cap)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int r; (r = in.read(buffer)) > 0; ) {
      total += r;
      if (total > cap) {
        throw new ModelFormatException(file, "entry " + name + " holds more than " + cap
            + " bytes");
      }
      out.write(buffer, 0, r);
    }
    return out.toByteArray();
  }

  /**
   * Parses a JSON entry that must hold an object.
   *
   * @param file the file, for messages
   * @param name the entry, for messages
   * @param bytes its bytes
   * @return the object
   * @throws ModelFormatException if it is not a JSON object
   */
  public static JsonNode json(Path file, String name, byte[] bytes) throws ModelFormatException {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new ModelFormatException(file, name + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(file, name + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelFormatException(file, name + " cannot be parsed: " + e.getMessage(), e);
    }
  }

  /**
   * Builds the model described by validated entries.
   *
   * @param file the file, for messages
   * @param entries the entries from {@link #readArchive}
   * @param registry where to find the plugins
   * @return the model
   * @throws ModelFormatException if the description is invalid or a plugin is missing
   */
  public static Model model(Path file, Map<String, byte[]> entries, PluginRegistry registry)
      throws ModelFormatException {
    byte[] description = entries.get(MODEL);
    if (description == null) {
      throw new ModelFormatException(file, "missing entry " + MODEL);
    }
    JsonNode root = json(file, MODEL, description);
    int format = integer(file, root, "format", 1, Integer.MAX_VALUE);
    if (format > FORMAT) {
      throw new ModelFormatException(file, "model file format " + format + " is newer than this "
          + "ffnn (" + ffnnVersion() + ") reads (up to " + FORMAT + "); it was written by ffnn "
          + root.path("ffnn").asText("?") + ". Upgrade ffnn to load it");
    }
    JsonNode sizesNode = array(file, root, "sizes");
    if (sizesNode.size() < 2 || sizesNode.size() > 10_000) {
      throw new ModelFormatException(file, "'sizes' must list n[0] … n[L] (2 to 10000 layers), got "
          + sizesNode.size());
    }
    int[] sizes = new int[sizesNode.size()];
    for (int l = 0; l < sizes.length; l++) {
      JsonNode v = sizesNode.get(l);
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
        throw new ModelFormatException(file, "'sizes'[" + l + "] must be a positive integer, got "
            + v);
      }
      sizes[l] = v.asInt();
    }
    int L = sizes.length - 1;
    JsonNode activations = array(file, root, "activations");
    JsonNode dropout = array(file, root, "dropout");
    if (activations.size() != L || dropout.size() != L) {
      throw new ModelFormatException(file, "'activations' and 'dropout' need " + L
          + " entries (one per layer after the input), got " + activations.size() + " and "
          + dropout.size());
    }
    long doubles = ParameterLayout.countOf(sizes);
    if (doubles > Integer.MAX_VALUE - 8) {
      throw new ModelFormatException(file, "layer sizes " + java.util.Arrays.toString(sizes)
          + " need " + doubles + " parameters, more than one network holds");
    }
    JsonNode w = root.path("weights");
    if (!w.isObject() || !w.path("doubles").isIntegralNumber()
        || w.path("doubles").asLong() != doubles
        || !"big-endian".equals(w.path("byteOrder").asText())) {
      throw new ModelFormatException(file, "'weights' must declare " + doubles
          + " big-endian doubles for layer sizes " + java.util.Arrays.toString(sizes) + ", got "
          + w);
    }
    String weightsEntry = w.path("entry").asText(WEIGHTS);
    byte[] weights = entries.get(weightsEntry);
    if (weights == null) {
      throw new ModelFormatException(file, "missing entry " + weightsEntry);
    }
    if (weights.length != doubles * 8) {
      throw new ModelFormatException(file, "entry " + weightsEntry + " holds " + weights.length
          + " bytes but the layer sizes need " + doubles + " doubles (" + doubles * 8
          + " bytes)");
    }
    NetworkSpec.Builder builder = NetworkSpec.builder(sizes[0]);
    try {
      for (int l = 1; l <= L; l++) {
        builder.layer(sizes[l], text(file, activations.get(l - 1), "activations[" + (l - 1)
            + "]"));
        double p = dropout.get(l - 1).asDouble(-1);
        if (!dropout.get(l - 1).isNumber() || !(p >= 0 && p < 1) || l == L && p > 0) {
          throw new ModelFormatException(file, "'dropout'[" + (l - 1) + "] must be in [0, 1) "
              + "(0 for the output layer), got " + dropout.get(l - 1));
        }
        builder.dropout(p);
      }
      builder.cost(text(file, root.path("cost"), "cost"));
      builder.seed(root.path("seed").asLong(1));
    } catch (PluginException e) {
      throw new ModelFormatException(file, "a plugin spec is malformed: " + e.getMessage(), e);
    }
    Network net;
    try {
      net = Network.build(builder.build(), registry);
    } catch (PluginException e) {
      throw new ModelFormatException(file, "the model needs a plugin that is not installed: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ModelFormatException(file, "the network it describes cannot be built: "
          + e.getMessage(), e);
    }
    net.setParameters(net.layout().decode(weights));
    return new Model(net, scaler(file, root.get("scaler"), sizes[0]));
  }

  private static Scaler scaler(Path file, JsonNode node, int features)
      throws ModelFormatException {
    if (node == null || node.isNull()) {
      return null;
    }
    Scaler.Kind kind;
    try {
      kind = Scaler.Kind.valueOf(node.path("kind").asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, "'scaler.kind' must be standard or min_max, got "
          + node.path("kind"));
    }
    double[] shift = doubles(file, node.path("shift"), "scaler.shift", features);
    double[] scale = doubles(file, node.path("scale"), "scaler.scale", features);
    try {
      return new Scaler(kind, shift, scale);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, "invalid scaler: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an array of numbers of a given length.
   *
   * @param file the file, for messages
   * @param node the array
   * @param name its name, for messages
   * @param expected the length it must have
   * @return the numbers
   * @throws ModelFormatException if it is not such an array
   */
  public static double[] doubles(Path file, JsonNode node, String name, int expected)
      throws ModelFormatException {
    if (!node.isArray() || node.size() != expected) {
      throw new ModelFormatException(file, "'" + name + "' must be an array of " + expected
          + " numbers");
    }
    double[] out = new double[expected];
    for (int k = 0; k < expected; k++) {
      if (!node.get(k).isNumber()) {
        throw new ModelFormatException(file, "'" + name + "'[" + k + "] is not a number");
      }
      out[k] = node.get(k).asDouble();
    }
    return out;
  }

  /**
   * Reads an integer field in a range.
   *
   * @param file the file, for messages
   * @param root the object
   * @param field the field
   * @param min the smallest allowed
   * @param max the largest allowed
   * @return the value
   * @throws ModelFormatException if it is missing, not an integer or out of range
   */
  public static int integer(Path file, JsonNode root, String field, int min, int max)
      throws ModelFormatException {
    JsonNode v = root.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min
        || v.asInt() > max) {
      throw new ModelFormatException(file, "'" + field + "' must be an integer in " + min + ".."
          + max + ", got " + v);
    }
    return v.asInt();
  }

  private static JsonNode array(Path file, JsonNode root, String field)
      throws ModelFormatException {
    JsonNode v = root.get(field);
    if (v == null || !v.isArray()) {
      throw new ModelFormatException(file, "'" + field + "' must be an array");
    }
    return v;
  }

  private static String text(Path file, JsonNode v, String field) throws ModelFormatException {
    if (v == null || !v.isTextual()) {
      throw new ModelFormatException(file, "'" + field + "' must be a plugin spec string");
    }
    return v.asText();
  }
}

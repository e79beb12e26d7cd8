package io.ffnn.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.api.PluginException;
import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Network;
import io.ffnn.core.Precision;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.ParameterLayout;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.internal.files.Json;
import io.ffnn.core.internal.files.ModelArchive;
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
 * Saves and loads models in ffnn's model file format, version {@value #FORMAT}, made of three
 * separately tested pieces:
 *
 * <ul>
 *   <li>the container: a zip archive with {@code checksums.json}, the
 *       SHA-256 of every other entry, written atomically and read with bounded sizes;
 *   <li>{@code model.json}, read and written by the package-private {@code ModelJson}: the layer
 *       sizes, plugin specs, dropout, seed, scaler, the declaration of the weights, and, new in
 *       format 2, the target scaler and the data's names ({@link DataNames}: features, targets,
 *       classes), and in format 4 the columns' encoding ({@link
 *       io.ffnn.core.data.ColumnEncoding});
 *   <li>{@code weights.bin}, the {@link io.ffnn.core.ParameterLayout}'s byte codec, stored
 *       uncompressed: {@code W[1]} row by row, {@code b[1]}, {@code W[2]}, {@code b[2]}, …, as
 *       big-endian IEEE-754 doubles.
 * </ul>
 *
 * <p>Saving is atomic: an interrupted save leaves the previous file as it was. Loading validates
 * everything before building anything: the archive, each entry's size, the checksums, the format
 * version, the shapes against the declared sizes, and the plugin specs (a missing plugin is named
 * with what is installed). Nothing in a file is executed or used as a class name, and no Java
 * serialization is involved. Files of format 1 (no names) load as before, with {@link
 * DataNames#NONE}.
 */
public final class ModelFile {

  /**
   * The newest format version this ffnn reads and writes: 4 for models with a column encoding
   * ({@link Model#encoding()}); without one, float32 models are written in format 3 and float64
   * models in format 2, as before, so that earlier versions read them.
   */
  public static final int FORMAT = 4;

  static final String MODEL = "model.json";
  static final String WEIGHTS = "weights.bin";

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
   * @throws IllegalArgumentException if a weight is not finite: every file saved loads again
   */
  public static void save(Model model, Path file) throws IOException {
    ModelArchive.write(file, entries(model));
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
    return model(file, ModelArchive.read(file, ModelJson.invalid(file)), registry);
  }

  /**
   * Loads a model to compute in a given precision: a float64 file loaded as float32 multiplies
   * with its weights rounded to float, a float32 file loaded as float64 computes in double with
   * its (float) weights exactly.
   *
   * @param file the model file
   * @param registry where to find the plugins the file names
   * @param precision the precision the loaded network computes in
   * @return the model
   * @throws ModelFormatException if the file is not a valid model file or needs a plugin that is
   *     not installed
   * @throws IOException if it cannot be read
   */
  public static Model load(Path file, PluginRegistry registry, Precision precision)
      throws IOException {
    return model(file, ModelArchive.read(file, ModelJson.invalid(file)), registry, precision);
  }

  /**
   * The entries of a model's archive, without the checksums: {@code model.json} and {@code
   * weights.bin}. Formats that extend model files, such as training
   * checkpoints, add their own to the same archive.
   *
   * @param model the model
   * @return entry name → bytes
   * @throws IOException if the description cannot be written
   * @throws IllegalArgumentException if a weight is not finite, or the description is larger than
   *     a model file is read with (the loader would refuse either)
   */
  public static Map<String, byte[]> entries(Model model) throws IOException {
    Network net = model.network();
    double[] flat = new double[net.parameterCount()];
    net.getParameters(flat);
    String bad = net.layout().firstNonFinite(flat);
    if (bad != null) {
      // what load refuses, save refuses: a model file always loads
      throw new IllegalArgumentException("cannot save a model with a non-finite weight, " + bad
          + "; a model file holds finite weights only");
    }
    byte[] description = ModelJson.write(model);
    if (description.length > ModelArchive.MAX_JSON_BYTES) {
      // what load refuses, save refuses; the names and vocabularies are what grows
      DataNames names = model.names();
      throw new IllegalArgumentException("the model's description (" + MODEL + ") would be "
          + description.length + " bytes, more than the " + ModelArchive.MAX_JSON_BYTES
          + " bytes a model file is read with; it names " + names.features().size()
          + " features, " + names.targets().size() + " targets and " + names.classes().size()
          + " classes" + (model.encoding() != null ? ", and its column encoding's vocabularies"
              : "") + ": shorter or fewer names would fit");
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(MODEL, description);
    // weights.bin: the flat copy checked above (W[1] row by row, b[1], W[2], …) as big-endian
    // doubles, or for a float32 network as big-endian floats, the values it multiplies with;
    // encoded from that copy rather than a second one, which a large network's save had no
    // room for
    entries.put(WEIGHTS, net.layout().encode(flat, net.precision()));
    return entries;
  }

  /**
   * Builds the model that an archive's verified entries describe.
   *
   * @param file the file, for messages
   * @param entries the verified entries of a model file or checkpoint
   * @param registry where to find the plugins
   * @return the model
   * @throws ModelFormatException if the description is invalid or a plugin is missing
   */
  public static Model model(Path file, Map<String, byte[]> entries, PluginRegistry registry)
      throws ModelFormatException {
    return model(file, entries, registry, null);
  }

  private static Model model(Path file, Map<String, byte[]> entries, PluginRegistry registry,
      Precision precision) throws ModelFormatException {
    byte[] json = entries.get(MODEL);
    if (json == null) {
      throw new ModelFormatException(file, "missing entry " + MODEL);
    }
    ModelJson.Description d = ModelJson.read(file, json);
    byte[] weights = entries.get(d.weightsEntry());
    if (weights == null) {
      throw new ModelFormatException(file, "missing entry " + d.weightsEntry());
    }
    long count = d.parameters();
    boolean floats = d.precision() == Precision.FLOAT32;
    int bytes = floats ? 4 : 8;
    if (weights.length != count * bytes) {
      throw new ModelFormatException(file, "entry " + d.weightsEntry() + " holds "
          + weights.length + " bytes but the layer sizes need " + count
          + (floats ? " floats (" : " doubles (") + count * bytes + " bytes)");
    }
    Network net;
    try {
      net = Network.build(precision == null ? d.spec() : d.spec().withPrecision(precision),
          registry);
    } catch (PluginException e) {
      throw new ModelFormatException(file, "the model needs a plugin that is not installed: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ModelFormatException(file, "the network it describes cannot be built: "
          + e.getMessage(), e);
    }
    double[] flat = net.layout().decode(weights, d.precision());
    String bad = net.layout().firstNonFinite(flat);
    if (bad != null) {
      throw new ModelFormatException(file, "entry " + d.weightsEntry() + " holds a non-finite "
          + "weight, " + bad + "; a model with non-finite weights cannot predict");
    }
    net.setParameters(flat);
    try {
      return new Model(net, d.scaler(), d.targetScaler(), d.names(), d.encoding());
    } catch (IllegalArgumentException e) {
      // the scalers' sizes were checked with the description: what is left is the names
      throw new ModelFormatException(file, "'data' does not fit the network: " + e.getMessage(),
          e);
    }
  }
}

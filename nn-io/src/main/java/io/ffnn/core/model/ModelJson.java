package io.ffnn.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.api.PluginException;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.ParameterLayout;
import io.ffnn.core.Precision;
import io.ffnn.core.data.ColumnEncoding;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.internal.files.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON description of a model file, {@code model.json}: {@code format}, the {@code ffnn}
 * version that wrote it, the layer {@code sizes} {@code n[0] … n[L]}, the {@code activations} of
 * layers 1…L and the {@code cost} as plugin specs with their parameters (e.g. {@code
 * leaky_relu(alpha=0.2)}), the {@code dropout} rates, the {@code seed}, the {@code scaler} ({@code
 * kind}, {@code shift}, {@code scale}) or null, {@code weights}: the entry name, {@code
 * "big-endian"} and the number of doubles, and from format 2 the {@code targetScaler} (as the
 * scaler, one entry per output; null when the network learned its targets as they are) and {@code
 * data}: the {@code features}, {@code targets} and {@code classes} names as lists of strings, each
 * possibly empty. Format 3, written for float32 networks only, adds {@code "precision":
 * "float32"} and declares its weights as {@code floats} rather than {@code doubles}. Format 4,
 * written for models with a {@link ColumnEncoding} alone, adds {@code columns}: the {@code
 * missing} spellings and, per raw column, its {@code name}, {@code kind} ({@code numeric} or
 * {@code categorical}), {@code fill} (the median, or the most frequent category), {@code
 * indicator}, and a categorical column's {@code categories}. Reading
 * validates every field, naming it, and builds nothing: what it returns is a network spec to
 * build with a registry. Format 1 files, which have no {@code data}, read as {@link
 * DataNames#NONE}.
 */
final class ModelJson {

  private ModelJson() {}

  /**
   * What {@code model.json} says, validated.
   *
   * @param spec the network's spec, its plugins not yet looked up
   * @param scaler the input scaler, or null
   * @param targetScaler the target scaler, or null (always null in format 1)
   * @param weightsEntry the entry that holds the weights
   * @param parameters the number of doubles that entry must hold
   * @param names the data's names, {@link DataNames#NONE} in format 1
   * @param encoding the column encoding, or null (always null before format 4)
   */
  record Description(NetworkSpec spec, Scaler scaler, Scaler targetScaler, String weightsEntry,
      int parameters, DataNames names, ColumnEncoding encoding) {

    /** The precision of the network and of the weights entry's numbers. */
    Precision precision() {
      return spec.precision();
    }
  }

  /** The fields later formats added, and the format that added each. */
  private static final Map<String, Integer> SINCE = Map.of("targetScaler", 2, "data", 2,
      "precision", 3, "columns", 4);

  /** The format float64 models are written in, which ffnn versions before float32 read. */
  static final int FLOAT64_FORMAT = 2;

  /** The format of float32 models, which ffnn versions before column encodings read. */
  static final int FLOAT32_FORMAT = 3;

  /** {@code model.json} for a model. */
  static byte[] write(Model model) throws IOException {
    Network net = model.network();
    NetworkSpec spec = net.spec();
    boolean float32 = spec.precision() == Precision.FLOAT32;
    ObjectNode root = Json.MAPPER.createObjectNode();
    // float64 models keep format 2, so that earlier versions still read them; a float32 one
    // is format 3, and a model with a column encoding format 4, which versions before them
    // refuse by its number rather than misreading the weights or ignoring the encoding
    root.put("format", model.encoding() != null ? ModelFile.FORMAT
        : float32 ? FLOAT32_FORMAT : FLOAT64_FORMAT);
    root.put("ffnn", ModelFile.ffnnVersion());
    if (float32) {
      root.put("precision", Precision.FLOAT32.id());
    }
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
    putScaler(root, "scaler", model.scaler());
    long doubles = net.layout().count();
    ObjectNode w = root.putObject("weights");
    w.put("entry", ModelFile.WEIGHTS);
    w.put("byteOrder", "big-endian");
    w.put(float32 ? "floats" : "doubles", doubles);
    putScaler(root, "targetScaler", model.targetScaler());
    ObjectNode data = root.putObject("data");
    DataNames names = model.names();
    strings(data.putArray("features"), names.features());
    strings(data.putArray("targets"), names.targets());
    strings(data.putArray("classes"), names.classes());
    if (model.encoding() != null) {
      putEncoding(root.putObject("columns"), model.encoding());
    }
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  private static void putScaler(ObjectNode root, String field, Scaler scaler) {
    if (scaler == null) {
      root.putNull(field);
      return;
    }
    ObjectNode s = root.putObject(field);
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

  private static void putEncoding(ObjectNode node, ColumnEncoding encoding) {
    strings(node.putArray("missing"), encoding.missingValues());
    ArrayNode columns = node.putArray("columns");
    for (ColumnEncoding.Column column : encoding.columns()) {
      ObjectNode c = columns.addObject();
      c.put("name", column.name());
      if (column instanceof ColumnEncoding.Categorical cat) {
        c.put("kind", "categorical");
        strings(c.putArray("categories"), cat.categories());
        c.put("fill", cat.fill());
      } else {
        c.put("kind", "numeric");
        c.put("fill", ((ColumnEncoding.Numeric) column).fill());
      }
      c.put("indicator", column.indicator());
    }
  }

  /** {@code columns}: the encoding, each field checked; its width against {@code n[0]}. */
  private static ColumnEncoding encoding(Path file, JsonNode node, int inputs)
      throws ModelFormatException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new ModelFormatException(file, "'columns' must be an object or null");
    }
    java.util.List<String> missing = names(file, node, "missing", "columns");
    JsonNode list = node.get("columns");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new ModelFormatException(file, "'columns.columns' must be a non-empty array");
    }
    java.util.List<ColumnEncoding.Column> columns = new java.util.ArrayList<>(list.size());
    for (int c = 0; c < list.size(); c++) {
      JsonNode v = list.get(c);
      String where = "'columns.columns'[" + c + "]";
      if (!v.isObject() || !v.path("name").isTextual() || !v.path("indicator").isBoolean()) {
        throw new ModelFormatException(file, where + " must have a string 'name' and a boolean "
            + "'indicator', got " + abbreviate(v.toString()));
      }
      String kind = v.path("kind").asText();
      try {
        if ("numeric".equals(kind) && v.path("fill").isNumber()) {
          columns.add(new ColumnEncoding.Numeric(v.get("name").asText(),
              v.get("fill").asDouble(), v.get("indicator").asBoolean()));
        } else if ("categorical".equals(kind) && v.path("fill").isTextual()) {
          columns.add(new ColumnEncoding.Categorical(v.get("name").asText(),
              names(file, v, "categories", where), v.get("fill").asText(),
              v.get("indicator").asBoolean()));
        } else {
          throw new ModelFormatException(file, where + " must be of kind numeric (with a number "
              + "'fill') or categorical (with a string 'fill'), got " + abbreviate(v.toString()));
        }
      } catch (IllegalArgumentException e) {
        throw new ModelFormatException(file, where + ": " + e.getMessage(), e);
      }
    }
    ColumnEncoding encoding;
    try {
      encoding = new ColumnEncoding(columns, missing);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, "'columns': " + e.getMessage(), e);
    }
    if (encoding.width() != inputs) {
      throw new ModelFormatException(file, "'columns' encode " + encoding.width() + " inputs ("
          + encoding + ") but 'sizes'[0] is " + inputs);
    }
    return encoding;
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  /** Reads and validates {@code model.json}. */
  static Description read(Path file, byte[] json) throws ModelFormatException {
    JsonNode root = Json.object(invalid(file), ModelFile.MODEL, json);
    int format = Json.integer(invalid(file), root, "format", 1, Integer.MAX_VALUE);
    if (format > ModelFile.FORMAT) {
      throw new ModelFormatException(file, "model file format " + format + " is newer than this "
          + "ffnn (" + ModelFile.ffnnVersion() + ") reads (up to " + ModelFile.FORMAT + "); it was "
          + "written by ffnn "
          + root.path("ffnn").asText("?") + ". Upgrade ffnn to load it");
    }
    JsonNode sizesNode = array(file, root, "sizes");
    if (sizesNode.size() < 2 || sizesNode.size() > NetworkSpec.MAX_LAYERS + 1) {
      throw new ModelFormatException(file, "'sizes' must list n[0] … n[L] (2 to "
          + (NetworkSpec.MAX_LAYERS + 1) + " entries), "
          + "got " + sizesNode.size());
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
    // a field a later format introduced has no meaning in an earlier one: refused, not honoured
    for (Map.Entry<String, Integer> since : SINCE.entrySet()) {
      if (root.hasNonNull(since.getKey()) && format < since.getValue()) {
        throw new ModelFormatException(file, "'" + since.getKey() + "' belongs to model file "
            + "format " + since.getValue() + " and later, but the file declares format " + format);
      }
    }
    Precision precision = Precision.FLOAT64;
    JsonNode declared = root.get("precision");
    if (declared != null) {
      if (!declared.isTextual() || !declared.asText().equals(Precision.FLOAT32.id())
          && !declared.asText().equals(Precision.FLOAT64.id())) {
        throw new ModelFormatException(file, "'precision' must be \"float64\" or \"float32\", "
            + "got " + declared);
      }
      precision = Precision.parse(declared.asText());
    }
    String numbers = precision == Precision.FLOAT32 ? "floats" : "doubles";
    JsonNode w = root.path("weights");
    if (!w.isObject() || !w.path(numbers).isIntegralNumber()
        || w.path(numbers).asLong() != doubles
        || !"big-endian".equals(w.path("byteOrder").asText())) {
      throw new ModelFormatException(file, "'weights' must declare " + doubles
          + " big-endian " + numbers + " for layer sizes " + java.util.Arrays.toString(sizes)
          + (precision == Precision.FLOAT32 ? " of a float32 model" : "") + ", got " + w);
    }
    String weightsEntry = w.path("entry").asText(ModelFile.WEIGHTS);
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
      builder.precision(precision);
    } catch (PluginException e) {
      throw new ModelFormatException(file, "a plugin spec is malformed: " + e.getMessage(), e);
    }
    DataNames names = format < 2 ? DataNames.NONE : names(file, root.get("data"));
    Scaler targetScaler = format < 2 ? null
        : scaler(file, root.get("targetScaler"), "targetScaler", sizes[L]);
    ColumnEncoding encoding = format < 4 ? null : encoding(file, root.get("columns"), sizes[0]);
    return new Description(builder.build(), scaler(file, root.get("scaler"), "scaler", sizes[0]),
        targetScaler, weightsEntry, (int) doubles, names, encoding);
  }

  private static void strings(ArrayNode array, java.util.List<String> values) {
    values.forEach(array::add);
  }

  /** {@code data}: three lists of names; whether they fit the network is the model's check. */
  private static DataNames names(Path file, JsonNode data) throws ModelFormatException {
    if (data == null || !data.isObject()) {
      throw new ModelFormatException(file, "'data' must be an object with the features', "
          + "targets' and classes' names");
    }
    try {
      return new DataNames(names(file, data, "features", "data"),
          names(file, data, "targets", "data"), names(file, data, "classes", "data"));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, "'data': " + e.getMessage(), e);
    }
  }

  private static java.util.List<String> names(Path file, JsonNode data, String field,
      String parent) throws ModelFormatException {
    JsonNode v = data.get(field);
    String where = parent.startsWith("'") ? parent + "." + field : "'" + parent + "." + field + "'";
    if (v == null || !v.isArray()) {
      throw new ModelFormatException(file, where + " must be an array of names");
    }
    java.util.List<String> names = new java.util.ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new ModelFormatException(file, where + "[" + i + "] must be a string, "
            + "got " + v.get(i));
      }
      names.add(v.get(i).asText());
    }
    return names;
  }

  private static Scaler scaler(Path file, JsonNode node, String field, int features)
      throws ModelFormatException {
    if (node == null || node.isNull()) {
      return null;
    }
    Scaler.Kind kind;
    try {
      kind = Scaler.Kind.valueOf(node.path("kind").asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, "'" + field + ".kind' must be standard or min_max, "
          + "got " + node.path("kind"));
    }
    double[] shift = Json.doubles(invalid(file), node.path("shift"), field + ".shift", features);
    double[] scale = Json.doubles(invalid(file), node.path("scale"), field + ".scale", features);
    try {
      return new Scaler(kind, shift, scale);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, "invalid " + field + ": " + e.getMessage(), e);
    }
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

  /** Problems in a JSON entry of {@code file}, as its exception. */
  static Json.Invalid<ModelFormatException> invalid(Path file) {
    return (problem, cause) -> new ModelFormatException(file, problem, cause);
  }
}

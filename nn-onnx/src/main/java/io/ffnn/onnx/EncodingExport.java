package io.ffnn.onnx;

import io.ffnn.core.data.ColumnEncoding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A model's column encoding as ONNX operators, so that the exported graph takes the table's
 * columns as they are: one graph input per raw column, named as the column, {@code [N, 1]} — a
 * number (float or double, as the graph's weights; NaN where missing) for a numeric column, a
 * string for a categorical one. A numeric column becomes {@code Where(IsNaN(x), fill, x)}; a
 * categorical one an ONNX-ML {@code LabelEncoder} from its categories to their indices (the
 * missing spellings, and the empty string, to −2; any other text to −1), the missing code
 * replaced by the fill category's index, and one-hot {@code Equal} against {@code 0 … k−1}, cast
 * to the graph's type: an unseen category is all zeros, as in ffnn. Indicators are {@code
 * Cast(IsNaN(x))} or {@code Cast(Equal(index, −2))}. The pieces are concatenated in the
 * encoding's order into the network's input.
 */
final class EncodingExport {

  private EncodingExport() {}

  /** The code a categorical column's missing value gets before it is filled. */
  private static final long MISSING = -2;
  /** The code of a text that is neither a category nor missing: no input is hot. */
  private static final long UNSEEN = -1;

  /**
   * Adds the encoding's nodes to the graph.
   *
   * @param graph the graph
   * @param encoding the encoding
   * @param inputs receives the graph's inputs, one per column
   * @return the name of the encoded {@code [N, width]} tensor
   */
  static String add(Graph graph, ColumnEncoding encoding, List<Graph.Input> inputs) {
    List<String> parts = new ArrayList<>();
    io.ffnn.onnx.internal.proto.OnnxProto.AttributeProto toGraphType =
        Graph.intAttribute("to", graph.elemType);
    for (ColumnEncoding.Column column : encoding.columns()) {
      String x = column.name();
      if (column instanceof ColumnEncoding.Numeric numeric) {
        inputs.add(new Graph.Input(x, graph.elemType, 1));
        String nan = graph.apply(Op.IS_NAN, List.of(x));
        parts.add(graph.apply(Op.WHERE, List.of(nan, graph.scalar(numeric.fill()), x)));
        if (numeric.indicator()) {
          parts.add(graph.apply(Op.CAST, List.of(nan), toGraphType));
        }
        continue;
      }
      ColumnEncoding.Categorical categorical = (ColumnEncoding.Categorical) column;
      inputs.add(new Graph.Input(x, Graph.STRING, 1));
      List<String> categories = categorical.categories();
      Set<String> missing = new LinkedHashSet<>();
      missing.add("");
      missing.addAll(encoding.missingValues());
      missing.removeAll(categories);
      List<String> keys = new ArrayList<>(categories);
      keys.addAll(missing);
      long[] codes = new long[keys.size()];
      long[] range = new long[categories.size()];
      for (int k = 0; k < codes.length; k++) {
        codes[k] = k < categories.size() ? k : MISSING;
      }
      for (int k = 0; k < range.length; k++) {
        range[k] = k;
      }
      String index = graph.mlNode(Op.LABEL_ENCODER, graph.fresh("index"), List.of(x),
          Graph.stringsAttribute("keys_strings", keys),
          Graph.intsAttribute("values_int64s", codes),
          Graph.intAttribute("default_int64", UNSEEN));
      String absent = graph.apply(Op.EQUAL, List.of(index,
          graph.int64Initializer(graph.fresh("missing_code"), new long[] {MISSING})));
      String filled = graph.apply(Op.WHERE, List.of(absent, graph.int64Initializer(
          graph.fresh("fill"), new long[] {categories.indexOf(categorical.fill())}), index));
      String hot = graph.apply(Op.EQUAL, List.of(filled, graph.int64Initializer(
          graph.fresh("categories"), range, range.length)));
      parts.add(graph.apply(Op.CAST, List.of(hot), toGraphType));
      if (categorical.indicator()) {
        parts.add(graph.apply(Op.CAST, List.of(absent), toGraphType));
      }
    }
    return graph.node(Op.CONCAT, "encoded", parts, Graph.intAttribute("axis", 1));
  }
}

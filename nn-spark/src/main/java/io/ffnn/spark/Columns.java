package io.ffnn.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The checks and ML attributes of the columns ffnn's Spark ML stages read and write, shared by
 * the classifier and the regressor: each wrong column is named with the schema when the stage
 * sees the schema, before any task runs; and the examples those columns hold.
 */
final class Columns {

  private Columns() {}

  /**
   * Spark ML's explanation of a param with array values written out ({@code [16, 8]}), where
   * Spark's own prints the array's identity ({@code [I@1b2c3d}).
   */
  static String explain(Params owner, Param<?> param) {
    StringBuilder values = new StringBuilder();
    if (owner.hasDefault(param)) {
      values.append("default: ").append(text(owner.getDefault(param).get()));
    }
    if (owner.isSet(param)) {
      values.append(values.length() > 0 ? ", " : "").append("current: ")
          .append(text(owner.get(param).get()));
    }
    return param.name() + ": " + param.doc() + " (" + (values.length() > 0 ? values
        : "undefined") + ")";
  }

  private static String text(Object value) {
    if (value instanceof int[] a) {
      return Arrays.toString(a);
    }
    if (value instanceof double[] a) {
      return Arrays.toString(a);
    }
    if (value instanceof String[] a) {
      return Arrays.toString(a);
    }
    return String.valueOf(value);
  }

  private static boolean has(StructType schema, String column) {
    return Arrays.asList(schema.fieldNames()).contains(column);
  }

  /** Refuses a missing features column or one that does not hold vectors. */
  static void requireFeatures(StructType schema, String features) {
    if (!has(schema, features)) {
      throw new IllegalArgumentException("no features column '" + features + "' in "
          + schema.simpleString());
    }
    DataType type = schema.apply(features).dataType();
    if (!type.equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("the features column '" + features + "' holds "
          + type.simpleString() + " values; ffnn reads a vector column: assemble the features "
          + "first, e.g. with a VectorAssembler");
    }
  }

  /**
   * Refuses a missing or non-numeric label column.
   *
   * @param classes whether the label holds class indices (a classifier's), to say how to index
   *     string labels
   */
  static void requireLabel(StructType schema, String label, boolean classes) {
    if (!has(schema, label)) {
      throw new IllegalArgumentException("no label column '" + label + "' in "
          + schema.simpleString());
    }
    DataType type = schema.apply(label).dataType();
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException("the label column '" + label + "' holds "
          + type.simpleString() + " values; " + (classes ? "ffnn's classifier takes class "
          + "indices 0 … k-1: index the labels first, with a StringIndexer (whose class names "
          + "the model keeps)" : "ffnn's regressor takes numbers"));
    }
  }

  /** Refuses a missing or non-numeric weight column; nothing to check for null or "". */
  static void requireWeight(StructType schema, String weight) {
    if (weight == null || weight.isEmpty()) {
      return;
    }
    if (!has(schema, weight)) {
      throw new IllegalArgumentException("no weight column '" + weight + "' in "
          + schema.simpleString());
    }
    DataType type = schema.apply(weight).dataType();
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException("the weight column '" + weight + "' holds "
          + type.simpleString() + " values; example weights are numbers >= 0");
    }
  }

  /**
   * The number of entries the features column's ML attribute group declares ({@code
   * VectorAssembler} writes it), or -1 if it declares none.
   */
  static int declaredWidth(StructType schema, String features) {
    if (features == null || !has(schema, features)) {
      return -1;
    }
    return AttributeGroup.fromStructField(schema.apply(features)).size();
  }

  /**
   * Refuses a features column whose ML attribute declares another width than the network's
   * {@code n[0]}: said when the schema is seen, not after a task's retries.
   */
  static void requireWidth(StructType schema, String features, int inputs) {
    int declared = declaredWidth(schema, features);
    if (declared >= 0 && declared != inputs) {
      throw new IllegalArgumentException("the features column '" + features + "' holds "
          + "vectors of " + declared + " entries (its ML attribute says); the network takes "
          + inputs);
    }
  }

  /**
   * The class names the label column's ML attribute holds ({@code StringIndexer} writes them),
   * or an empty list.
   */
  static List<String> classNames(StructType schema, String label) {
    Attribute a = Attribute.fromStructField(schema.apply(label));
    if (a instanceof NominalAttribute nominal && nominal.values().isDefined()) {
      return List.of(nominal.values().get());
    }
    if (a instanceof BinaryAttribute binary && binary.values().isDefined()) {
      return List.of(binary.values().get());
    }
    return List.of();
  }

  /**
   * The number of classes the label column's ML attribute declares ({@code StringIndexer}
   * writes it, with or without their names), or 0.
   */
  static int classCount(StructType schema, String label) {
    Attribute a = Attribute.fromStructField(schema.apply(label));
    if (a instanceof NominalAttribute nominal && nominal.getNumValues().isDefined()) {
      return (Integer) nominal.getNumValues().get();
    }
    if (a instanceof BinaryAttribute) {
      return 2;
    }
    return 0;
  }

  /**
   * The schema with the prediction column's ML attribute naming the classes, when they are
   * known: a nominal attribute that {@code IndexToString} reads.
   */
  static StructType namingClasses(StructType schema, String prediction, List<String> classes) {
    if (classes.isEmpty() || prediction.isEmpty() || !has(schema, prediction)) {
      return schema;
    }
    StructField[] fields = schema.fields().clone();
    int at = schema.fieldIndex(prediction);
    StructField f = fields[at];
    fields[at] = new StructField(f.name(), f.dataType(), f.nullable(), NominalAttribute
        .defaultAttr().withName(prediction).withValues(classes.toArray(new String[0]))
        .toMetadata());
    return new StructType(fields);
  }

  /**
   * The examples of a data set's features, label and (if named) weight columns, as {@link
   * SparkTrainer#examples(org.apache.spark.sql.Dataset, String, String, String,
   * io.ffnn.core.Network)} says.
   *
   * @param targets the network's target rows: 1 takes the label as it is, more make a class
   *     index one-hot
   */
  static JavaRDD<Example> examples(Dataset<?> data, String featuresCol, String labelCol,
      String weightCol, int targets) {
    final boolean weighted = weightCol != null && !weightCol.isEmpty();
    requireWeight(data.schema(), weightCol);
    Dataset<Row> columns = weighted
        ? data.select(featuresCol, labelCol, weightCol) : data.select(featuresCol, labelCol);
    return columns.toJavaRDD().map(row -> {
      double[] x = ((Vector) row.get(0)).toArray();
      if (row.isNullAt(1)) {
        throw new IllegalArgumentException("a row of features " + Arrays.toString(x)
            + " has no label");
      }
      double label = ((Number) row.get(1)).doubleValue();
      double[] y = new double[targets];
      if (targets == 1) {
        y[0] = label;
      } else if (label >= 0 && label < targets && label == Math.rint(label)) {
        y[(int) label] = 1;
      } else {
        throw new IllegalArgumentException("label " + label + " is not a class index 0 … "
            + (targets - 1));
      }
      if (!weighted) {
        return new Example(x, y);
      }
      if (row.isNullAt(2)) {
        throw new IllegalArgumentException("a row of features " + Arrays.toString(x)
            + " has no weight");
      }
      return new Example(x, y, ((Number) row.get(2)).doubleValue());
    });
  }
}

package io.ffnn.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns an ffnn classifier and its model read and write, as Spark ML params: {@code
 * featuresCol} (a vector column, default {@code features}), {@code labelCol} (class indices
 * {@code 0 … k−1}, default {@code label}), {@code predictionCol} (default {@code prediction}) and
 * {@code probabilityCol} (default {@code probability}).
 */
final class ClassifierParams {

  final Param<String> featuresCol;
  final Param<String> labelCol;
  final Param<String> predictionCol;
  final Param<String> probabilityCol;

  ClassifierParams(Params owner) {
    featuresCol = new Param<>(owner, "featuresCol", "the features column, a vector");
    labelCol = new Param<>(owner, "labelCol", "the label column: class indices 0 … k-1");
    predictionCol = new Param<>(owner, "predictionCol", "the predicted class index column");
    probabilityCol = new Param<>(owner, "probabilityCol",
        "the column of class probabilities (the softmax output), a vector");
  }

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
      return java.util.Arrays.toString(a);
    }
    if (value instanceof double[] a) {
      return java.util.Arrays.toString(a);
    }
    if (value instanceof String[] a) {
      return java.util.Arrays.toString(a);
    }
    return String.valueOf(value);
  }

  /**
   * The number of entries the features column's ML attribute group declares ({@code
   * VectorAssembler} writes it), or -1 if it declares none.
   */
  static int declaredWidth(StructType schema, String features) {
    if (features == null || !java.util.Arrays.asList(schema.fieldNames()).contains(features)) {
      return -1;
    }
    return org.apache.spark.ml.attribute.AttributeGroup.fromStructField(schema.apply(features))
        .size();
  }

  /**
   * The class names the label column's ML attribute holds ({@code StringIndexer} writes them),
   * or an empty list.
   */
  static java.util.List<String> classNames(StructType schema, String label) {
    org.apache.spark.ml.attribute.Attribute a =
        org.apache.spark.ml.attribute.Attribute.fromStructField(schema.apply(label));
    if (a instanceof org.apache.spark.ml.attribute.NominalAttribute nominal
        && nominal.values().isDefined()) {
      return java.util.List.of(nominal.values().get());
    }
    if (a instanceof org.apache.spark.ml.attribute.BinaryAttribute binary
        && binary.values().isDefined()) {
      return java.util.List.of(binary.values().get());
    }
    return java.util.List.of();
  }

  /** The schema with the prediction and probability columns added. */
  static StructType withOutputs(StructType schema, String features, String prediction,
      String probability) {
    return withOutputs(schema, features, prediction, probability, java.util.List.of());
  }

  /**
   * The schema with the prediction and probability columns added; the prediction column
   * carries the class names, when known, as a nominal ML attribute.
   */
  static StructType withOutputs(StructType schema, String features, String prediction,
      String probability, java.util.List<String> classes) {
    if (features != null && !java.util.Arrays.asList(schema.fieldNames()).contains(features)) {
      throw new IllegalArgumentException("no features column '" + features + "' in "
          + schema.simpleString());
    }
    for (String out : new String[] {prediction, probability}) {
      if (java.util.Arrays.asList(schema.fieldNames()).contains(out)) {
        throw new IllegalArgumentException("the output column '" + out + "' already exists in "
            + schema.simpleString());
      }
    }
    org.apache.spark.sql.types.Metadata predictionMetadata = classes.isEmpty()
        ? org.apache.spark.sql.types.Metadata.empty()
        : org.apache.spark.ml.attribute.NominalAttribute.defaultAttr().withName(prediction)
            .withValues(classes.toArray(new String[0])).toMetadata();
    return schema
        .add(new StructField(prediction, DataTypes.DoubleType, false, predictionMetadata))
        .add(new StructField(probability, org.apache.spark.ml.linalg.SQLDataTypes.VectorType(),
            false, org.apache.spark.sql.types.Metadata.empty()));
  }
}

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

  /** The schema with the prediction and probability columns added. */
  static StructType withOutputs(StructType schema, String features, String prediction,
      String probability) {
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
    return schema
        .add(new StructField(prediction, DataTypes.DoubleType, false,
            org.apache.spark.sql.types.Metadata.empty()))
        .add(new StructField(probability, org.apache.spark.ml.linalg.SQLDataTypes.VectorType(),
            false, org.apache.spark.sql.types.Metadata.empty()));
  }
}

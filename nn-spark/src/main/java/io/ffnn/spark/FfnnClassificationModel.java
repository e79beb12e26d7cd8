package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

/**
 * A trained ffnn classifier as a Spark ML model: {@link #transform} adds the softmax output as a
 * probability vector column and its arg max as the prediction column. The network travels to the
 * executors as its description, like in training; {@link #save} writes ffnn's own model file.
 */
public final class FfnnClassificationModel extends Model<FfnnClassificationModel> {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final transient Network network;
  /** The network as a model file describes it; what the executors build it from. */
  private final Map<String, byte[]> description;
  /** Identifies this network's replicas on the executors. */
  private final String id = UUID.randomUUID().toString();
  private final ClassifierParams cols;

  /**
   * A model around a trained network.
   *
   * @param uid the uid
   * @param network the network; its output is a probability column (softmax)
   */
  public FfnnClassificationModel(String uid, Network network) {
    this.uid = uid;
    this.network = network;
    this.description = SparkTrainer.describe(network);
    cols = new ClassifierParams(this);
    setDefault(cols.featuresCol, "features");
    setDefault(cols.labelCol, "label");
    setDefault(cols.predictionCol, "prediction");
    setDefault(cols.probabilityCol, "probability");
  }

  /**
   * Loads a model saved with {@link #save} (or any ffnn model file of a classifier).
   *
   * @param file the model file
   * @return the model, with a new uid
   * @throws IOException if the file cannot be read or is not a valid model
   */
  public static FfnnClassificationModel load(Path file) throws IOException {
    return new FfnnClassificationModel(Identifiable$.MODULE$.randomUID("ffnnClassificationModel"),
        ModelFile.load(file).network());
  }

  /**
   * Saves the network in ffnn's model file format, on the driver's file system.
   *
   * @param file the file to write
   * @throws IOException if it cannot be written
   */
  public void save(Path file) throws IOException {
    ModelFile.save(new io.ffnn.core.model.Model(network, null), file);
  }

  /**
   * The trained network.
   *
   * @return the network, on the driver
   */
  public Network network() {
    return network;
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the features column param */
  public Param<String> featuresCol() {
    return cols.featuresCol;
  }

  /** @return the prediction column param */
  public Param<String> predictionCol() {
    return cols.predictionCol;
  }

  /** @return the probability column param */
  public Param<String> probabilityCol() {
    return cols.probabilityCol;
  }

  /**
   * @param value the features column
   * @return this model
   */
  public FfnnClassificationModel setFeaturesCol(String value) {
    set(cols.featuresCol, value);
    return this;
  }

  /**
   * @param value the prediction column
   * @return this model
   */
  public FfnnClassificationModel setPredictionCol(String value) {
    set(cols.predictionCol, value);
    return this;
  }

  /**
   * @param value the probability column
   * @return this model
   */
  public FfnnClassificationModel setProbabilityCol(String value) {
    set(cols.probabilityCol, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    UserDefinedFunction probabilities = functions.udf(new Probabilities(id, description),
        SQLDataTypes.VectorType());
    UserDefinedFunction argmax = functions.udf(
        (UDF1<Vector, Double>) p -> (double) p.argmax(), DataTypes.DoubleType);
    Dataset<Row> withProbabilities = dataset.withColumn($(cols.probabilityCol),
        probabilities.apply(functions.col($(cols.featuresCol))));
    return withProbabilities.withColumn($(cols.predictionCol),
        argmax.apply(functions.col($(cols.probabilityCol))));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return ClassifierParams.withOutputs(schema, $(cols.featuresCol), $(cols.predictionCol),
        $(cols.probabilityCol));
  }

  @Override
  public FfnnClassificationModel copy(ParamMap extra) {
    return copyValues(new FfnnClassificationModel(uid, network), extra).setParent(parent());
  }

  /** The network's output for one row's features, on an executor's replica. */
  private static final class Probabilities implements UDF1<Vector, Vector> {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final Map<String, byte[]> description;

    Probabilities(String id, Map<String, byte[]> description) {
      this.id = id;
      this.description = description;
    }

    @Override
    public Vector call(Vector features) {
      Replica r = Replica.of(id, description);
      int inputs = r.net.size(0);
      if (features.size() != inputs) {
        throw new IllegalArgumentException("a features vector of " + features.size()
            + " entries for a network of n[0] = " + inputs);
      }
      DMatrixRMaj x = new DMatrixRMaj(inputs, 1, true, features.toArray());
      return Vectors.dense(r.net.predict(x, r.ws).data.clone());
    }
  }
}

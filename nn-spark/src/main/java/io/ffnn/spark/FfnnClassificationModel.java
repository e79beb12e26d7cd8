package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained ffnn classifier as a Spark ML model: {@link #transform} adds the softmax output as a
 * probability vector column and its arg max as the prediction column. The model travels to the
 * executors as its description, like in training, with its input scaler and, for a model trained
 * on a table ({@link io.ffnn.core.model.Model#encoding()}: string columns, missing values), its
 * column encoding: such a model reads the raw columns it was trained on by name (numbers,
 * strings, nulls), not a features vector, and encodes them as {@code predict} does.
 *
 * <p>Spark ML persistence: {@code model.write().save(path)} (or inside a saved {@code
 * PipelineModel}) writes Spark's params metadata and, under {@code ffnn/model.ffnn}, ffnn's own
 * model file, to any path Hadoop's file systems reach (local, HDFS, S3); {@link #load(String)}
 * and {@code PipelineModel.load} read it back. {@link #save(Path)} and {@link #load(Path)} write
 * and read the bare model file on the driver's disk.
 */
public final class FfnnClassificationModel extends Model<FfnnClassificationModel>
    implements MLWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final transient io.ffnn.core.model.Model model;
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
    this(uid, new io.ffnn.core.model.Model(network, null));
  }

  /**
   * A model around a trained ffnn model, with its scaler and column encoding.
   *
   * @param uid the uid
   * @param model the model; its network's output is a probability column (softmax)
   */
  public FfnnClassificationModel(String uid, io.ffnn.core.model.Model model) {
    this.uid = uid;
    this.model = model;
    try {
      this.description = ModelFile.entries(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
        ModelFile.load(file));
  }

  /**
   * A reader of models saved by {@code write().save(path)}, for Spark ML's persistence (it is
   * what {@code PipelineModel.load} calls).
   *
   * @return the reader
   */
  public static MLReader<FfnnClassificationModel> read() {
    return new Reader();
  }

  /**
   * Loads a model saved by {@code write().save(path)}.
   *
   * @param path a directory on any Hadoop-supported file system
   * @return the model, with its saved uid and params
   */
  public static FfnnClassificationModel load(String path) {
    return read().load(path);
  }

  /**
   * A writer of this model for Spark ML's persistence: params metadata and ffnn's model file.
   *
   * @return the writer; {@code write().save(path)} saves
   */
  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Writes the params metadata and the model file. */
  private static final class Writer extends MLWriter {
    private final FfnnClassificationModel model;

    Writer(FfnnClassificationModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      SavedModels.save(model, model.model, path, sparkSession());
    }
  }

  /** Reads the params metadata and the model file, with all of ffnn's checks. */
  private static final class Reader extends MLReader<FfnnClassificationModel> {
    @Override
    public FfnnClassificationModel load(String path) {
      SavedModels.Loaded saved = SavedModels.load(path, sparkSession(),
          FfnnClassificationModel.class.getName());
      FfnnClassificationModel loaded = new FfnnClassificationModel(saved.metadata().uid(),
          saved.model());
      saved.metadata().getAndSetParams(loaded, saved.metadata().getAndSetParams$default$2());
      return loaded;
    }
  }

  /**
   * Saves the network in ffnn's model file format, on the driver's file system.
   *
   * @param file the file to write
   * @throws IOException if it cannot be written
   */
  public void save(Path file) throws IOException {
    ModelFile.save(model, file);
  }

  /**
   * The trained network.
   *
   * @return the network, on the driver
   */
  public Network network() {
    return model.network();
  }

  /**
   * The trained model: the network with its scaler, names and column encoding.
   *
   * @return the model, on the driver
   */
  public io.ffnn.core.model.Model model() {
    return model;
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the features column param */
  public Param<String> featuresCol() {
    return cols.featuresCol;
  }

  /** @return the label column param (what the estimator trained on) */
  public Param<String> labelCol() {
    return cols.labelCol;
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
   * @param value the label column the model was trained on
   * @return this model
   */
  public FfnnClassificationModel setLabelCol(String value) {
    set(cols.labelCol, value);
    return this;
  }

  @Override
  public String explainParam(Param<?> param) {
    return ClassifierParams.explain(this, param);
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
    StructType out = transformSchema(dataset.schema());
    UserDefinedFunction argmax = functions.udf(
        (UDF1<Vector, Double>) p -> (double) p.argmax(), DataTypes.DoubleType);
    Column probabilities;
    if (model.encoding() == null) {
      probabilities = functions.udf(new Probabilities(id, description), SQLDataTypes.VectorType())
          .apply(functions.col($(cols.featuresCol)));
    } else {
      // the raw columns the model was trained on, by name, as one struct per row
      Column[] raw = model.encoding().columnNames().stream().map(functions::col)
          .toArray(Column[]::new);
      probabilities = functions.udf(new RowProbabilities(id, description),
          SQLDataTypes.VectorType()).apply(functions.struct(raw));
    }
    Dataset<Row> withProbabilities = dataset.withColumn($(cols.probabilityCol), probabilities);
    String prediction = $(cols.predictionCol);
    // with the class names, where known, as the prediction column's ML attribute
    return withProbabilities.withColumn(prediction,
        argmax.apply(functions.col($(cols.probabilityCol))), out.apply(prediction).metadata());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> classes = model.names().classes();
    if (model.encoding() == null) {
      int declared = ClassifierParams.declaredWidth(schema, $(cols.featuresCol));
      int inputs = model.network().size(0);
      if (declared >= 0 && declared != inputs) {
        // known from the column's ML attribute: said now, not after a task's retries
        throw new IllegalArgumentException("the features column '" + $(cols.featuresCol)
            + "' holds vectors of " + declared + " entries (its ML attribute says); the network "
            + "takes " + inputs);
      }
      return ClassifierParams.withOutputs(schema, $(cols.featuresCol), $(cols.predictionCol),
          $(cols.probabilityCol), classes);
    }
    java.util.List<String> present = java.util.Arrays.asList(schema.fieldNames());
    for (String column : model.encoding().columnNames()) {
      if (!present.contains(column)) {
        throw new IllegalArgumentException("the model reads column '" + column + "' (it was "
            + "trained on a table: " + model.encoding() + "), which " + schema.simpleString()
            + " lacks");
      }
    }
    return ClassifierParams.withOutputs(schema, null, $(cols.predictionCol),
        $(cols.probabilityCol), classes);
  }

  @Override
  public FfnnClassificationModel copy(ParamMap extra) {
    return copyValues(new FfnnClassificationModel(uid, model), extra).setParent(parent());
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
      // predict copies: a dense vector's toArray is its own array, which scaling would change
      return Vectors.dense(Replica.of(id, description).predict(features.toArray()));
    }
  }

  /** The model's output for one row's raw columns, encoded as in training. */
  private static final class RowProbabilities implements UDF1<Row, Vector> {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final Map<String, byte[]> description;

    RowProbabilities(String id, Map<String, byte[]> description) {
      this.id = id;
      this.description = description;
    }

    @Override
    public Vector call(Row row) {
      Replica r = Replica.of(id, description);
      io.ffnn.core.data.ColumnEncoding encoding = r.model.encoding();
      java.util.List<String> names = encoding.columnNames();
      Map<String, Object> values = new java.util.HashMap<>();
      for (int k = 0; k < names.size(); k++) {
        values.put(names.get(k), row.get(k));
      }
      double[] x = new double[encoding.width()];
      encoding.encode(values, x);
      return Vectors.dense(r.predictScaled(x));
    }
  }
}

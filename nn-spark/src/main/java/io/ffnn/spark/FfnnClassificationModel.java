package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.data.ColumnEncoding;
import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
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
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

/**
 * A trained ffnn classifier as a Spark ML {@link ProbabilisticClassificationModel}: {@code
 * rawPrediction} is the output layer's pre-activation {@code Z[L]} (the logits of a softmax
 * output; {@code [−z, z]} for one sigmoid output), {@code probability} the output activation
 * applied to it ({@code A[L]}, what the network predicts; {@code [1 − p, p]} for one sigmoid
 * output), and {@code prediction} the most probable class, or the largest {@code p_k / t_k} when
 * {@code thresholds} are set — Spark's semantics, which {@code BinaryClassificationEvaluator}
 * and {@code MulticlassClassificationEvaluator} read. The prediction column carries the class
 * names, when the model knows them, as a nominal ML attribute ({@code IndexToString} reads it).
 *
 * <p>The model travels to the executors as its description, like in training, with its input
 * scaler and, for a model trained on a table ({@link io.ffnn.core.model.Model#encoding()}:
 * string columns, missing values), its column encoding: such a model reads the raw columns it
 * was trained on by name (numbers, strings, nulls), not a features vector, and encodes them as
 * {@code predict} does.
 *
 * <p>Spark ML persistence: {@code model.write().save(path)} (or inside a saved {@code
 * PipelineModel}) writes Spark's params metadata and, under {@code ffnn/model.ffnn}, ffnn's own
 * model file, to any path Hadoop's file systems reach (local, HDFS, S3); {@link #load(String)}
 * and {@code PipelineModel.load} read it back. {@link #save(Path)} and {@link #load(Path)} write
 * and read the bare model file on the driver's disk.
 */
public final class FfnnClassificationModel
    extends ProbabilisticClassificationModel<Vector, FfnnClassificationModel>
    implements MLWritable {

  private static final long serialVersionUID = 2L;

  /** The column in which a table model's encoded features pass between two of its steps. */
  private static final String ENCODED = "__ffnn_encoded_features";

  /**
   * Set by {@link #uid()} itself when Spark's base class asks for it during construction (its
   * params are made then, named after the uid), hence not final and without an initializer.
   */
  private String uid;
  private final transient io.ffnn.core.model.Model model;
  /** The model as a model file describes it; what the executors build it from. */
  private final Map<String, byte[]> description;
  /** Identifies this model's replicas on the executors; kept by its copies. */
  private final String id;
  /** The number of classes, {@link #numClasses()}. */
  private final int classes;
  /** The network's {@code n[0]}, {@link #numFeatures()}. */
  private final int inputs;
  /** Whether the output is one sigmoid unit: two classes, the unit's the second's. */
  private final boolean binary;
  /**
   * Set on the copy through which a table model runs Spark's transform on its encoded features
   * ({@link #ENCODED}), not on a model users hold.
   */
  private boolean readsEncoded;

  /**
   * A model around a trained network.
   *
   * @param uid the uid
   * @param network the network: a softmax output over {@code k >= 2} classes, or one sigmoid
   *     output for two
   * @throws IllegalArgumentException if the network's output is neither
   */
  public FfnnClassificationModel(String uid, Network network) {
    this(uid, new io.ffnn.core.model.Model(network, null));
  }

  /**
   * A model around a trained ffnn model, with its scaler, class names and column encoding.
   *
   * @param uid the uid
   * @param model the model: its network's output is a softmax over {@code k >= 2} classes, or
   *     one sigmoid output for two
   * @throws IllegalArgumentException if the network's output is neither
   */
  public FfnnClassificationModel(String uid, io.ffnn.core.model.Model model) {
    this(Pending.keep(uid, model, null, UUID.randomUUID().toString()));
  }

  private FfnnClassificationModel(Void unused) {
    Object[] given = Pending.take();
    this.model = (io.ffnn.core.model.Model) java.util.Objects.requireNonNull(given[1], "model");
    Network net = model.network();
    int L = net.depth();
    String output = net.activation(L).name();
    int k = net.size(L);
    if (!(k >= 2 && output.equals("softmax")) && !(k == 1 && output.equals("sigmoid"))) {
      throw new IllegalArgumentException("a classification model's output layer is a softmax "
          + "over k >= 2 classes or one sigmoid unit; this network's is " + output + " over "
          + k + (k == 1 ? " unit" : " units"));
    }
    binary = k == 1;
    classes = binary ? 2 : k;
    inputs = net.size(0);
    try {
      this.description = given[2] != null ? cast(given[2]) : ModelFile.entries(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.id = (String) given[3];
  }

  @SuppressWarnings("unchecked")
  private static Map<String, byte[]> cast(Object description) {
    return (Map<String, byte[]>) description;
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Pending.uid("ffnnClassificationModel");
    }
    return uid;
  }

  /**
   * Loads a model saved with {@link #save} (or any ffnn model file of a classifier).
   *
   * @param file the model file
   * @return the model, with a new uid
   * @throws IOException if the file cannot be read or is not a valid model
   * @throws IllegalArgumentException if the model's output is not a classifier's
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
    return new MLReader<>() {
      @Override
      public FfnnClassificationModel load(String path) {
        SavedModels.Loaded saved = SavedModels.load(path, sparkSession(),
            FfnnClassificationModel.class.getName());
        FfnnClassificationModel loaded = new FfnnClassificationModel(saved.metadata().uid(),
            saved.model());
        saved.metadata().getAndSetParams(loaded, saved.metadata().getAndSetParams$default$2());
        return loaded;
      }
    };
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
    FfnnClassificationModel self = this;
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        SavedModels.save(self, self.model, path, sparkSession());
      }
    };
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
   * The trained model: the network with its scaler, class names and column encoding.
   *
   * @return the model, on the driver
   */
  public io.ffnn.core.model.Model model() {
    return model;
  }

  // Spark's setters, declared here with this class's type: what code compiled against ffnn's
  // earlier FfnnClassificationModel calls

  @Override
  public FfnnClassificationModel setFeaturesCol(String value) {
    return super.setFeaturesCol(value);
  }

  @Override
  public FfnnClassificationModel setPredictionCol(String value) {
    return super.setPredictionCol(value);
  }

  @Override
  public FfnnClassificationModel setProbabilityCol(String value) {
    return super.setProbabilityCol(value);
  }

  /**
   * @param value the label column the model was trained on
   * @return this model
   */
  public FfnnClassificationModel setLabelCol(String value) {
    set(labelCol(), value);
    return this;
  }

  @Override
  public String explainParam(Param<?> param) {
    return Columns.explain(this, param);
  }

  @Override
  public int numClasses() {
    return classes;
  }

  @Override
  public int numFeatures() {
    return inputs;
  }

  /**
   * The output layer's pre-activation for one example's features (scaled as in training), on
   * this thread's replica of the network.
   *
   * @param features {@code n[0]} entries
   * @return {@code Z[L]}; {@code [−z, z]} for one sigmoid output
   * @throws IllegalArgumentException if the vector has another width
   */
  @Override
  public Vector predictRaw(Vector features) {
    Replica r = Replica.of(id, description);
    double[] Z = r.logits(features.toArray());
    return binary ? Vectors.dense(-Z[0], Z[0]) : Vectors.dense(Z);
  }

  /**
   * The output activation of the raw prediction, in place: the network's own softmax of the
   * logits; {@code [1 − σ(z), σ(z)]} for one sigmoid output.
   */
  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    if (!(rawPrediction instanceof DenseVector dense) || dense.size() != classes) {
      throw new IllegalArgumentException("a raw prediction of " + classes + " classes as a "
          + "dense vector, got " + rawPrediction);
    }
    double[] raw = dense.values();
    Replica r = Replica.of(id, description);
    if (binary) {
      double p = r.outputActivation(new double[] {raw[1]})[0];
      raw[0] = 1 - p;
      raw[1] = p;
    } else {
      System.arraycopy(r.outputActivation(raw), 0, raw, 0, classes);
    }
    return dense;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    if (model == null || model.encoding() == null || readsEncoded) {
      return super.transform(dataset);
    }
    transformSchema(dataset.schema());
    // the raw columns the model was trained on, by name, as one struct per row, encoded into a
    // features vector that Spark's transform then reads
    Column[] raw = model.encoding().columnNames().stream().map(functions::col)
        .toArray(Column[]::new);
    Dataset<Row> encoded = dataset.withColumn(ENCODED, functions.udf(
        new Encode(id, description), SQLDataTypes.VectorType()).apply(functions.struct(raw)));
    return readingEncoded().transform(encoded).drop(ENCODED);
  }

  /** This model's copy that reads the encoded features column. */
  private FfnnClassificationModel readingEncoded() {
    FfnnClassificationModel inner = copy(ParamMap.empty());
    inner.readsEncoded = true;
    inner.setFeaturesCol(ENCODED);
    return inner;
  }

  /**
   * The schema with the output columns; a missing features column, one of another type, or one
   * whose ML attribute declares another width than the network's {@code n[0]} is named here,
   * before any task runs. A model trained on a table needs its raw columns instead.
   */
  @Override
  public StructType transformSchema(StructType schema) {
    List<String> names = model == null ? List.of() : model.names().classes();
    if (model != null && model.encoding() != null && !readsEncoded) {
      List<String> present = Arrays.asList(schema.fieldNames());
      for (String column : model.encoding().columnNames()) {
        if (!present.contains(column)) {
          throw new IllegalArgumentException("the model reads column '" + column + "' (it was "
              + "trained on a table: " + model.encoding() + "), which " + schema.simpleString()
              + " lacks");
        }
      }
      StructType out = readingEncoded().transformSchema(schema.add(ENCODED,
          SQLDataTypes.VectorType()));
      return new StructType(Arrays.stream(out.fields())
          .filter(f -> !f.name().equals(ENCODED)).toArray(StructField[]::new));
    }
    Columns.requireFeatures(schema, getFeaturesCol());
    Columns.requireWidth(schema, getFeaturesCol(), inputs);
    return Columns.namingClasses(super.transformSchema(schema), getPredictionCol(), names);
  }

  /**
   * For Spark's training summaries, which ffnn's models do not have: this model, or a copy with
   * the probability and prediction columns named when they are empty, and those columns. Spark
   * declares it in two base classes with return types that Java cannot reconcile but as the raw
   * type.
   *
   * @return the model and its probability and prediction columns
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    FfnnClassificationModel m = this;
    if (getProbabilityCol().isEmpty() || getPredictionCol().isEmpty()) {
      m = copy(ParamMap.empty());
      if (getProbabilityCol().isEmpty()) {
        m.setProbabilityCol("probability_" + UUID.randomUUID());
      }
      if (getPredictionCol().isEmpty()) {
        m.setPredictionCol("prediction_" + UUID.randomUUID());
      }
    }
    return new scala.Tuple3(m, m.getProbabilityCol(), m.getPredictionCol());
  }

  @Override
  public FfnnClassificationModel copy(ParamMap extra) {
    FfnnClassificationModel copy = new FfnnClassificationModel(Pending.keep(uid(), model,
        description, id));
    return copyValues(copy, extra).setParent(parent());
  }

  /** A row's raw columns encoded as in training: the features before the scaler. */
  private static final class Encode implements UDF1<Row, Vector> {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final Map<String, byte[]> description;

    Encode(String id, Map<String, byte[]> description) {
      this.id = id;
      this.description = description;
    }

    @Override
    public Vector call(Row row) {
      ColumnEncoding encoding = Replica.of(id, description).model.encoding();
      List<String> names = encoding.columnNames();
      Map<String, Object> values = new HashMap<>();
      for (int k = 0; k < names.size(); k++) {
        values.put(names.get(k), row.get(k));
      }
      double[] x = new double[encoding.width()];
      encoding.encode(values, x);
      return Vectors.dense(x);
    }
  }
}

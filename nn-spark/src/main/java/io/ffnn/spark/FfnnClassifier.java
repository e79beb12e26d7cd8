package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.training.TrainingConfig;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import java.util.List;

/**
 * A Spark ML estimator that trains an ffnn classifier with {@link SparkTrainer}: hidden layers of
 * the sizes in {@code layers} with the activation {@code activation}, a softmax output over the
 * {@code k} classes of the label column ({@code k} = the largest label + 1, at least 2) and
 * categorical cross-entropy. It composes with Spark ML pipelines, e.g. after a {@code
 * VectorAssembler}; {@link #fit} gives a {@link FfnnClassificationModel}.
 *
 * <p>Params and defaults: {@code featuresCol} "features", {@code labelCol} "label", {@code
 * predictionCol} "prediction", {@code probabilityCol} "probability", {@code layers} [32], {@code
 * activation} "relu", {@code optimizer} "adam(lr=0.01)", {@code epochs} 10, {@code batchSize} 32,
 * {@code seed} 0.
 *
 * <p>Spark ML persistence: {@code write().save(path)} saves the params (also inside a saved
 * {@code Pipeline}); {@link #load(String)} and {@code Pipeline.load} read them back.
 */
public final class FfnnClassifier extends Estimator<FfnnClassificationModel>
    implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final ClassifierParams cols;
  private final TrainingParams training;

  /** An estimator with a random uid. */
  public FfnnClassifier() {
    this(Identifiable$.MODULE$.randomUID("ffnnClassifier"));
  }

  /**
   * An estimator with the given uid (Spark ML copies estimators through this constructor).
   *
   * @param uid the uid
   */
  public FfnnClassifier(String uid) {
    this.uid = uid;
    cols = new ClassifierParams(this);
    training = new TrainingParams(this);
    setDefault(cols.featuresCol, "features");
    setDefault(cols.labelCol, "label");
    setDefault(cols.predictionCol, "prediction");
    setDefault(cols.probabilityCol, "probability");
    setDefault(training.layers, new int[] {32});
    setDefault(training.activation, "relu");
    setDefault(training.optimizer, "adam(lr=0.01)");
    setDefault(training.epochs, 10);
    setDefault(training.batchSize, 32);
    setDefault(training.seed, 0L);
  }

  /**
   * A reader of estimators saved by {@code write().save(path)}, for Spark ML's persistence.
   *
   * @return the reader
   */
  public static MLReader<FfnnClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads an estimator saved by {@code write().save(path)}.
   *
   * @param path a directory on any Hadoop-supported file system
   * @return the estimator, with its saved uid and params
   */
  public static FfnnClassifier load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the features column param */
  public Param<String> featuresCol() {
    return cols.featuresCol;
  }

  /** @return the label column param */
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

  /** @return the hidden layer sizes param */
  public IntArrayParam layers() {
    return training.layers;
  }

  /** @return the hidden activation param */
  public Param<String> activation() {
    return training.activation;
  }

  /** @return the optimizer spec param */
  public Param<String> optimizer() {
    return training.optimizer;
  }

  /** @return the epochs param */
  public IntParam epochs() {
    return training.epochs;
  }

  /** @return the batch size param */
  public IntParam batchSize() {
    return training.batchSize;
  }

  /** @return the seed param */
  public LongParam seed() {
    return training.seed;
  }

  /**
   * @param value the features column
   * @return this estimator
   */
  public FfnnClassifier setFeaturesCol(String value) {
    set(cols.featuresCol, value);
    return this;
  }

  /**
   * @param value the label column
   * @return this estimator
   */
  public FfnnClassifier setLabelCol(String value) {
    set(cols.labelCol, value);
    return this;
  }

  /**
   * @param value the hidden layers' sizes
   * @return this estimator
   */
  public FfnnClassifier setLayers(int... value) {
    set(training.layers, value);
    return this;
  }

  /**
   * @param value the hidden layers' activation spec, e.g. {@code tanh}
   * @return this estimator
   */
  public FfnnClassifier setActivation(String value) {
    set(training.activation, value);
    return this;
  }

  /**
   * @param value the optimizer spec, e.g. {@code sgd(lr=0.1)}
   * @return this estimator
   */
  public FfnnClassifier setOptimizer(String value) {
    set(training.optimizer, value);
    return this;
  }

  /**
   * @param value the prediction column the fitted model writes
   * @return this estimator
   */
  public FfnnClassifier setPredictionCol(String value) {
    set(cols.predictionCol, value);
    return this;
  }

  /**
   * @param value the probability column the fitted model writes
   * @return this estimator
   */
  public FfnnClassifier setProbabilityCol(String value) {
    set(cols.probabilityCol, value);
    return this;
  }

  /**
   * @param value the number of epochs
   * @return this estimator
   */
  public FfnnClassifier setEpochs(int value) {
    set(training.epochs, value);
    return this;
  }

  /**
   * @param value the mini-batch size
   * @return this estimator
   */
  public FfnnClassifier setBatchSize(int value) {
    set(training.batchSize, value);
    return this;
  }

  /**
   * @param value the seed
   * @return this estimator
   */
  public FfnnClassifier setSeed(long value) {
    set(training.seed, value);
    return this;
  }

  @Override
  public FfnnClassificationModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String features = $(cols.featuresCol);
    String label = $(cols.labelCol);
    int inputs = ClassifierParams.declaredWidth(dataset.schema(), features);
    if (inputs < 0) {
      Row first = dataset.select(features).head();
      inputs = ((Vector) first.get(0)).size();
    }
    // class names from the label column's ML attribute (StringIndexer's), kept in the model
    List<String> names = ClassifierParams.classNames(dataset.schema(), label);
    Object max = dataset.agg(functions.max(functions.col(label))).head().get(0);
    if (max == null) {
      throw new IllegalArgumentException("the label column '" + label + "' holds no label");
    }
    int classes = Math.max(Math.max(2, names.size()), (int) ((Number) max).doubleValue() + 1);
    NetworkSpec.Builder spec = training.hidden(this, inputs);
    Network net = Network.build(spec.layer(classes, "softmax").cost("cce").build());
    TrainingConfig settings = training.config(this);
    new SparkTrainer(settings).fit(net, dataset, features, label);
    io.ffnn.core.model.DataNames dataNames = names.isEmpty() ? io.ffnn.core.model.DataNames.NONE
        : new io.ffnn.core.model.DataNames(List.of(), List.of(), classNames(names, classes));
    FfnnClassificationModel model = new FfnnClassificationModel(uid,
        new io.ffnn.core.model.Model(net, null, null, dataNames));
    model.setFeaturesCol(features).setLabelCol(label).setPredictionCol($(cols.predictionCol))
        .setProbabilityCol($(cols.probabilityCol));
    return model.setParent(this);
  }

  /** The label's class names, one per output: the attribute's, then indices for the rest. */
  private static List<String> classNames(List<String> names, int classes) {
    List<String> all = new java.util.ArrayList<>(names);
    for (int k = all.size(); k < classes; k++) {
      all.add(String.valueOf(k));
    }
    return all;
  }

  @Override
  public String explainParam(Param<?> param) {
    return ClassifierParams.explain(this, param);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String label = $(cols.labelCol);
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(label)) {
      throw new IllegalArgumentException("no label column '" + label + "' in "
          + schema.simpleString());
    }
    org.apache.spark.sql.types.DataType type = schema.apply(label).dataType();
    if (!(type instanceof org.apache.spark.sql.types.NumericType)) {
      throw new IllegalArgumentException("the label column '" + label + "' holds "
          + type.simpleString() + " values; ffnn's classifier takes class indices 0 … k-1: "
          + "index the labels first, with a StringIndexer (whose class names the model keeps)");
    }
    return ClassifierParams.withOutputs(schema, $(cols.featuresCol), $(cols.predictionCol),
        $(cols.probabilityCol));
  }

  @Override
  public FfnnClassifier copy(ParamMap extra) {
    return (FfnnClassifier) defaultCopy(extra);
  }
}

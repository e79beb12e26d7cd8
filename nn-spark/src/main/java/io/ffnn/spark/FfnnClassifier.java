package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.model.DataNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML probabilistic classifier that trains an ffnn network with {@link SparkTrainer}:
 * hidden layers of the sizes in {@code layers} with the activation {@code activation}, a softmax
 * output over the {@code k} classes of the label column ({@code k} = the largest label + 1, at
 * least 2, or the number of classes its ML attribute declares if more) and categorical
 * cross-entropy.
 * It composes with Spark ML pipelines, e.g. after a {@code StringIndexer} and a {@code
 * VectorAssembler}; {@link #fit} gives a {@link FfnnClassificationModel}, which writes the
 * {@code rawPrediction}, {@code probability} and {@code prediction} columns that Spark's
 * evaluators read.
 *
 * <p>Params and defaults: Spark's {@code featuresCol} "features", {@code labelCol} "label",
 * {@code predictionCol} "prediction", {@code rawPredictionCol} "rawPrediction", {@code
 * probabilityCol} "probability", {@code thresholds} (unset; passed on to the model); ffnn's
 * {@code layers} [32], {@code activation} "relu", {@code optimizer} "adam(lr=0.01)", {@code
 * epochs} 10, {@code batchSize} 32, {@code seed} 0, {@code averaging} 0 (the exact mode; {@code
 * K > 0}: periodic averaging, K local steps a round), {@code weightCol} (unset: every example
 * weighs 1; weights are relative, as {@link Example} says).
 *
 * <p>The label column holds class indices; a string label is refused at {@code fit}, naming the
 * {@code StringIndexer} that indexes it, whose class names (the label column's ML attribute) the
 * model keeps and writes as its prediction column's attribute.
 *
 * <p>Spark ML persistence: {@code write().save(path)} saves the params (also inside a saved
 * {@code Pipeline}); {@link #load(String)} and {@code Pipeline.load} read them back.
 */
public final class FfnnClassifier
    extends ProbabilisticClassifier<Vector, FfnnClassifier, FfnnClassificationModel>
    implements DefaultParamsWritable {

  private static final long serialVersionUID = 2L;

  /**
   * Set by {@link #uid()} itself when Spark's base class asks for it during construction (its
   * params are made then, named after the uid), hence not final and without an initializer.
   */
  private String uid;
  /** The training params, and what is built from them. */
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
    this(Pending.keep(uid));
  }

  private FfnnClassifier(Void unused) {
    Pending.take();
    training = new TrainingParams(this);
    setDefault(training.layers, new int[] {32});
    setDefault(training.activation, "relu");
    setDefault(training.optimizer, "adam(lr=0.01)");
    setDefault(training.epochs, 10);
    setDefault(training.batchSize, 32);
    setDefault(training.seed, 0L);
    setDefault(training.averaging, 0);
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Pending.uid("ffnnClassifier");
    }
    return uid;
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

  /** @return the averaging param: local steps per round, 0 for the exact mode */
  public IntParam averaging() {
    return training.averaging;
  }

  /**
   * Trains by periodic averaging, {@code localSteps} local steps per round ({@link
   * SparkTrainer#averaging}); 0, the default, trains in the exact mode.
   *
   * @param localSteps {@code >= 0}
   * @return this estimator
   */
  public FfnnClassifier setAveraging(int localSteps) {
    set(training.averaging, localSteps);
    return this;
  }

  /** @return the example weight column param */
  public Param<String> weightCol() {
    return training.weightCol;
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

  /**
   * @param value the column of example weights (numbers {@code >= 0}, relative); empty for none
   * @return this estimator
   */
  public FfnnClassifier setWeightCol(String value) {
    set(training.weightCol, value);
    return this;
  }

  // Spark's setters and fit, declared here with this class's types: what code compiled
  // against ffnn's earlier FfnnClassifier calls

  @Override
  public FfnnClassifier setFeaturesCol(String value) {
    return super.setFeaturesCol(value);
  }

  @Override
  public FfnnClassifier setLabelCol(String value) {
    return super.setLabelCol(value);
  }

  @Override
  public FfnnClassifier setPredictionCol(String value) {
    return super.setPredictionCol(value);
  }

  @Override
  public FfnnClassifier setProbabilityCol(String value) {
    return super.setProbabilityCol(value);
  }

  /**
   * Trains the network on the data set, after {@link #transformSchema} has checked its
   * columns.
   *
   * @param dataset the features, label and (if set) weight columns
   * @return the model, with this estimator's column params
   */
  @Override
  public FfnnClassificationModel fit(Dataset<?> dataset) {
    return super.fit(dataset);
  }

  @Override
  public FfnnClassificationModel train(Dataset<?> dataset) {
    String features = getFeaturesCol();
    String label = getLabelCol();
    int inputs = Columns.declaredWidth(dataset.schema(), features);
    if (inputs < 0) {
      inputs = ((Vector) dataset.select(features).head().get(0)).size();
    }
    // class names from the label column's ML attribute (StringIndexer's), kept in the model
    List<String> names = Columns.classNames(dataset.schema(), label);
    Object max = dataset.agg(functions.max(functions.col(label))).head().get(0);
    if (max == null) {
      throw new IllegalArgumentException("the label column '" + label + "' holds no label");
    }
    int classes = Math.max(Math.max(2, names.size()), Math.max(Columns.classCount(
        dataset.schema(), label), (int) ((Number) max).doubleValue() + 1));
    NetworkSpec.Builder spec = training.hidden(this, inputs);
    Network net = Network.build(spec.layer(classes, "softmax").cost("cce").build());
    training.trainer(this).fit(net, dataset, features, label, training.weightColumn(this));
    DataNames dataNames = names.isEmpty() ? DataNames.NONE
        : new DataNames(List.of(), List.of(), classNames(names, classes));
    return new FfnnClassificationModel(uid(), new io.ffnn.core.model.Model(net, null, null,
        dataNames));
  }

  /** The label's class names, one per output: the attribute's, then indices for the rest. */
  private static List<String> classNames(List<String> names, int classes) {
    List<String> all = new ArrayList<>(names);
    for (int k = all.size(); k < classes; k++) {
      all.add(String.valueOf(k));
    }
    return all;
  }

  @Override
  public String explainParam(Param<?> param) {
    return Columns.explain(this, param);
  }

  /**
   * The schema {@code fit} needs and the model's output columns: the features a vector column,
   * the label numeric (class indices), the weight column, if set, numeric; each wrong column
   * named with the schema.
   */
  @Override
  public StructType transformSchema(StructType schema) {
    Columns.requireFeatures(schema, getFeaturesCol());
    Columns.requireLabel(schema, getLabelCol(), true);
    Columns.requireWeight(schema, training.weightColumn(this));
    return super.transformSchema(schema);
  }

  @Override
  public FfnnClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}

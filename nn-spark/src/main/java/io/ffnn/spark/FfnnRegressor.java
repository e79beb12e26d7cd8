package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.DataNames;
import org.apache.spark.ml.Predictor;
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

/**
 * A Spark ML regressor ({@link Predictor}) that trains an ffnn network with {@link
 * SparkTrainer}: hidden layers of the sizes in {@code layers} with the activation {@code
 * activation}, one identity output and the mean squared error, on the label scaled to mean 0
 * and standard deviation 1 (the model's target scaler brings predictions back to the label's
 * units). {@link #fit} gives a {@link FfnnRegressionModel}, which {@code RegressionEvaluator}
 * scores.
 *
 * <p>Params and defaults: {@code featuresCol} "features", {@code labelCol} "label", {@code
 * predictionCol} "prediction", {@code layers} [32], {@code activation} "relu", {@code optimizer}
 * "adam(lr=0.01)", {@code epochs} 10, {@code batchSize} 32, {@code seed} 0, {@code averaging} 0
 * (the exact mode; {@code K > 0}: periodic averaging, K local steps a round), {@code weightCol}
 * (unset: every example weighs 1; weights are relative, as {@link Example} says). A string label,
 * a features column that is not a vector and a missing column are refused at {@code fit}, named.
 */
public final class FfnnRegressor extends Predictor<Vector, FfnnRegressor, FfnnRegressionModel>
    implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  /**
   * Set by {@link #uid()} itself when Spark's base class asks for it during construction (its
   * params are made then, named after the uid), hence not final and without an initializer.
   */
  private String uid;
  /** The training params, and what is built from them. */
  private final TrainingParams training;

  /** A regressor with a random uid. */
  public FfnnRegressor() {
    this(Identifiable$.MODULE$.randomUID("ffnnRegressor"));
  }

  /**
   * A regressor with the given uid (Spark ML copies estimators through this constructor).
   *
   * @param uid the uid
   */
  public FfnnRegressor(String uid) {
    this(Pending.keep(uid));
  }

  private FfnnRegressor(Void unused) {
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

  /**
   * A reader of regressors saved by {@code write().save(path)}.
   *
   * @return the reader
   */
  public static MLReader<FfnnRegressor> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads a regressor saved by {@code write().save(path)}.
   *
   * @param path a directory on any Hadoop-supported file system
   * @return the regressor
   */
  public static FfnnRegressor load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Pending.uid("ffnnRegressor");
    }
    return uid;
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
   * @return this regressor
   */
  public FfnnRegressor setAveraging(int localSteps) {
    set(training.averaging, localSteps);
    return this;
  }

  /** @return the example weight column param */
  public Param<String> weightCol() {
    return training.weightCol;
  }

  /**
   * @param value the column of example weights (numbers {@code >= 0}, relative); empty for none
   * @return this regressor
   */
  public FfnnRegressor setWeightCol(String value) {
    set(training.weightCol, value);
    return this;
  }

  /**
   * @param value the hidden layers' sizes
   * @return this regressor
   */
  public FfnnRegressor setLayers(int... value) {
    set(training.layers, value);
    return this;
  }

  /**
   * @param value the hidden layers' activation spec
   * @return this regressor
   */
  public FfnnRegressor setActivation(String value) {
    set(training.activation, value);
    return this;
  }

  /**
   * @param value the optimizer spec
   * @return this regressor
   */
  public FfnnRegressor setOptimizer(String value) {
    set(training.optimizer, value);
    return this;
  }

  /**
   * @param value the number of epochs
   * @return this regressor
   */
  public FfnnRegressor setEpochs(int value) {
    set(training.epochs, value);
    return this;
  }

  /**
   * @param value the mini-batch size
   * @return this regressor
   */
  public FfnnRegressor setBatchSize(int value) {
    set(training.batchSize, value);
    return this;
  }

  /**
   * @param value the seed
   * @return this regressor
   */
  public FfnnRegressor setSeed(long value) {
    set(training.seed, value);
    return this;
  }

  @Override
  public String explainParam(Param<?> param) {
    return Columns.explain(this, param);
  }

  /**
   * The schema {@code fit} needs and the model's prediction column: the features a vector
   * column, the label numeric, the weight column, if set, numeric; each wrong column named with
   * the schema.
   */
  @Override
  public StructType transformSchema(StructType schema) {
    Columns.requireFeatures(schema, getFeaturesCol());
    Columns.requireLabel(schema, getLabelCol(), false);
    Columns.requireWeight(schema, training.weightColumn(this));
    return super.transformSchema(schema);
  }

  @Override
  public FfnnRegressionModel train(Dataset<?> dataset) {
    String features = getFeaturesCol();
    String label = getLabelCol();
    int inputs = Columns.declaredWidth(dataset.schema(), features);
    if (inputs < 0) {
      inputs = ((Vector) dataset.select(features).head().get(0)).size();
    }
    Row stats = dataset.agg(functions.avg(label), functions.stddev_pop(label)).head();
    if (stats.isNullAt(0)) {
      throw new IllegalArgumentException("the label column '" + label + "' holds no value");
    }
    double mean = stats.getDouble(0);
    double sd = stats.getDouble(1);
    Scaler targets = new Scaler(Scaler.Kind.STANDARD, new double[] {mean},
        new double[] {sd > 0 ? sd : 1});
    NetworkSpec.Builder spec = training.hidden(this, inputs);
    Network net = Network.build(spec.layer(1, "identity").cost("mse").build());
    // the network learns the standardised label
    Dataset<?> scaled = dataset.withColumn(label, functions.col(label).minus(mean)
        .divide(targets.scale()[0]));
    training.trainer(this).fit(net, scaled, features, label, training.weightColumn(this));
    return new FfnnRegressionModel(uid, new io.ffnn.core.model.Model(net, null, targets,
        DataNames.NONE));
  }

  @Override
  public FfnnRegressor copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}

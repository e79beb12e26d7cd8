package io.ffnn.spark;

import io.ffnn.core.Network;
import io.ffnn.core.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.ejml.data.DMatrixRMaj;

/**
 * A trained ffnn regressor as a Spark ML {@link RegressionModel}: {@code predict} runs the
 * network on an executor's replica, built from the model's description as in training, and
 * brings the output back to the label's units through the model's target scaler. Spark ML
 * persistence: {@code write().save(path)} writes Spark's params metadata and ffnn's model file
 * ({@code ffnn/model.ffnn}); {@link #load(String)} and {@code PipelineModel.load} read it back.
 */
public final class FfnnRegressionModel extends RegressionModel<Vector, FfnnRegressionModel>
    implements MLWritable {

  private static final long serialVersionUID = 1L;

  /**
   * Set by {@link #uid()} itself when Spark's base class asks for it during construction (its
   * params are made then, named after the uid), hence not final and without an initializer.
   */
  private String uid;
  private final transient io.ffnn.core.model.Model model;
  /** The model as a model file describes it; what the executors build it from. */
  private final Map<String, byte[]> description;
  /** Identifies this model's replicas on the executors. */
  private final String id = UUID.randomUUID().toString();

  /**
   * A model around a trained ffnn model with one output.
   *
   * @param uid the uid
   * @param model the model; its target scaler, if any, maps outputs to the label's units
   * @throws IllegalArgumentException if the network has more than one output
   */
  public FfnnRegressionModel(String uid, io.ffnn.core.model.Model model) {
    this(Pending.keep(uid), model);
  }

  private FfnnRegressionModel(Void unused, io.ffnn.core.model.Model model) {
    Pending.take();
    this.model = model;
    if (model.network().size(model.network().depth()) != 1) {
      throw new IllegalArgumentException("a regression model has one output; the network has "
          + model.network().size(model.network().depth()));
    }
    try {
      this.description = ModelFile.entries(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A reader of models saved by {@code write().save(path)}.
   *
   * @return the reader
   */
  public static MLReader<FfnnRegressionModel> read() {
    return new MLReader<>() {
      @Override
      public FfnnRegressionModel load(String path) {
        SavedModels.Loaded saved = SavedModels.load(path, sparkSession(),
            FfnnRegressionModel.class.getName());
        FfnnRegressionModel loaded = new FfnnRegressionModel(saved.metadata().uid(),
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
   * @return the model
   */
  public static FfnnRegressionModel load(String path) {
    return read().load(path);
  }

  @Override
  public MLWriter write() {
    FfnnRegressionModel self = this;
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        SavedModels.save(self, self.model, path, sparkSession());
      }
    };
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
   * The trained model: the network with its target scaler.
   *
   * @return the model, on the driver
   */
  public io.ffnn.core.model.Model model() {
    return model;
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Pending.uid("ffnnRegressionModel");
    }
    return uid;
  }

  @Override
  public int numFeatures() {
    return model == null ? -1 : model.network().size(0);
  }

  @Override
  public double predict(Vector features) {
    Replica r = Replica.of(id, description);
    double[] y = r.predict(features.toArray());
    if (r.model.targetScaler() != null) {
      DMatrixRMaj out = new DMatrixRMaj(1, 1);
      r.model.targetScaler().inverseTransform(DMatrixRMaj.wrap(1, 1, y), out);
      return out.data[0];
    }
    return y[0];
  }

  /**
   * The schema with the prediction column; a missing features column, one of another type, or
   * one whose ML attribute declares another width than the network's {@code n[0]} is named here,
   * before any task runs.
   */
  @Override
  public org.apache.spark.sql.types.StructType transformSchema(
      org.apache.spark.sql.types.StructType schema) {
    Columns.requireFeatures(schema, getFeaturesCol());
    if (model != null) {
      Columns.requireWidth(schema, getFeaturesCol(), model.network().size(0));
    }
    return super.transformSchema(schema);
  }

  @Override
  public FfnnRegressionModel copy(ParamMap extra) {
    return copyValues(new FfnnRegressionModel(uid, model), extra).setParent(parent());
  }
}

package io.ffnn.spark;

import io.ffnn.core.NetworkSpec;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.TrainingConfig;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The training params that ffnn's Spark ML estimators share — {@code layers}, {@code
 * activation}, {@code optimizer}, {@code epochs}, {@code batchSize}, {@code seed}, {@code
 * averaging}, {@code weightCol} — and what is
 * built from their values: the hidden layers of the network and the training configuration. The
 * estimators keep the public accessors Spark ML finds the params by, and set the defaults.
 */
final class TrainingParams {

  final IntArrayParam layers;
  final Param<String> activation;
  final Param<String> optimizer;
  final IntParam epochs;
  final IntParam batchSize;
  final LongParam seed;
  final Param<String> weightCol;
  final IntParam averaging;

  TrainingParams(Params owner) {
    layers = new IntArrayParam(owner, "layers", "the hidden layers' sizes");
    activation = new Param<>(owner, "activation", "the hidden layers' activation spec");
    optimizer = new Param<>(owner, "optimizer", "the optimizer spec, e.g. sgd(lr=0.1)");
    epochs = new IntParam(owner, "epochs", "the number of epochs (>= 1)");
    batchSize = new IntParam(owner, "batchSize", "the mini-batch size (>= 1)");
    seed = new LongParam(owner, "seed", "the seed of initialisation and shuffling");
    averaging = new IntParam(owner, "averaging", "the local steps of each periodic averaging "
        + "round (SparkTrainer.averaging); 0, the default: exact gradient aggregation, one Spark "
        + "job a mini-batch, single-machine training's result",
        org.apache.spark.ml.param.ParamValidators.gtEq(0));
    weightCol = new Param<>(owner, "weightCol", "the column of example weights: numbers >= 0, "
        + "relative (divided by their mean); unset or empty, every example weighs 1");
  }

  /** The weight column's name, or null when it is not set (every example weighs 1). */
  String weightColumn(Params owner) {
    if (!owner.isDefined(weightCol)) {
      return null;
    }
    String column = owner.getOrDefault(weightCol);
    return column.isEmpty() ? null : column;
  }

  /** A network's start: {@code inputs}, then the hidden layers, with the seed. */
  NetworkSpec.Builder hidden(Params owner, int inputs) {
    NetworkSpec.Builder spec = NetworkSpec.builder(inputs).seed(seed(owner));
    for (int size : owner.getOrDefault(layers)) {
      spec.layer(size, owner.getOrDefault(activation));
    }
    return spec;
  }

  /** The trainer: the configuration, in the exact mode or by periodic averaging. */
  SparkTrainer trainer(Params owner) {
    SparkTrainer trainer = new SparkTrainer(config(owner));
    int localSteps = (Integer) owner.getOrDefault(averaging);
    return localSteps > 0 ? trainer.averaging(localSteps) : trainer;
  }

  /** The training configuration: optimizer, epochs, batch size and seed. */
  TrainingConfig config(Params owner) {
    return TrainingConfig.builder()
        .optimizer(Optimizers.fromSpec(owner.getOrDefault(optimizer)))
        .epochs((Integer) owner.getOrDefault(epochs))
        .batchSize((Integer) owner.getOrDefault(batchSize)).seed(seed(owner)).build();
  }

  private long seed(Params owner) {
    return (Long) owner.getOrDefault(seed);
  }
}

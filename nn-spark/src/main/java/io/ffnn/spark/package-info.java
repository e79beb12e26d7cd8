/**
 * Training and prediction of ffnn networks on Apache Spark. {@link io.ffnn.spark.SparkTrainer}
 * trains a network on an RDD of {@link io.ffnn.spark.Example}s or on a data frame's columns, in
 * the exact mode (one Spark job a mini-batch; single-machine training's weights, to rounding) or
 * by periodic averaging ({@link io.ffnn.spark.SparkTrainer#averaging}: several local steps a
 * job); a run has its own Spark job group, survives a lost executor, and checkpoints to any
 * Hadoop file system path. The Spark ML stages are {@link io.ffnn.spark.FfnnClassifier} with its
 * {@link io.ffnn.spark.FfnnClassificationModel} (a probabilistic classifier: rawPrediction,
 * probability, thresholds) and {@link io.ffnn.spark.FfnnRegressor} with its {@link
 * io.ffnn.spark.FfnnRegressionModel}, with Spark ML persistence. Networks travel as their
 * description, and each executor builds them with the plugins on its own class path.
 */
package io.ffnn.spark;

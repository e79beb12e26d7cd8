/**
 * Example programs for Spark: {@link io.ffnn.spark.example.SparkExample} trains on a Spark
 * master, measured against one machine and MLlib; {@link io.ffnn.spark.example.SparkScaling} and
 * {@link io.ffnn.spark.example.SparkTimeToAccuracy} measure how training scales with the data
 * and how soon each mode reaches an accuracy.
 */
package io.ffnn.spark.example;

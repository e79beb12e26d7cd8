/** An example program: training on a Spark master, measured against one machine and MLlib. */
package io.ffnn.spark.example;

/** Data-parallel training of ffnn networks on Apache Spark. */
package io.ffnn.spark;

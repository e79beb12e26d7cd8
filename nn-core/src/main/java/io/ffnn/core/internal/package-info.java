/**
 * Machinery shared by nn-core's packages and ffnn's other modules that is not part of the API:
 * the loops both precisions run ({@link io.ffnn.core.internal.DoubleKernels}, from which the
 * build generates {@code FloatKernels}), the conversions between them, the model archive, atomic
 * writes, JSON helpers and the number syntax. The module exports this package to {@code
 * io.ffnn.blas} and {@code io.ffnn.onnx} alone, no exported signature refers to it, and it depends
 * on no other ffnn package.
 */
package io.ffnn.core.internal;

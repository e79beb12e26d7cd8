/**
 * Machinery shared by nn-core's packages, and with nn-blas, that is not part of the API: the
 * module exports this package to {@code io.ffnn.blas} alone, and no exported signature refers to
 * it.
 */
package io.ffnn.core.internal;

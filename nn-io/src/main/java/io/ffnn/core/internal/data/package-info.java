/**
 * How a dataset holds its inputs without it being API: as the caller's columns, as whole
 * examples in {@code double} or {@code float}, or as bytes read through a table of values per
 * feature; and the access the training module has to them. The module exports this package to
 * ffnn's training module alone, and no exported signature refers to it.
 */
package io.ffnn.core.internal.data;

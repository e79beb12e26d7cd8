/**
 * Machinery shared by nn-core's packages that is not part of the API: the module does not export
 * this package, and no exported signature refers to it.
 */
package io.ffnn.core.internal;

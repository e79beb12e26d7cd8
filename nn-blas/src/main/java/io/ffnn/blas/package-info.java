/**
 * The native BLAS backend: {@link io.ffnn.blas.OpenBlasBackend}, registered for {@link
 * java.util.ServiceLoader} and chosen automatically when this module is on the class path.
 */
package io.ffnn.blas;

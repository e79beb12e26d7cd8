/**
 * The matrix-product backends of the recurrences: {@link io.ffnn.core.backend.Backend} ({@code C =
 * α op(A) op(B) + β C}), the pure-Java {@link io.ffnn.core.backend.EjmlBackend}, and {@link
 * io.ffnn.core.backend.Backends}, which finds the others with {@link java.util.ServiceLoader}.
 */
package io.ffnn.core.backend;

/**
 * The {@code openblas} (native OpenBLAS through the bytedeco presets) and {@code javablas}
 * (netlib's pure-Java BLAS) backends of the matrix products.
 */
module io.ffnn.blas {
  requires transitive io.ffnn.core;
  requires org.bytedeco.javacpp;
  requires org.bytedeco.openblas;
  requires dev.ludovic.netlib.blas;
  requires java.logging;

  exports io.ffnn.blas;

  provides io.ffnn.core.backend.Backend with
      io.ffnn.blas.OpenBlasBackend,
      io.ffnn.blas.JavaBlasBackend;
}

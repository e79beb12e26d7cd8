package io.ffnn.blas;

/** Prints the OpenBLAS backend's description, in a JVM of its own, for {@link KernelsTest}. */
public final class KernelsProbe {

  private KernelsProbe() {}

  /**
   * Prints the description.
   *
   * @param args none
   */
  public static void main(String[] args) {
    System.out.println(new OpenBlasBackend().description());
  }
}

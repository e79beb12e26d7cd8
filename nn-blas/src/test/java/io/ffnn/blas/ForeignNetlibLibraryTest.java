package io.ffnn.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When netlib is told to open another BLAS, the {@code openblas} backend does not run that one
 * under its name: it copies through bytedeco's binding to the bundled OpenBLAS. Checked in a
 * fresh JVM, since the choice is made once, when the backend class loads.
 */
class ForeignNetlibLibraryTest {

  /** Prints the backend's description; run in the child JVM. */
  public static void main(String[] args) {
    System.out.println(new OpenBlasBackend().description());
  }

  @Test
  void anotherLibraryNamedForNetlibMakesTheBackendCopyInstead() throws Exception {
    Process p = new ProcessBuilder(
        new File(System.getProperty("java.home"), "bin/java").getPath(),
        "-D" + OpenBlasBackend.NETLIB_LIBRARY_PATH + "=/nonexistent/libblas.so.3",
        "-cp", System.getProperty("java.class.path"), ForeignNetlibLibraryTest.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("1 BLAS thread(s), operands copied to native memory "
        + "(bytedeco), kernels "), out);
  }
}

package io.ffnn.blas;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_full;

/**
 * The kernel set (OpenBLAS's "core type") the bundled OpenBLAS runs, chosen before the library
 * loads: OpenBLAS reads {@code OPENBLAS_CORETYPE} from the process's environment once, when it
 * starts, and otherwise detects the processor.
 *
 * <ul>
 *   <li>{@code -Dffnn.blas.coretype=NAME} (or the environment variable {@code
 *       FFNN_BLAS_CORETYPE}) asks for a kernel set by name ({@code SkylakeX}, {@code Haswell},
 *       {@code Zen}, …). OpenBLAS falls back to one the processor can run where it cannot run
 *       the one named ({@code SapphireRapids} without AMX gives {@code Cooperlake}), and to its
 *       detection for a name it does not know.
 *   <li>Otherwise the bundled OpenBLAS detects the processor, and an {@code OPENBLAS_CORETYPE}
 *       inherited from the environment is not applied to it: that variable is usually set for
 *       another, older OpenBLAS build (Debian's 0.3.21 does not know the newest processors), and
 *       on an AVX-512 processor it held ffnn to AVX2 kernels: {@code Haswell} instead of the
 *       detected {@code Cooperlake}, 1.67× slower in float32 training.
 * </ul>
 *
 * <p>The environment is changed with the C library's {@code putenv} and {@code unsetenv} (JavaCPP
 * calls a native function of one pointer argument as a deallocator); only for this process's C
 * environment, which the JVM's own copy ({@link System#getenv}, and the processes it starts) does
 * not see. Where that call cannot be made (JavaCPP on the module path, closed to reflection), the
 * environment applies as it is, and {@link #description()} says so.
 */
final class Kernels {

  /** The system property naming the kernel set. */
  static final String PROPERTY = "ffnn.blas.coretype";
  /** The environment variable naming it, where the property is not set. */
  static final String VARIABLE = "FFNN_BLAS_CORETYPE";
  /** OpenBLAS's own variable. */
  static final String OPENBLAS_VARIABLE = "OPENBLAS_CORETYPE";

  /** The strings handed to {@code putenv}, which keeps them: never freed. */
  private static final List<BytePointer> KEPT = new ArrayList<>();

  /** How the kernel set was chosen, said after its name; set by {@link #choose}. */
  private static String how = "detected";
  /** The kernel set asked for by name, or null. */
  private static String requested;

  private Kernels() {}

  /** Sets the environment OpenBLAS starts in; to be called once, before the library loads. */
  static synchronized void choose() {
    String asked = System.getProperty(PROPERTY);
    String from = "-D" + PROPERTY;
    if (asked == null || asked.isBlank()) {
      asked = System.getenv(VARIABLE);
      from = VARIABLE;
    }
    String inherited = System.getenv(OPENBLAS_VARIABLE);
    if (asked != null && !asked.isBlank()) {
      requested = asked.trim();
      how = callWithText("putenv", OPENBLAS_VARIABLE + "=" + requested)
          ? "asked for with " + from + "=" + requested
          : from + "=" + requested + " could not be applied here, " + (inherited == null
              ? "detected" : "from " + OPENBLAS_VARIABLE + "=" + inherited);
    } else if (inherited != null) {
      how = callWithText("unsetenv", OPENBLAS_VARIABLE)
          ? "detected; " + OPENBLAS_VARIABLE + "=" + inherited + " from the environment set "
              + "aside (-D" + PROPERTY + "=" + inherited + " applies it)"
          : "from " + OPENBLAS_VARIABLE + "=" + inherited + " in the environment, which could "
              + "not be set aside here";
    }
  }

  /**
   * The kernel set in use and how it was chosen, e.g. {@code kernels Cooperlake, detected}; the
   * library must be loaded.
   */
  static String description() {
    String used = inUse();
    if (requested != null && !requested.equalsIgnoreCase(used)
        && how.startsWith("asked for")) {
      return "kernels " + used + ", " + how + ", which OpenBLAS does not know or this "
          + "processor cannot run";
    }
    return "kernels " + used + ", " + how;
  }

  /** OpenBLAS's name for the kernel set in use. */
  static String inUse() {
    return openblas_full.openblas_get_corename().getString();
  }

  /**
   * Calls the C function {@code name(const char *)} with {@code argument}: JavaCPP's native
   * deallocator calls a function of one pointer with the owner's address, and {@code
   * Pointer.init} (package-private, reached by reflection) sets one up.
   *
   * @return false where the call could not be made
   */
  private static boolean callWithText(String name, String argument) {
    try {
      BytePointer text = new BytePointer(argument);
      Pointer function = Loader.addressof(name);
      if (function == null || function.isNull()) {
        return false;
      }
      Method init = Pointer.class.getDeclaredMethod("init", long.class, long.class, long.class,
          long.class);
      init.setAccessible(true);
      Pointer call = new Pointer();
      init.invoke(call, 0L, 0L, text.address(), function.address());
      KEPT.add(text);
      call.deallocate();
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}

package io.ffnn.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The kernel set OpenBLAS runs, chosen before the library loads: each case in a JVM of its own,
 * since OpenBLAS reads its environment once, with the environment the test sets (not the one it
 * inherits).
 */
class KernelsTest {

  private static final Pattern KERNELS = Pattern.compile("kernels (\\w+), (.*)");

  /** The AVX-512 subsets OpenBLAS's SkylakeX kernels use, as Linux's /proc/cpuinfo names them. */
  private static final Set<String> AVX512 = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq",
      "avx512vl");

  /** The processor's flags, or an empty set where /proc/cpuinfo cannot be read. */
  private static Set<String> cpuFlags() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return Set.of();
    }
    for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
      if (line.startsWith("flags")) {
        return Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
      }
    }
    return Set.of();
  }

  /** The kernel set and how it was chosen, in a JVM with these properties and environment. */
  private static String[] kernels(List<String> properties, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(properties);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        KernelsProbe.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().remove(Kernels.OPENBLAS_VARIABLE);
    pb.environment().remove(Kernels.VARIABLE);
    pb.environment().putAll(environment);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), out);
    Matcher m = KERNELS.matcher(out.strip());
    assertTrue(m.find(), out);
    return new String[] {m.group(1), m.group(2)};
  }

  @Test
  void theDetectedKernelsRunAndAnInheritedCoreTypeIsSetAside() throws Exception {
    String[] detected = kernels(List.of(), Map.of());
    assertEquals("detected", detected[1]);
    // OPENBLAS_CORETYPE in the environment, usually meant for another OpenBLAS build, is set
    // aside: the same kernels, and the description says how to apply it
    String[] inherited = kernels(List.of(), Map.of(Kernels.OPENBLAS_VARIABLE, "Haswell"));
    assertEquals(detected[0], inherited[0]);
    assertEquals("detected; OPENBLAS_CORETYPE=Haswell from the environment set aside "
        + "(-Dffnn.blas.coretype=Haswell applies it)", inherited[1]);
    if (cpuFlags().containsAll(AVX512)) {
      // on an AVX-512 processor, the AVX-512 kernels, with no environment variable
      assertTrue(Set.of("skylakex", "cooperlake", "sapphirerapids")
          .contains(detected[0].toLowerCase(java.util.Locale.ROOT)), detected[0]);
    }
  }

  @Test
  void theUserChoosesByPropertyOrVariable() throws Exception {
    String[] property = kernels(List.of("-Dffnn.blas.coretype=Haswell"),
        Map.of(Kernels.OPENBLAS_VARIABLE, "Zen"));
    assertEquals("Haswell", property[0]);
    assertEquals("asked for with -Dffnn.blas.coretype=Haswell", property[1]);
    String[] variable = kernels(List.of(), Map.of(Kernels.VARIABLE, "zen"));
    assertEquals("Zen", variable[0]);
    assertEquals("asked for with FFNN_BLAS_CORETYPE=zen", variable[1]);
    // the property wins over the variable
    assertEquals("Haswell", kernels(List.of("-Dffnn.blas.coretype=Haswell"),
        Map.of(Kernels.VARIABLE, "Zen"))[0]);
  }

  @Test
  void aKernelSetThisProcessorCannotRunFallsBackSafely() throws Exception {
    String detected = kernels(List.of(), Map.of())[0];
    String[] unknown = kernels(List.of("-Dffnn.blas.coretype=NoSuchCore"), Map.of());
    assertEquals(detected, unknown[0]);
    assertEquals("asked for with -Dffnn.blas.coretype=NoSuchCore, which OpenBLAS does not know "
        + "or this processor cannot run", unknown[1]);
    Set<String> flags = cpuFlags();
    if (!flags.isEmpty() && !flags.contains("amx_tile")) {
      // Sapphire Rapids kernels need AMX: OpenBLAS runs others, and training still works
      String[] sapphire = kernels(List.of("-Dffnn.blas.coretype=SapphireRapids"), Map.of());
      assertFalse(sapphire[0].equalsIgnoreCase("SapphireRapids"), sapphire[0]);
    }
  }
}

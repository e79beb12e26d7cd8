package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.examples.cli.CliTest.Run;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed or out-of-range option value or spec is a usage error: status 2, one line, the
 * option named, before any data is read or made; a long value is not echoed whole.
 */
class OptionErrorsTest {

  static Stream<Arguments> refused() {
    String digits = "1".repeat(100_000);
    return Stream.of(
        Arguments.of("--optimizer", new String[] {"train", "--data", "xor", "--optimizer",
            "adam(lr=-1)"}),
        Arguments.of("--optimizer", new String[] {"train", "--data", "xor", "--optimizer",
            "adam(beta1=2)"}),
        Arguments.of("--optimizer", new String[] {"train", "--data", "xor", "--optimizer",
            "java.lang.Runtime"}),
        Arguments.of("--optimizer", new String[] {"train", "--data", "xor", "--optimizer",
            "adam(lr=" + digits + ")"}),
        Arguments.of("--activation", new String[] {"train", "--data", "xor", "--activation",
            "relu("}),
        Arguments.of("--activation", new String[] {"train", "--data", "xor", "--activation",
            "leaky_relu(alpha=" + digits + ")"}),
        Arguments.of("--output", new String[] {"train", "--data", "xor", "--output",
            "softmax(x=1)"}),
        Arguments.of("--cost", new String[] {"train", "--data", "xor", "--cost", "nope"}),
        Arguments.of("--schedule", new String[] {"train", "--data", "xor", "--schedule",
            "step(x=1)"}),
        Arguments.of("--backend", new String[] {"train", "--data", "xor", "--backend", "bogus"}),
        Arguments.of("--backend", new String[] {"bench", "--backend", "bogus"}),
        Arguments.of("--delimiter", new String[] {"train", "--data", "xor", "--delimiter",
            "\""}),
        Arguments.of("--delimiter", new String[] {"train", "--data", "xor", "--delimiter",
            "\n"}),
        Arguments.of("--delimiter", new String[] {"eval", "--model", "m.ffnn", "--data", "xor",
            "--delimiter", "\u0001"}),
        Arguments.of("--activation", new String[] {"gradcheck", "--activation", "relu("}),
        Arguments.of("--cost", new String[] {"gradcheck", "--cost", "nope"}),
        Arguments.of("--data", new String[] {"train", "--data", "x".repeat(120_000)}));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void isAUsageErrorOfOneBoundedLineNamingTheOption(String option, String[] args) {
    Run r = CliTest.run(args);
    assertEquals(2, r.status(), r.err());
    String err = r.err().strip();
    assertTrue(err.startsWith("error: "), err);
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.length() <= Cli.MAX_LINE + 100, err.length() + " characters");
    assertTrue(err.contains(option) || option.equals("--data") && err.contains("data spec"), err);
    assertTrue(r.out().isEmpty(), "no work done: " + r.out());
  }
}

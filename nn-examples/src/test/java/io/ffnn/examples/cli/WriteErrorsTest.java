package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A write to standard output that fails is an error, not a silent partial output. */
class WriteErrorsTest {

  /** Standard output on a disk that fills after {@code room} bytes. */
  private static PrintStream full(int room) {
    return new PrintStream(new OutputStream() {
      private int written;

      @Override
      public void write(int b) throws IOException {
        if (++written > room) {
          throw new IOException("No space left on device");
        }
      }
    }, false, StandardCharsets.UTF_8);
  }

  @Test
  void aFullDiskOnStandardOutputExitsWithStatus1AndOneErrorLine() {
    for (String[] args : new String[][] {{"list"}, {"--help"}, {"example", "xor"}}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Cli.run(args, full(100), new PrintStream(err, true, StandardCharsets.UTF_8));
      String text = err.toString(StandardCharsets.UTF_8);
      assertEquals(1, status, String.join(" ", args) + ": " + text);
      assertTrue(text.endsWith("error: could not write standard output (a full disk or a closed "
          + "pipe?); what was written is incomplete\n"), text);
      assertEquals(1, text.lines().filter(l -> l.startsWith("error:")).count(), text);
    }
    // with room enough, the same commands succeed
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, Cli.run(new String[] {"list"}, full(1 << 20),
        new PrintStream(err, true, StandardCharsets.UTF_8)));
  }

  @Test
  void jsonWritesNonFiniteMetricsAsNull() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode node = mapper.createObjectNode();
    Cli.putMetric(node, "r2", Double.NaN);
    Cli.putMetric(node, "mse", Double.POSITIVE_INFINITY);
    Cli.putMetric(node, "mae", 0.25);
    assertEquals("{\"r2\":null,\"mse\":null,\"mae\":0.25}", mapper.writeValueAsString(node));
  }
}

package io.ffnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.spark.example.SparkExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example program runs on the master spark-submit gives (local[2] without one) and agrees
 * with its one-machine run.
 */
class SparkExampleTest {

  @Test
  void trainsOnALocalMasterWithTheOneMachineLoss() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    // what spark-submit --master local[3] does: the property, not an argument
    System.setProperty("spark.master", "local[3]");
    try {
      SparkExample.main(new String[] {"300", "1", "3", "8"});
    } finally {
      System.setOut(original);
      System.clearProperty("spark.master");
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains(" 3 partitions on local[3]\n"), out);
    Matcher spark = Pattern.compile("ffnn on Spark   epoch 1: [0-9.]+ s, loss ([0-9.]+)")
        .matcher(out);
    Matcher alone = Pattern.compile("ffnn, one machine epoch 1: [0-9.]+ s, loss ([0-9.]+)")
        .matcher(out);
    assertTrue(spark.find() && alone.find(), out);
    assertEquals(alone.group(1), spark.group(1), out);
    // 784-8-10: P = 784·8 + 8 + 8·10 + 10 = 6370; three partitions return 8 P N bytes and more
    Matcher bytes = Pattern.compile("bytes per step: ([0-9,]+) returned to the driver")
        .matcher(out);
    assertTrue(bytes.find(), out);
    long returned = Long.parseLong(bytes.group(1).replace(",", ""));
    assertTrue(returned >= 8L * 6370 * 3 && returned < 1.1 * 8 * 6370 * 3, out);
    // the parameters broadcast once a step; besides, each step's closure (about 3.5 KB), the
    // epoch's order, and once the network's description (8 P and its JSON), here spread over
    // only 3 steps
    Matcher broadcast = Pattern.compile("broadcast per step: ([0-9,]+) bytes").matcher(out);
    assertTrue(broadcast.find(), out);
    long stored = Long.parseLong(broadcast.group(1).replace(",", ""));
    assertTrue(stored >= 8L * 6370 && stored < 1.6 * 8 * 6370, out);
  }

  @Test
  void withoutAMasterItRunsOnLocalTwoAndAMasterArgumentIsRefused() throws Exception {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> SparkExample.main(new String[] {"spark://host:7077", "300"}));
    assertEquals("the first argument is the number of examples, got 'spark://host:7077'; the "
        + "master comes from spark-submit --master (or the spark.master property), local[2] "
        + "without one", e.getMessage());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      SparkExample.main(new String[] {"200", "1", "2", "4"});
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains(" 2 partitions on local[2]\n"), out);
  }
}

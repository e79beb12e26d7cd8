package io.ffnn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The median a numeric column's missing values take, found by selection. */
class RawColumnTest {

  @TempDir
  Path dir;

  @Test
  void selectionFindsTheKthSmallestAmongRepeatedValues() {
    Random rng = new Random(1);
    for (int trial = 0; trial < 500; trial++) {
      double[] a = new double[1 + rng.nextInt(60)];
      for (int i = 0; i < a.length; i++) {
        // few distinct values: many ties, as pixel columns have
        a[i] = rng.nextInt(trial % 2 == 0 ? 3 : 1000) - 1.5;
      }
      double[] sorted = a.clone();
      Arrays.sort(sorted);
      int k = rng.nextInt(a.length);
      double[] work = a.clone();
      assertEquals(sorted[k], RawColumn.select(work, k), 0.0, Arrays.toString(a) + ", k " + k);
      for (int i = 0; i < k; i++) {
        assertEquals(true, work[i] <= sorted[k], "left of k stays no larger");
      }
    }
  }

  @Test
  void theFillOfANumericColumnIsItsMedian() throws IOException {
    Path even = Files.writeString(dir.resolve("even.csv"), "a,y\n5,0\n1,1\nNA,0\n3,1\n3,0\n9,1"
        + "\n7,0\n");
    assertEquals(new ColumnEncoding.Numeric("a", 4, false), Csv.read(even,
        CsvFormat.targetColumns("y")).encoding().orElseThrow().columns().get(0));
    Path odd = Files.writeString(dir.resolve("odd.csv"), "a,y\n5,0\n-1,1\n2e1,0\n");
    assertEquals(new ColumnEncoding.Numeric("a", 5, false), Csv.read(odd,
        CsvFormat.targetColumns("y")).encoding().orElseThrow().columns().get(0));
  }
}

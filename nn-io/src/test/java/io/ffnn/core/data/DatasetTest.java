package io.ffnn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DatasetTest {

  @Test
  void oneHotAndLabelsAreInverse() {
    int[] labels = {2, 0, 1, 2};
    DMatrixRMaj Y = Dataset.oneHot(labels, 3);
    assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1}, Y.data, 0.0);
    assertArrayEquals(labels, Dataset.labels(Y));
    assertArrayEquals(new int[] {1, 0}, Dataset.labels(new DMatrixRMaj(1, 2, true, 1, 0)));
    assertThrows(IllegalArgumentException.class, () -> Dataset.oneHot(new int[] {3}, 3));
  }

  @Test
  void splitsPartitionTheExamplesAndStratifiedSplitsKeepClassProportions() {
    Dataset d = Generated.blobs(4, 50, 0.5, 1);
    Dataset[] parts = d.split(7, false, 0.6, 0.2);
    assertEquals(200, parts[0].size() + parts[1].size());
    assertEquals(120, parts[0].size());
    Set<Double> seen = new HashSet<>();
    for (Dataset p : parts) {
      for (int i = 0; i < p.size(); i++) {
        assertTrue(seen.add(p.X().get(0, i) * 31 + p.X().get(1, i)), "an example twice");
      }
    }
    Dataset[] strata = d.split(7, true, 0.7, 0.3);
    int[] counts = new int[4];
    for (int label : Dataset.labels(strata[1].Y())) {
      counts[label]++;
    }
    assertArrayEquals(new int[] {15, 15, 15, 15}, counts);
    assertArrayEquals(d.split(7, true, 0.7, 0.3)[1].X().data, strata[1].X().data, 0.0);
    assertThrows(IllegalArgumentException.class, () -> d.split(1, false, 0.8, 0.5));
    assertThrows(IllegalArgumentException.class,
        () -> Generated.sine(10, 0.1, 1).split(1, true, 0.5));
  }

  @Test
  void batchesCopyOnlyTheBatch() {
    Dataset d = Generated.xor();
    DMatrixRMaj Xb = new DMatrixRMaj(1, 1);
    DMatrixRMaj Yb = new DMatrixRMaj(1, 1);
    d.batch(new int[] {3, 1, 0, 2}, 1, 3, Xb, Yb);
    assertArrayEquals(new double[] {0, 0, 1, 0}, Xb.data, 0.0);
    assertArrayEquals(new double[] {1, 0}, Arrays.copyOf(Yb.data, 2), 0.0);
    assertTrue(d.toString().startsWith("4 examples of 2 features"));
  }}

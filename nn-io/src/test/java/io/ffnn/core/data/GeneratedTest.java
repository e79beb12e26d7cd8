package io.ffnn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeneratedTest {

  @Test
  void spiralsHaveTheRequestedShapeAndOneHotTargets() {
    Dataset s = Generated.spirals(4, 25, 0.1, 1);
    assertEquals(2, s.X().numRows);
    assertEquals(100, s.size());
    assertEquals(4, s.Y().numRows);
    for (int i = 0; i < 100; i++) {
      double sum = 0;
      for (int c = 0; c < 4; c++) {
        sum += s.Y().get(c, i);
      }
      assertEquals(1.0, sum, 0.0);
      assertEquals(1.0, s.Y().get(i / 25, i), 0.0);
      assertTrue(Math.hypot(s.X().get(0, i), s.X().get(1, i)) <= 1.0 + 1e-12);
    }
    assertArrayEquals(s.X().data, Generated.spirals(4, 25, 0.1, 1).X().data, 0.0);
    assertThrows(IllegalArgumentException.class, () -> Generated.spirals(1, 5, 0, 1));
  }

  @Test
  void sineIsNoisyAroundTheCurve() {
    Dataset s = Generated.sine(2000, 0.1, 3);
    double sq = 0;
    for (int i = 0; i < 2000; i++) {
      double x = s.X().get(0, i);
      assertTrue(Math.abs(x) <= Math.PI);
      double d = s.Y().get(0, i) - Math.sin(x);
      sq += d * d;
    }
    assertEquals(0.01, sq / 2000, 0.002);
  }

  @org.junit.jupiter.api.Test
  void moonsCirclesBlobsAndMultiLabelHaveTheirShapes() {
    Dataset moons = Generated.moons(100, 0.1, 1);
    assertEquals(2, moons.classes());
    assertEquals(100, moons.size());
    Dataset circles = Generated.circles(100, 0.0, 0.5, 1);
    for (int i = 0; i < 100; i++) {
      double r = Math.hypot(circles.X().get(0, i), circles.X().get(1, i));
      assertEquals(i % 2 == 0 ? 1.0 : 0.5, r, 1e-12);
    }
    Dataset blobs = Generated.blobs(3, 10, 0.1, 1);
    assertEquals(3, blobs.classes());
    assertEquals(30, blobs.size());
    Dataset multi = Generated.multiLabel(50, 0.0, 1);
    assertEquals(3, multi.Y().numRows);
    for (int i = 0; i < 50; i++) {
      assertEquals(multi.X().get(0, i) > 0 ? 1.0 : 0.0, multi.Y().get(0, i), 0.0);
    }
    assertEquals(4, Generated.xor().size());
  }
}

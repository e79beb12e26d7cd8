package io.ffnn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.internal.data.DatasetAccess;
import io.ffnn.core.internal.data.Inputs;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets that hold their inputs otherwise than as a {@code double} matrix (the bytes of IDX
 * images, inputs read scaled) read the same values, bit for bit, as the matrix they stand for:
 * every gather, subset, split, scaling and fit is compared with the same operation on the matrix.
 */
class HeldInputsTest {

  @TempDir
  Path dir;

  private static final int ROWS = 4;
  private static final int COLS = 5;

  /** {@code m} images of 4×5 random pixels, with labels 0…2, read by {@link Idx#read}. */
  private Dataset images(int m, long seed) throws IOException {
    Random rng = new Random(seed);
    ByteArrayOutputStream img = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(img);
    out.writeInt(Idx.IMAGES_MAGIC);
    out.writeInt(m);
    out.writeInt(ROWS);
    out.writeInt(COLS);
    byte[] pixels = new byte[m * ROWS * COLS];
    rng.nextBytes(pixels);
    // a constant pixel: its scale falls back to 1
    for (int i = 0; i < m; i++) {
      pixels[i * ROWS * COLS + 7] = 42;
    }
    out.write(pixels);
    ByteArrayOutputStream lab = new ByteArrayOutputStream();
    DataOutputStream lout = new DataOutputStream(lab);
    lout.writeInt(Idx.LABELS_MAGIC);
    lout.writeInt(m);
    for (int i = 0; i < m; i++) {
      lout.writeByte(rng.nextInt(3));
    }
    Path images = dir.resolve("images-" + seed);
    Path labels = dir.resolve("labels-" + seed);
    Files.write(images, img.toByteArray());
    Files.write(labels, lab.toByteArray());
    return Idx.read(images, labels, 3);
  }

  private static int[] shuffled(int m, long seed) {
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Dataset.shuffle(order, new Random(seed));
    return order;
  }

  private static void assertSameBits(DMatrixRMaj expected, DMatrixRMaj actual) {
    assertEquals(expected.numRows, actual.numRows);
    assertEquals(expected.numCols, actual.numCols);
    for (int k = 0; k < expected.getNumElements(); k++) {
      assertEquals(Double.doubleToRawLongBits(expected.data[k]),
          Double.doubleToRawLongBits(actual.data[k]), "entry " + k);
    }
  }

  @Test
  void imagesAreHeldAsTheirBytesAndReadAsTheMatrixReadImagesMakes() throws IOException {
    Dataset data = images(37, 1);
    Inputs in = DatasetAccess.inputs(data);
    assertTrue(in.exampleMajor());
    // a byte per pixel and the tables, not eight
    assertTrue(in.bytesHeld() < 37L * 20 + 13 * 20 * 256, in.bytesHeld() + " bytes");
    DMatrixRMaj X = Idx.readImages(dir.resolve("images-1"));
    assertSameBits(X, data.X());
    assertNotSame(data.X(), data.X());
    int[] order = shuffled(37, 5);
    DMatrixRMaj Xb = new DMatrixRMaj(1, 1);
    DMatrixRMaj Yb = new DMatrixRMaj(1, 1);
    DMatrixRMaj expected = new DMatrixRMaj(1, 1);
    for (int from = 0; from < 37; from += 8) {
      int to = Math.min(37, from + 8);
      data.batch(order, from, to, Xb, Yb);
      new Dataset(X, data.Y(), 3, java.util.List.of()).batch(order, from, to, expected,
          new DMatrixRMaj(1, 1));
      assertSameBits(expected, Xb);
    }
  }

  @Test
  void floatRowsAreTheMatrixRoundedOnce() throws IOException {
    Dataset data = images(21, 2);
    Scaler scaler = Scaler.fit(Scaler.Kind.STANDARD, data.X());
    DMatrixRMaj scaledX = scaler.transform(data.X());
    for (Dataset d : new Dataset[] {data.scaled(scaler, null),
        new Dataset(data.X(), data.Y(), 3, java.util.List.of()).scaled(scaler, null)}) {
      int[] order = shuffled(21, 3);
      FMatrixRMaj rows = new FMatrixRMaj(1, 1);
      DatasetAccess.inputs(d).gatherRows(order, 4, 17, rows);
      assertEquals(13, rows.numRows);
      assertEquals(20, rows.numCols);
      for (int k = 0; k < 13; k++) {
        for (int p = 0; p < 20; p++) {
          assertEquals((float) scaledX.get(p, order[4 + k]), rows.get(k, p), 0f);
        }
      }
      for (boolean inFloat : new boolean[] {false, true}) {
        Inputs copy = DatasetAccess.inputs(d).rowCopy(inFloat);
        assertTrue(copy.exampleMajor());
        DMatrixRMaj cols = new DMatrixRMaj(1, 1);
        copy.gatherColumns(order, 0, 21, cols);
        for (int k = 0; k < 21; k++) {
          for (int p = 0; p < 20; p++) {
            double x = scaledX.get(p, order[k]);
            assertEquals(inFloat ? (float) x : x, cols.get(p, k), 0.0);
          }
        }
      }
    }
  }

  @Test
  void scaledDatasetsReadWhatTheScalerMakesOfTheMatrixWithoutACopy() throws IOException {
    Dataset data = images(50, 3);
    DMatrixRMaj X = data.X();
    Dataset columns = new Dataset(X, data.Y(), 3, java.util.List.of());
    for (Scaler.Kind kind : Scaler.Kind.values()) {
      Scaler scaler = Scaler.fit(kind, X);
      // fitted from the bytes (each feature summed in example order): the same scaler
      assertEquals(scaler, Scaler.fit(kind, data));
      DMatrixRMaj expected = scaler.transform(X);
      Dataset scaled = data.scaled(scaler, null);
      assertSameBits(expected, scaled.X());
      assertSame(data.Y(), scaled.Y());
      Dataset scaledColumns = columns.scaled(scaler, null);
      assertSameBits(expected, scaledColumns.X());
      assertSame(X, columns.X(), "the caller's matrix is not scaled in place");
      assertEquals(Scaler.fit(kind, expected), Scaler.fit(kind, scaled));
      assertEquals(Scaler.fit(kind, expected), Scaler.fit(kind, scaledColumns));
      // scaled twice: as the scaler applied twice
      Scaler again = Scaler.fit(Scaler.Kind.MIN_MAX, expected);
      DMatrixRMaj twice = again.transform(expected);
      assertSameBits(twice, scaled.scaled(again, null).X());
      assertSameBits(twice, scaledColumns.scaled(again, null).X());
    }
  }

  @Test
  void subsetsAndSplitsKeepTheBytesAndTheirValues() throws IOException {
    Dataset data = images(60, 4);
    Scaler scaler = Scaler.fit(Scaler.Kind.STANDARD, data);
    Dataset scaled = data.scaled(scaler, null);
    Dataset columns = new Dataset(scaled.X(), data.Y(), 3, java.util.List.of());
    Dataset[] parts = scaled.split(9, true, 0.7, 0.3);
    Dataset[] expected = columns.split(9, true, 0.7, 0.3);
    for (int p = 0; p < 2; p++) {
      assertTrue(DatasetAccess.inputs(parts[p]).exampleMajor());
      // a byte an entry, and the tables of each feature's 256 values in double and float
      assertEquals(20L * parts[p].size() + 12L * 20 * 256,
          DatasetAccess.inputs(parts[p]).bytesHeld());
      assertSameBits(expected[p].X(), parts[p].X());
      assertSameBits(expected[p].Y(), parts[p].Y());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> data.subset(new int[] {3, 60}));
    assertEquals("example 60 is not one of the 60", e.getMessage());
  }

  @Test
  void aCsvFileOfNumbersIsHeldAsItsRowsAndReadAsItsMatrix() throws IOException {
    Path file = dir.resolve("numbers.csv");
    Files.writeString(file, "a,b,c,y\n1.5,-2,3e-3,0\n4,5.25,6,1\n-7,8,9.5,0\n10,0.1,-12,1\n");
    Dataset data = Csv.read(file, CsvFormat.labelColumn("y"));
    Inputs in = DatasetAccess.inputs(data);
    assertTrue(in.exampleMajor());
    assertEquals(8L * 3 * 4, in.bytesHeld());
    DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1.5, 4, -7, 10}, {-2, 5.25, 8, 0.1},
        {3e-3, 6, 9.5, -12}});
    assertSameBits(X, data.X());
    ColumnEncoding encoding = data.encoding().orElseThrow();
    for (Scaler.Kind kind : Scaler.Kind.values()) {
      Scaler scaler = encoding.fitScaler(kind, data);
      assertEquals(encoding.fitScaler(kind, X), scaler);
      Dataset scaled = data.scaled(scaler, null);
      assertSameBits(scaler.transform(X), scaled.X());
      Dataset[] parts = scaled.split(2, false, 0.5, 0.5);
      Dataset[] expected = new Dataset(scaler.transform(X), data.Y(), 2, data.classNames())
          .split(2, false, 0.5, 0.5);
      assertSameBits(expected[0].X(), parts[0].X());
      assertSameBits(expected[1].X(), parts[1].X());
      FMatrixRMaj rows = new FMatrixRMaj(1, 1);
      DatasetAccess.inputs(scaled).gatherRows(new int[] {3, 1}, 0, 2, rows);
      assertEquals((float) scaler.transform(X).get(2, 3), rows.get(0, 2), 0f);
      assertEquals((float) scaler.transform(X).get(0, 1), rows.get(1, 0), 0f);
    }
  }

  @Test
  void aScalerForOtherFeaturesIsRefusedByName() throws IOException {
    Dataset data = images(5, 6);
    Scaler other = new Scaler(Scaler.Kind.STANDARD, new double[3], new double[] {1, 1, 1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> data.scaled(other, null));
    assertEquals("the scaler has 3 features but the data have 20", e.getMessage());
    // targets scaled into a copy, inputs untouched
    Scaler y = new Scaler(Scaler.Kind.STANDARD, new double[] {1, 0, 0},
        new double[] {2, 1, 1});
    Dataset t = data.scaled(null, y);
    assertSame(DatasetAccess.inputs(data), DatasetAccess.inputs(t));
    assertArrayEquals(y.transform(data.Y()).data, t.Y().data, 0.0);
    assertFalse(t.Y() == data.Y());
  }

  @Test
  void nonFiniteScaledValuesAreFoundWhereTheyAre() {
    DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 1e308, 6}});
    Dataset d = Dataset.regression(X, new DMatrixRMaj(1, 3));
    Scaler tiny = new Scaler(Scaler.Kind.STANDARD, new double[] {0, 0},
        new double[] {1, 1e-10});
    assertEquals("has Infinity at [1,1]", DatasetAccess.inputs(d.scaled(tiny, null))
        .firstNonFinite());
    assertEquals(null, DatasetAccess.inputs(d).firstNonFinite());
  }
}

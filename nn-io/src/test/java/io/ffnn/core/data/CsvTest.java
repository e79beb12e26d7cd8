package io.ffnn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvTest {

  @TempDir
  Path dir;

  private Path file(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  @Test
  void classificationWithStringLabelsAndASkippedColumn() throws IOException {
    Path f = file("iris.csv", "id,sepal,petal,species\n"
        + "1, 5.1, 1.4, setosa\n"
        + "2, 7.0, 4.7, versicolor\n"
        + "\n"
        + "3, 6.3, 6.0, virginica\n"
        + "4, 4.9, 1.5, setosa\n");
    Dataset d = Csv.read(f, CsvFormat.labelColumn("species").withSkippedColumns("id"));
    assertEquals(4, d.size());
    assertEquals(2, d.features());
    assertEquals(3, d.classes());
    assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
    assertArrayEquals(new double[] {5.1, 7.0, 6.3, 4.9, 1.4, 4.7, 6.0, 1.5}, d.X().data, 0.0);
    assertArrayEquals(new int[] {0, 1, 2, 0}, Dataset.labels(d.Y()));
  }

  @Test
  void aHeaderNamesTheFeaturesAndTargets() throws IOException {
    Path f = file("iris.csv", "id,sepal,petal,species\n1,5.1,1.4,setosa\n2,7.0,4.7,virginica\n");
    Dataset d = Csv.read(f, CsvFormat.labelColumn("species").withSkippedColumns("id"));
    assertEquals(List.of("sepal", "petal"), d.featureNames());
    assertEquals(List.of("species"), d.targetNames());
    Dataset r = Csv.read(f, CsvFormat.targetColumns("petal", "id").withSkippedColumns("species"));
    assertEquals(List.of("sepal"), r.featureNames());
    assertEquals(List.of("petal", "id"), r.targetNames());
    Dataset split = r.subset(new int[] {1});
    assertEquals(List.of("sepal"), split.featureNames());
    assertEquals(List.of(), Csv.read(file("bare.csv", "1,2,0\n3,4,1\n"),
        CsvFormat.labelColumn("2").withHeader(false)).featureNames());
  }

  @Test
  void listedFeatureColumnsAreTakenInTheirOrderAndOthersIgnored() throws IOException {
    Path f = file("shuffled.csv", "note,petal,species,sepal\nx,1.4,setosa,5.1\ny,4.7,virginica,7.0\n");
    Dataset d = Csv.read(f, CsvFormat.labelColumn("species")
        .withFeatureColumns(List.of("sepal", "petal")));
    assertEquals(List.of("sepal", "petal"), d.featureNames());
    assertArrayEquals(new double[] {5.1, 7.0, 1.4, 4.7}, d.X().data, 0.0);
    DataFormatException missing = assertThrows(DataFormatException.class, () -> Csv.read(f,
        CsvFormat.featuresOnly().withFeatureColumns(List.of("sepal", "width"))));
    assertEquals(f + ": no column 'width'; the file has columns [note, petal, species, sepal]",
        missing.getMessage());
    DataFormatException both = assertThrows(DataFormatException.class, () -> Csv.read(f,
        CsvFormat.labelColumn("species").withFeatureColumns(List.of("species"))));
    assertEquals(f + ": column 'species' (3) is listed as a feature but is also the label",
        both.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> CsvFormat.featuresOnly().withFeatureColumns(List.of("a", "a")));
    assertThrows(IllegalArgumentException.class,
        () -> CsvFormat.featuresOnly().withFeatureColumns(List.of()));
  }

  @Test
  void fixedClassesMapLabelsByNameAndRefuseOthersByLine() throws IOException {
    List<String> classes = List.of("cat", "dog", "emu");
    // a test file that lacks 'cat' still has a row per class
    Path f = file("pets.csv", "w,label\n1,emu\n2,dog\n3,emu\n");
    Dataset d = Csv.read(f, CsvFormat.labelColumn("label").withClassNames(classes));
    assertEquals(3, d.classes());
    assertEquals(classes, d.classNames());
    assertEquals(3, d.Y().numRows);
    assertArrayEquals(new int[] {2, 1, 2}, Dataset.labels(d.Y()));
    // one class alone is a valid test file when the classes are given
    Path one = file("one.csv", "w,label\n1,dog\n");
    assertArrayEquals(new int[] {1}, Dataset.labels(Csv.read(one,
        CsvFormat.labelColumn("label").withClassNames(classes)).Y()));
    Path ant = file("ant.csv", "w,label\n1,dog\n2,ant\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(ant,
        CsvFormat.labelColumn("label").withClassNames(classes)));
    assertEquals(ant + ", line 3, column 'label' (2): label 'ant' is not one of the 3 classes "
        + "[cat, dog, emu]", e.getMessage());
    // integer labels are names too: '7' is not one of '0', '1', '2'
    Path seven = file("seven.csv", "w,label\n1,0\n2,7\n");
    assertThrows(DataFormatException.class, () -> Csv.read(seven,
        CsvFormat.labelColumn("label").withClassNames(List.of("0", "1", "2"))));
    assertThrows(IllegalArgumentException.class,
        () -> CsvFormat.targetColumns("y").withClassNames(classes));
    assertThrows(IllegalArgumentException.class,
        () -> CsvFormat.labelColumn("y").withClassNames(List.of("a")));
    assertThrows(IllegalArgumentException.class,
        () -> CsvFormat.labelColumn("y").withClassNames(List.of("a", "b", "a")));
  }

  @Test
  void integerLabelsKeepTheirNumbers() throws IOException {
    Path f = file("digits.csv", "a;b;label\n0.5;1;2\n0.25;0;0\n");
    Dataset d = Csv.read(f, CsvFormat.labelColumn("label").withDelimiter(';'));
    assertEquals(3, d.classes());
    assertArrayEquals(new int[] {2, 0}, Dataset.labels(d.Y()));
  }

  @Test
  void regressionTargetsAndFilesWithoutHeader() throws IOException {
    Path f = file("reg.csv", "1,2,10,20\n3,4,30,40\n");
    Dataset d = Csv.read(f, CsvFormat.targetColumns("2", "3").withHeader(false));
    assertEquals(0, d.classes());
    assertArrayEquals(new double[] {1, 3, 2, 4}, d.X().data, 0.0);
    assertArrayEquals(new double[] {10, 30, 20, 40}, d.Y().data, 0.0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "x,y,label\\n1,2,a\\n2,3,a\\n3,4,b\\n4,5,b\\n5,6,a\\n6,7,b\\n7,8,a\\n8,9,b\\n9,1,a"
          + "\\n3,oops,b\\n|, line 11, column 'y' (2): 'oops' is neither a number nor a missing "
          + "value, but 9 of the column's 10 values are numbers",
      "x,y,label\\n1,2,a\\n3,4\\n|, line 3: the row has 2 columns, expected 3",
      "x,y,label\\n1,2,a\\n2,2,NA\\n|, line 3, column 'label' (3): the label is missing ('NA')",
      "x,y,label\\n1,,a\\n2,NA,b\\n3,?,a\\n|: column 'y' (2) has no value in its 3 rows (all "
          + "missing)",
      "x,y,label\\n1,2,a\\n|: the label column 'label' (3) holds a single class, [a]",
      "x,y,z\\n1,2,3\\n|: no column 'label'; the file has columns [x, y, z]",
      "x,y,label\\n|: the file has a header but no rows",
      "x,,label\\n1,2,a\\n2,1,b\\n|: column 2 has no name in the header; name it, or skip it by "
          + "its 0-based index, 1",
      "|: the file is empty",
      "x,y,label\\n1,\"2,a\\n|: malformed CSV"})
  void errorsNameFileLineAndColumn(String content, String expected) throws IOException {
    Path f = file("bad.csv", content == null ? "" : content.replace("\\n", "\n"));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Csv.read(f, CsvFormat.labelColumn("label")));
    assertEquals(true, e.getMessage().startsWith(f + expected)
        || e.getMessage().startsWith(f.toString()) && e.getMessage().contains(expected.trim()),
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0x1p3", "1d", "1f", "Infinity", "1_000", "1e", "--1",
      "1.2.3", "1 5", "e5", "+.e1"})
  void onlyDecimalAndScientificNumbersAreNumbers(String text) throws IOException {
    // a target must be a number
    Path f = file("n.csv", "a,y\n1," + text + "\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Csv.read(f, CsvFormat.targetColumns("y")));
    assertEquals(f + ", line 2, column 'y' (2): '" + text + "' is not a number (decimal or "
        + "scientific notation, e.g. -1.5 or 2e-3)", e.getMessage());
    // a feature that is not a number is a category; of two as frequent, the first in order
    // fills a missing value
    Path g = file("c.csv", "a,y\n" + text + ",1\n2,0\n");
    List<String> categories = List.of("2", text).stream().sorted().toList();
    assertEquals(new ColumnEncoding.Categorical("a", categories, categories.get(0), false),
        Csv.read(g, CsvFormat.targetColumns("y")).encoding().orElseThrow().columns().get(0));
  }

  @Test
  void everyDecimalAndScientificFormIsRead() throws IOException {
    Path f = file("ok.csv", "a,y\n-1.5,1\n+2,0\n.5,1\n3.,0\n2e-3,1\n-4E+2,0\n 7 ,1\n");
    assertArrayEquals(new double[] {-1.5, 2, 0.5, 3, 2e-3, -400, 7},
        Csv.read(f, CsvFormat.targetColumns("y")).X().data, 0.0);
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws IOException {
    Path f = file("bom.csv", "\uFEFFa,b,y\n1,2,3\n");
    Dataset d = Csv.read(f, CsvFormat.targetColumns("y").withSkippedColumns("a"));
    assertArrayEquals(new double[] {2}, d.X().data, 0.0);
  }

  @Test
  void aLabelOrTargetWithoutANameIsRefusedBeforeAModelCouldRecordIt() throws IOException {
    Path f = file("unnamed.csv", "x,y,\n1,2,a\n2,1,b\n");
    assertEquals(f + ": column 3, the label, has no name in the header; name it", assertThrows(
        DataFormatException.class, () -> Csv.read(f, CsvFormat.labelColumn("2"))).getMessage());
    Path g = file("unnamed-target.csv", ",x\n1,2\n2,1\n");
    assertEquals(g + ": column 1, a target, has no name in the header; name it", assertThrows(
        DataFormatException.class, () -> Csv.read(g, CsvFormat.targetColumns("0")))
        .getMessage());
  }

  @Test
  void duplicateAndConflictingColumnsAreRefused() throws IOException {
    Path twice = file("twice.csv", "a,b,a,y\n1,2,3,4\n");
    assertEquals(twice + ": columns 1 and 3 are both named 'a'; a column named twice cannot be "
        + "chosen by name", assertThrows(DataFormatException.class,
            () -> Csv.read(twice, CsvFormat.targetColumns("y"))).getMessage());
    Path f = file("f.csv", "a,b,y\n1,2,3\n");
    assertEquals(f + ": column 'y' (3) is named twice as a target", assertThrows(
        DataFormatException.class, () -> Csv.read(f, CsvFormat.targetColumns("y", "y")))
        .getMessage());
    assertEquals(f + ": column 'y' (3) is both the label and skipped, or skipped twice",
        assertThrows(DataFormatException.class,
            () -> Csv.read(f, CsvFormat.labelColumn("y").withSkippedColumns("y"))).getMessage());
  }

  @Test
  void classesTooManyForMemoryAreRefusedBeforeTheOneHotMatrixIsMade() throws IOException {
    // distinct string labels: as many classes as rows; enough rows that the one-hot Y would
    // take more than a quarter of the heap
    long maxHeap = Runtime.getRuntime().maxMemory();
    int rows = (int) Math.min(200_000, Math.sqrt(maxHeap / 4.0 / 8) + 10);
    StringBuilder sb = new StringBuilder("x,y\n");
    for (int i = 0; i < rows; i++) {
      sb.append(i).append(",c").append(i).append('\n');
    }
    Path f = file("many.csv", sb.toString());
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Csv.read(f, CsvFormat.labelColumn("y")));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    long bytes = 8L * rows * rows;
    assertEquals(f + ": the label column 'y' (2) makes " + rows + " classes for " + rows
        + " rows: a one-hot Y of " + bytes + " bytes, more than the " + maxHeap / 4
        + " bytes (a quarter of the maximum heap) that data may take", e.getMessage());
    org.junit.jupiter.api.Assertions.assertTrue(allocated < bytes / 4,
        allocated + " bytes allocated, the refused matrix is " + bytes);
  }

  /** A small published-looking table: strings, numbers, and missing values spelt three ways. */
  private static final String PENGUINS = "species,island,mass,sex,year\n"
      + "Adelie,Torgersen,3750,male,2007\n"
      + "Adelie,Biscoe,NA,female,2008\n"
      + "Gentoo,Biscoe,5000,,2008\n"
      + "Gentoo,Dream,4800,male,2009\n"
      + "Chinstrap,Dream,3700,?,2009\n";

  @Test
  void textColumnsAreOneHotAndMissingValuesImputed() throws IOException {
    Dataset d = Csv.read(file("p.csv", PENGUINS), CsvFormat.labelColumn("species"));
    ColumnEncoding e = d.encoding().orElseThrow();
    // island: sorted categories, the most frequent (first of equals) fills; mass: the median
    // of 3750, 5000, 4800, 3700; sex: male twice, female once
    assertEquals(List.of(
        new ColumnEncoding.Categorical("island", List.of("Biscoe", "Dream", "Torgersen"),
            "Biscoe", false),
        new ColumnEncoding.Numeric("mass", 4275, false),
        new ColumnEncoding.Categorical("sex", List.of("female", "male"), "male", false),
        new ColumnEncoding.Numeric("year", 2008, false)), e.columns());
    assertEquals(List.of("island=Biscoe", "island=Dream", "island=Torgersen", "mass",
        "sex=female", "sex=male", "year"), d.featureNames());
    assertArrayEquals(new double[] {
        0, 1, 1, 0, 0,
        0, 0, 0, 1, 1,
        1, 0, 0, 0, 0,
        3750, 4275, 5000, 4800, 3700,
        0, 1, 0, 0, 0,
        1, 0, 1, 1, 1,
        2007, 2008, 2008, 2009, 2009}, d.X().data, 0.0);
    assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), d.classNames());
  }

  @Test
  void indicatorsFollowTheColumnsThatHadMissingValues() throws IOException {
    Dataset d = Csv.read(file("p.csv", PENGUINS), CsvFormat.labelColumn("species")
        .withMissingIndicators(true));
    assertEquals(List.of("island=Biscoe", "island=Dream", "island=Torgersen", "mass",
        "mass (missing)", "sex=female", "sex=male", "sex (missing)", "year"), d.featureNames());
    assertArrayEquals(new double[] {0, 1, 0, 0, 0}, row(d, 4), 0.0);
    assertArrayEquals(new double[] {0, 0, 1, 0, 1}, row(d, 7), 0.0);
  }

  private static double[] row(Dataset d, int p) {
    double[] r = new double[d.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = d.X().get(p, i);
    }
    return r;
  }

  @Test
  void theMissingSpellingsAreConfigurable() throws IOException {
    Path f = file("m.csv", "a,b,y\n1,x,0\n-,NA,1\n3,x,0\n");
    Dataset d = Csv.read(f, CsvFormat.targetColumns("y").withMissingValues(List.of("-")));
    // '-' is missing (a's median is 2); 'NA' is now a category of b
    assertEquals(List.of(new ColumnEncoding.Numeric("a", 2, false),
        new ColumnEncoding.Categorical("b", List.of("NA", "x"), "x", false)),
        d.encoding().orElseThrow().columns());
    assertArrayEquals(new double[] {1, 2, 3, 0, 1, 0, 1, 0, 1}, d.X().data, 0.0);
  }

  @Test
  void aColumnThatTurnsToTextLateKeepsTheExactTextsOfItsEarlierRows() throws IOException {
    // '1.10' and '1.1' are one number but two texts: read again once the column turns
    StringBuilder sb = new StringBuilder("v,y\n1.10,0\n1.1,1\n2,0\nx,1\n");
    Dataset d = Csv.read(file("late.csv", sb.toString()), CsvFormat.targetColumns("y"));
    assertEquals(new ColumnEncoding.Categorical("v", List.of("1.1", "1.10", "2", "x"), "1.1",
        false), d.encoding().orElseThrow().columns().get(0));
    assertArrayEquals(new double[] {0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1},
        d.X().data, 0.0);
  }

  @Test
  void declaredCategoricalColumnsKeepTheirTexts() throws IOException {
    Path f = file("zip.csv", "zip,y\n02134,1\n2134,0\n02134,1\n");
    Dataset d = Csv.read(f, CsvFormat.targetColumns("y").withCategoricalColumns("zip"));
    assertEquals(new ColumnEncoding.Categorical("zip", List.of("02134", "2134"), "02134", false),
        d.encoding().orElseThrow().columns().get(0));
    assertEquals(f + ": column 'y' (2) is declared categorical but is not a feature (it is the "
        + "label, a target or skipped)", assertThrows(DataFormatException.class,
            () -> Csv.read(f, CsvFormat.targetColumns("y").withCategoricalColumns("y")))
        .getMessage());
  }

  @Test
  void aFileReadWithAnEncodingFindsItsColumnsByNameAndNeverFailsOnANewCategory()
      throws IOException {
    Dataset train = Csv.read(file("p.csv", PENGUINS), CsvFormat.labelColumn("species"));
    ColumnEncoding e = train.encoding().orElseThrow();
    // reordered, an extra column, an unseen island, missing values; no label column needed
    Path later = file("later.csv", "year,note,sex,island,mass\n"
        + "2010,a,female,Anvers,NA\n"
        + "2007,b,NA,Dream,4000\n");
    Dataset d = Csv.read(later, CsvFormat.featuresOnly().withEncoding(e));
    assertEquals(e, d.encoding().orElseThrow());
    assertArrayEquals(new double[] {
        0, 0,
        0, 1,
        0, 0,
        4275, 4000,
        1, 0,
        0, 1,
        2010, 2007}, d.X().data, 0.0);
    // the model reads mass as a number
    Path bad = file("bad.csv", "island,mass,sex,year\nDream,heavy,male,2008\n");
    assertEquals(bad + ", line 2, column 'mass' (2): 'heavy' is not a number (decimal or "
        + "scientific notation, e.g. -1.5 or 2e-3) (the model reads the column as numeric)",
        assertThrows(DataFormatException.class,
            () -> Csv.read(bad, CsvFormat.featuresOnly().withEncoding(e))).getMessage());
    Path lacking = file("lacking.csv", "island,mass,year\nDream,1,2008\n");
    assertEquals(lacking + ": no column 'sex'; the file has columns [island, mass, year]",
        assertThrows(DataFormatException.class,
            () -> Csv.read(lacking, CsvFormat.featuresOnly().withEncoding(e))).getMessage());
  }

  @Test
  void anIdentifierOrFreeTextIsNoCategory() throws IOException {
    StringBuilder sb = new StringBuilder("name,y\n");
    for (int i = 0; i < 150; i++) {
      sb.append("passenger ").append(i).append(',').append(i % 2).append('\n');
    }
    Path f = file("names.csv", sb.toString());
    assertEquals(f + ": column 'name' (1) has 150 distinct values in 150 rows: an identifier or "
        + "free text rather than categories; skip it, or declare it categorical to one-hot "
        + "encode it anyway", assertThrows(DataFormatException.class,
            () -> Csv.read(f, CsvFormat.targetColumns("y"))).getMessage());
    assertEquals(150, Csv.read(f, CsvFormat.targetColumns("y").withCategoricalColumns("name"))
        .features());
  }

  @Test
  void oneHotInputsTooManyForMemoryAreRefusedBeforeTheyAreMade() throws IOException {
    long maxHeap = Runtime.getRuntime().maxMemory();
    int rows = (int) Math.min(200_000, Math.sqrt(maxHeap / 4.0 / 8) + 10);
    StringBuilder sb = new StringBuilder("id,y\n");
    for (int i = 0; i < rows; i++) {
      sb.append('c').append(i).append(',').append(i % 2).append('\n');
    }
    Path f = file("wide.csv", sb.toString());
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Csv.read(f, CsvFormat.targetColumns("y").withCategoricalColumns("id")));
    assertEquals(f + ": the 1 feature columns encode to " + rows + " inputs (column 'id' alone "
        + "to " + rows + "): " + 8L * rows * rows + " bytes for " + rows + " rows, more than the "
        + maxHeap / 4 + " bytes (a quarter of the maximum heap) that data may take",
        e.getMessage());
  }
}

package io.ffnn.examples.cli;

import io.ffnn.core.data.Dataset;
import io.ffnn.core.internal.files.AtomicWrite;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.model.Model;
import io.ffnn.core.training.History;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots with XChart: the loss (on a log scale) and the task's metric per epoch, training and
 * validation, with at most ten epoch labels and markers only on short runs; for 2-D
 * classification data the decision regions with the data points drawn over them; for regression
 * the predictions against the true targets; for classification the confusion matrix as a heat
 * map.
 */
final class Plots {

  private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
      new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
      new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};

  private Plots() {}

  /** Writes {@code loss.png} and, where recorded, {@code accuracy.png} or {@code r2.png}. */
  static List<Path> history(History history, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    written.add(curve(history, "loss", "Loss per epoch", "loss", dir.resolve("loss.png")));
    for (String metric : new String[] {"accuracy", "r2"}) {
      if (history.last().metrics().containsKey(metric)) {
        written.add(curve(history, metric, metric.equals("r2") ? "R² per epoch"
            : "Accuracy per epoch", metric, dir.resolve(metric + ".png")));
      }
    }
    return written;
  }

  /** Past this many points a curve is a line alone: markers would merge into a thick band. */
  static final int MARKERS_UP_TO = 40;

  private static Path curve(History history, String metric, String title, String axis, Path file)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch")
        .yAxisTitle(axis).build();
    style(chart);
    double[] epochs = history.epochs().stream().mapToDouble(e -> e.epoch()).toArray();
    chart.getStyler().setXAxisDecimalPattern("#,##0");
    if (epochs.length > 12) {
      // XChart puts a tick on nearly every value of an all-integer x axis, and the labels run
      // together past 100 epochs; a shift far below a pixel takes it out of that mode, and an
      // axis from 0 to a round number then gets a few round ticks (0, 200, 400, …)
      for (int i = 0; i < epochs.length; i++) {
        epochs[i] += 1e-9;
      }
      chart.getStyler().setXAxisMin(0.0);
      chart.getStyler().setXAxisMax(roundUp(history.last().epoch()));
    }
    double[] train = history.get(metric).stream().mapToDouble(Double::doubleValue).toArray();
    double[] val = history.last().metrics().containsKey("val_" + metric)
        ? history.get("val_" + metric).stream().mapToDouble(Double::doubleValue).toArray() : null;
    // losses on a log scale, where they spend most of a run: a linear axis shows the first
    // epochs' drop and then a flat line
    chart.getStyler().setYAxisLogarithmic(metric.equals("loss") && positive(train)
        && (val == null || positive(val)));
    line(chart, "training " + metric, epochs, train, COLORS[0]);
    if (val != null) {
      line(chart, "validation " + metric, epochs, val, COLORS[1]);
    }
    png(chart, file);
    return file;
  }

  /** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at least {@code x}. */
  static double roundUp(double x) {
    double decade = Math.pow(10, Math.floor(Math.log10(x)));
    for (double f : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (f * decade >= x) {
        return f * decade;
      }
    }
    return 10 * decade;
  }

  private static void style(XYChart chart) {
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    chart.getStyler().setMarkerSize(5);
  }

  private static void line(XYChart chart, String name, double[] x, double[] y, Color color) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setLineColor(color);
    s.setMarkerColor(color);
    s.setMarker(x.length > MARKERS_UP_TO ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
  }

  private static boolean positive(double[] values) {
    for (double v : values) {
      if (!(v > 0) || !Double.isFinite(v)) {
        return false;
      }
    }
    return values.length > 0;
  }

  /**
   * Writes a regression model's predictions against the true targets, one chart per target
   * (the first three), with the line where they would be equal: {@code predicted-vs-true.png}.
   *
   * @param Yhat predictions in the targets' units
   * @param Y true targets
   * @param names the targets' names, or empty
   */
  static Path predictedVersusTrue(DMatrixRMaj Yhat, DMatrixRMaj Y, List<String> names, Path file)
      throws IOException {
    String target = names.isEmpty() ? "target" : names.get(0);
    XYChart chart = new XYChartBuilder().width(700).height(700)
        .title("Predicted against true " + target).xAxisTitle("true " + target)
        .yAxisTitle("predicted " + target).build();
    style(chart);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(Y.numCols > 2000 ? 3 : 6);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int rows = Math.min(3, Y.numRows);
    for (int r = 0; r < rows; r++) {
      double[] t = new double[Y.numCols];
      double[] p = new double[Y.numCols];
      for (int i = 0; i < Y.numCols; i++) {
        t[i] = Y.get(r, i);
        p[i] = Yhat.get(r, i);
        if (Double.isFinite(t[i]) && Double.isFinite(p[i])) {
          lo = Math.min(lo, Math.min(t[i], p[i]));
          hi = Math.max(hi, Math.max(t[i], p[i]));
        }
      }
      String name = names.size() > r ? names.get(r) : rows == 1 ? "examples" : "target " + r;
      XYSeries s = chart.addSeries(name, t, p);
      Color c = COLORS[r % COLORS.length];
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 140));
    }
    if (hi - lo >= 100) {
      // prices and counts in plain digits (280,000), not 2.8E5
      chart.getStyler().setXAxisDecimalPattern("#,##0");
      chart.getStyler().setYAxisDecimalPattern("#,##0");
    }
    if (lo < hi) {
      XYSeries diagonal = chart.addSeries("predicted = true", new double[] {lo, hi},
          new double[] {lo, hi});
      diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      diagonal.setMarker(SeriesMarkers.NONE);
      diagonal.setLineColor(Color.DARK_GRAY);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    png(chart, file);
    return file;
  }

  /**
   * Writes a confusion matrix as a heat map, counts printed in the cells:
   * {@code confusion-matrix.png}. Rows of the matrix (true classes) run down the y axis.
   *
   * @param confusion {@code confusion[t][p]}: examples of class {@code t} predicted as {@code p}
   * @param names the class names, or empty for numbers
   */
  static Path confusionMatrix(long[][] confusion, List<String> names, Path file)
      throws IOException {
    int k = confusion.length;
    List<String> labels = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      labels.add(names.size() == k ? names.get(c) : String.valueOf(c));
    }
    List<Number[]> cells = new ArrayList<>();
    long max = 1;
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        // x = predicted, y = true, counted from the top so that the diagonal runs down-right
        cells.add(new Number[] {p, k - 1 - t, confusion[t][p]});
        max = Math.max(max, confusion[t][p]);
      }
    }
    List<String> yLabels = new ArrayList<>(labels);
    java.util.Collections.reverse(yLabels);
    int size = Math.max(500, Math.min(1400, 80 * k + 200));
    HeatMapChart chart = new HeatMapChartBuilder().width(size + 120).height(size)
        .title("Confusion matrix").xAxisTitle("predicted class").yAxisTitle("true class")
        .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setShowValue(k <= 30);
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(max);
    // light enough at the top that the counts, in black, stay readable
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(198, 219, 239),
        new Color(107, 174, 214), new Color(66, 146, 198)});
    chart.getStyler().setHeatMapValueDecimalPattern("#,##0");
    chart.addSeries("examples", labels, yLabels, cells);
    Files.createDirectories(file.toAbsolutePath().getParent());
    png(chart, file);
    return file;
  }

  /**
   * Writes the decision regions of a 2-D classifier: a grid over the data's range coloured by the
   * predicted class, and the data points in the colour of their true class.
   */
  static Path decisionRegions(Model model, Dataset data, Path file) throws IOException {
    DMatrixRMaj X = data.X();
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < data.size(); i++) {
      minX = Math.min(minX, X.get(0, i));
      maxX = Math.max(maxX, X.get(0, i));
      minY = Math.min(minY, X.get(1, i));
      maxY = Math.max(maxY, X.get(1, i));
    }
    double padX = 0.1 * (maxX - minX + 1e-9);
    double padY = 0.1 * (maxY - minY + 1e-9);
    int steps = 120;
    DMatrixRMaj grid = new DMatrixRMaj(2, steps * steps);
    for (int a = 0; a < steps; a++) {
      for (int b = 0; b < steps; b++) {
        grid.set(0, a * steps + b, minX - padX + (maxX - minX + 2 * padX) * a / (steps - 1));
        grid.set(1, a * steps + b, minY - padY + (maxY - minY + 2 * padY) * b / (steps - 1));
      }
    }
    DMatrixRMaj scores = model.predict(grid);
    int classes = Math.max(2, data.classes());
    List<List<double[]>> regions = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      regions.add(new ArrayList<>());
    }
    for (int i = 0; i < grid.numCols; i++) {
      int c = scores.numRows == 1 ? (scores.get(0, i) >= 0.5 ? 1 : 0)
          : ClassificationMetrics.argmax(scores, i);
      if (c < 0) {
        continue; // a NaN output predicts no class: the point stays blank
      }
      regions.get(Math.min(c, classes - 1)).add(new double[] {grid.get(0, i), grid.get(1, i)});
    }
    XYChart chart = new XYChartBuilder().width(800).height(700).title("Decision regions")
        .xAxisTitle("x1").yAxisTitle("x2").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(5);
    for (int c = 0; c < classes; c++) {
      List<double[]> points = regions.get(c);
      if (points.isEmpty()) {
        continue;
      }
      Color base = COLORS[c % COLORS.length];
      XYSeries s = chart.addSeries("predicted " + name(data, c),
          points.stream().mapToDouble(p -> p[0]).toArray(),
          points.stream().mapToDouble(p -> p[1]).toArray());
      s.setMarker(SeriesMarkers.SQUARE);
      s.setMarkerColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), 60));
    }
    int[] labels = io.ffnn.core.data.Dataset.labels(data.Y().numRows == 1 && data.classes() == 2
        ? threshold(data.Y()) : data.Y());
    for (int c = 0; c < classes; c++) {
      final int cls = c;
      int[] idx = java.util.stream.IntStream.range(0, data.size()).filter(i -> labels[i] == cls)
          .toArray();
      if (idx.length == 0) {
        continue;
      }
      XYSeries s = chart.addSeries("class " + name(data, c),
          java.util.Arrays.stream(idx).mapToDouble(i -> X.get(0, i)).toArray(),
          java.util.Arrays.stream(idx).mapToDouble(i -> X.get(1, i)).toArray());
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(COLORS[c % COLORS.length].darker());
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    png(chart, file);
    return file;
  }

  /** One 0/1 row → two-row one-hot, so that labels come out as 0 and 1. */
  private static DMatrixRMaj threshold(DMatrixRMaj Y) {
    DMatrixRMaj out = new DMatrixRMaj(2, Y.numCols);
    for (int i = 0; i < Y.numCols; i++) {
      out.set(Y.get(0, i) >= 0.5 ? 1 : 0, i, 1);
    }
    return out;
  }

  private static String name(Dataset data, int c) {
    return data.classNames().isEmpty() ? String.valueOf(c) : data.classNames().get(c);
  }

  /**
   * Writes a chart as PNG the way every file of ffnn is written: through a temporary file moved
   * over the target, which must be a regular file if it exists (a symbolic link planted there is
   * refused, not written through).
   */
  private static void png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file)
      throws IOException {
    AtomicWrite.write(file, out -> BitmapEncoder.saveBitmap(chart, out,
        BitmapEncoder.BitmapFormat.PNG), UnaryOperator.identity(),
        head -> head.length == 0 || head.length >= 4 && (head[0] & 0xFF) == 0x89
            && head[1] == 'P' && head[2] == 'N' && head[3] == 'G');
  }
}

package io.ffnn.examples.cli;

import io.ffnn.core.data.Dataset;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.model.Model;
import io.ffnn.core.training.History;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots with XChart: the loss and the task's metric per epoch (training and validation), and
 * for 2-D classification data the decision regions with the data points drawn over them.
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

  private static Path curve(History history, String metric, String title, String axis, Path file)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch")
        .yAxisTitle(axis).build();
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    double[] epochs = history.epochs().stream().mapToDouble(e -> e.epoch()).toArray();
    XYSeries train = chart.addSeries("training " + metric, epochs,
        history.get(metric).stream().mapToDouble(Double::doubleValue).toArray());
    train.setLineColor(COLORS[0]);
    train.setMarkerColor(COLORS[0]);
    if (history.last().metrics().containsKey("val_" + metric)) {
      XYSeries val = chart.addSeries("validation " + metric, epochs,
          history.get("val_" + metric).stream().mapToDouble(Double::doubleValue).toArray());
      val.setLineColor(COLORS[1]);
      val.setMarkerColor(COLORS[1]);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
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
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
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
}

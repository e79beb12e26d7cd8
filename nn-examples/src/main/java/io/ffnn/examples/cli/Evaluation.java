package io.ffnn.examples.cli;

import io.ffnn.core.Workspace;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.metrics.MultiLabelMetrics;
import io.ffnn.core.metrics.RegressionMetrics;
import io.ffnn.core.metrics.Task;
import io.ffnn.core.model.Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Metrics of a model on a dataset, as numbers for JSON and as a readable report. */
final class Evaluation {

  final Map<String, Double> metrics = new LinkedHashMap<>();
  final String report;
  /** The predictions, in the targets' units, and the targets, for plots. */
  DMatrixRMaj Yhat;
  DMatrixRMaj Y;
  /** The confusion matrix, for classification; null otherwise. */
  long[][] confusion;

  /** Examples propagated at once. */
  static final int CHUNK = 4096;

  private Evaluation(String report) {
    this.report = report;
  }

  static Evaluation of(Model model, Dataset data) {
    var net = model.network();
    if (data.features() != net.size(0)) {
      throw new IllegalArgumentException("the data have " + data.features()
          + " features but the model takes n[0] = " + net.size(0));
    }
    DMatrixRMaj Y = targets(model, data);
    // the loss is the cost the network minimised, on the targets it learned (scaled, when the
    // model scales them); the metrics compare predictions with the targets in their own units
    Scaler targetScaler = model.targetScaler();
    int m = data.size();
    int L = net.depth();
    DMatrixRMaj Yhat = new DMatrixRMaj(net.size(L), m);
    double loss = 0;
    // in chunks, one forward pass each: memory for a chunk's activations, not the whole set's,
    // and no scaled copy of all the inputs; gathered from the inputs as the data hold them
    DMatrixRMaj Xc = new DMatrixRMaj(1, 1);
    DMatrixRMaj Yd = new DMatrixRMaj(1, 1);
    DMatrixRMaj Yc = Y == data.Y() ? Yd : new DMatrixRMaj(1, 1);
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Workspace ws = net.newWorkspace();
    for (int from = 0; from < m; from += CHUNK) {
      int to = Math.min(m, from + CHUNK);
      // the chunk's inputs and the data's targets; targets reshaped for the model, from Y
      data.batch(order, from, to, Xc, Yd);
      if (Yc != Yd) {
        Yc.reshape(Y.numRows, to - from);
        CommonOps_DDRM.extract(Y, 0, Yc.numRows, from, to, Yc, 0, 0);
      }
      if (model.scaler() != null) {
        model.scaler().transform(Xc, Xc);
      }
      if (targetScaler != null) {
        targetScaler.transform(Yc, Yc);
      }
      double J = net.forward(Xc, Yc, ws);
      loss = to - from == m ? J : loss + J * (to - from) / m;
      DMatrixRMaj A = ws.A(L);
      for (int p = 0; p < A.numRows; p++) {
        System.arraycopy(A.data, p * A.numCols, Yhat.data, p * m + from, to - from);
      }
    }
    if (targetScaler != null) {
      targetScaler.inverseTransform(Yhat, Yhat);
    }
    Task task = Task.of(net.cost(), net.size(net.depth()));
    double threshold = Task.threshold(net.cost().targetDomain());
    Evaluation e;
    switch (task) {
      case REGRESSION: {
        RegressionMetrics r = RegressionMetrics.of(Yhat, Y);
        e = new Evaluation(r.toString());
        e.Yhat = Yhat;
        e.Y = Y;
        e.metrics.put("loss", loss);
        e.metrics.put("mse", r.mse());
        e.metrics.put("mae", r.mae());
        e.metrics.put("r2", r.r2());
        return e;
      }
      case MULTILABEL: {
        MultiLabelMetrics ml = MultiLabelMetrics.of(Yhat, Y, threshold);
        e = new Evaluation(ml.toString());
        e.metrics.put("loss", loss);
        e.metrics.put("accuracy", ml.accuracy());
        e.metrics.put("hamming_loss", ml.hammingLoss());
        return e;
      }
      default: {
        ClassificationMetrics c = ClassificationMetrics.of(Yhat, Y, threshold);
        List<String> names = model.names().classes();
        e = new Evaluation(c.report(names.size() == c.classes() ? names : List.of()));
        e.confusion = c.confusionMatrix();
        e.metrics.put("loss", loss);
        e.metrics.put("accuracy", c.accuracy());
        e.metrics.put("macro_f1", c.macroF1());
        return e;
      }
    }
  }

  /**
   * The data's targets in the model's shape. Two-class labels read from a file (one-hot, two rows)
   * become the single 0/1 row of a one-output model; any other difference is an error saying what
   * each side has, and for classes whether names could have matched them.
   */
  private static DMatrixRMaj targets(Model model, Dataset data) {
    var net = model.network();
    int outputs = net.size(net.depth());
    DMatrixRMaj Y = data.Y();
    if (Y.numRows == outputs || Y.numRows == 1 && data.classes() > 0) {
      return Y;
    }
    if (outputs == 1 && data.classes() == 2 && Y.numRows == 2) {
      DMatrixRMaj positive = new DMatrixRMaj(1, Y.numCols);
      for (int i = 0; i < Y.numCols; i++) {
        positive.set(0, i, Y.get(1, i));
      }
      return positive;
    }
    if (data.classes() > 0) {
      throw new IllegalArgumentException("the data have " + data.classes() + " classes "
          + abbreviate(data.classNames()) + " but the model predicts " + outputs
          + (model.names().classes().isEmpty() ? "; its file records no class names (format 1, "
              + "or data without names), so labels cannot be matched by name"
              : " " + abbreviate(model.names().classes())));
    }
    throw new IllegalArgumentException("the data have " + Y.numRows + " target columns but the "
        + "model predicts " + outputs);
  }

  private static String abbreviate(List<String> names) {
    String s = names.toString();
    return s.length() <= 120 ? s : s.substring(0, 117) + "...]";
  }
}

package io.ffnn.examples.cli;

import io.ffnn.core.data.Dataset;
import io.ffnn.core.metrics.ClassificationMetrics;
import io.ffnn.core.metrics.MultiLabelMetrics;
import io.ffnn.core.metrics.RegressionMetrics;
import io.ffnn.core.metrics.Task;
import io.ffnn.core.model.Model;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Metrics of a model on a dataset, as numbers for JSON and as a readable report. */
final class Evaluation {

  final Map<String, Double> metrics = new LinkedHashMap<>();
  final String report;

  private Evaluation(String report) {
    this.report = report;
  }

  static Evaluation of(Model model, Dataset data) {
    var net = model.network();
    if (data.X().numRows != net.size(0)) {
      throw new IllegalArgumentException("the data have " + data.X().numRows
          + " features but the model takes n[0] = " + net.size(0));
    }
    DMatrixRMaj X = model.scaler() == null ? data.X() : model.scaler().transform(data.X());
    double loss = net.forward(X, data.Y(), net.newWorkspace());
    DMatrixRMaj Yhat = net.predict(X);
    Task task = Task.of(net.cost(), net.size(net.depth()));
    double threshold = Task.threshold(net.cost().targetDomain());
    Evaluation e;
    switch (task) {
      case REGRESSION: {
        RegressionMetrics r = RegressionMetrics.of(Yhat, data.Y());
        e = new Evaluation(r.toString());
        e.metrics.put("loss", loss);
        e.metrics.put("mse", r.mse());
        e.metrics.put("mae", r.mae());
        e.metrics.put("r2", r.r2());
        return e;
      }
      case MULTILABEL: {
        MultiLabelMetrics ml = MultiLabelMetrics.of(Yhat, data.Y(), threshold);
        e = new Evaluation(ml.toString());
        e.metrics.put("loss", loss);
        e.metrics.put("accuracy", ml.accuracy());
        e.metrics.put("hamming_loss", ml.hammingLoss());
        return e;
      }
      default: {
        ClassificationMetrics c = ClassificationMetrics.of(Yhat, data.Y(), threshold);
        e = new Evaluation(c.toString());
        e.metrics.put("loss", loss);
        e.metrics.put("accuracy", c.accuracy());
        e.metrics.put("macro_f1", c.macroF1());
        return e;
      }
    }
  }
}

package com.example.predict;

import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Generated;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;

/**
 * Loads the model file the training app wrote and predicts the spirals it was trained on, without
 * any training code on its path. Exits with 1 if the model is not the trained one (accuracy under
 * 0.8), or if training classes are reachable.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: predict MODEL_FILE");
      System.exit(2);
    }
    Model model = ModelFile.load(Path.of(args[0]));
    Dataset data = Generated.spirals(3, 60, 0.1, 1);
    DMatrixRMaj P = model.predict(data.X());
    int right = 0;
    for (int i = 0; i < P.numCols; i++) {
      right += argmax(P, i) == argmax(data.Y(), i) ? 1 : 0;
    }
    double accuracy = right / (double) P.numCols;
    boolean training = present("io.ffnn.core.training.Trainer");
    String where = Main.class.getModule().isNamed() ? "module path" : "class path";
    System.out.printf("inference-only app on the %s: %s, accuracy %.3f, training code %s%n",
        where, model.network().spec(), accuracy, training ? "PRESENT" : "absent");
    if (accuracy < 0.8 || training) {
      System.exit(1);
    }
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Main.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static int argmax(DMatrixRMaj M, int column) {
    int best = 0;
    for (int r = 1; r < M.numRows; r++) {
      if (M.get(r, column) > M.get(best, column)) {
        best = r;
      }
    }
    return best;
  }
}

package io.ffnn.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ffnn.api.Range;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.data.Dataset;
import io.ffnn.core.data.Scaler;
import io.ffnn.core.model.DataNames;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.ClassWeights;
import io.ffnn.core.training.EarlyStopping;
import io.ffnn.core.training.History;
import io.ffnn.core.training.LearningRateSchedule;
import io.ffnn.examples.ProgressBars;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ffnn train}: trains a network on a data spec and reports, saves and plots. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a network on generated, IDX or CSV data.")
class TrainCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Cli cli;

  @Option(names = "--data", required = true, paramLabel = "SPEC",
      description = "xor, spirals, moons, circles, blobs, sine, multilabel, idx:DIR or csv:FILE")
  String data;

  @Option(names = "--test-data", paramLabel = "SPEC", description = "A separate test set.")
  String testData;

  @Option(names = "--layers", paramLabel = "N,N", defaultValue = "64,64",
      description = "Hidden layer sizes (default: ${DEFAULT-VALUE}); input and output sizes "
          + "come from the data.")
  String layers;

  @Option(names = "--activation", defaultValue = "relu",
      description = "Hidden activation spec (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--output", description = "Output activation (default from the task: "
      + "softmax, sigmoid or identity).")
  String output;

  @Option(names = "--cost", description = "Cost (default from the task: cce, bce or mse).")
  String cost;

  @Option(names = "--init", defaultValue = "xavier_uniform",
      description = "Weight initializer: xavier_uniform (Glorot, as Keras and scikit-learn), "
          + "xavier_normal, he_normal, he_uniform, lecun_normal, orthogonal, or auto (what each "
          + "activation declares: He for relu) (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--optimizer", defaultValue = "adam",
      description = "Optimizer spec, e.g. sgd(lr=0.1) (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", description = "Learning rate, overriding the optimizer spec's "
      + "(default: the spec's).")
  Double lr;

  @Option(names = "--batch", defaultValue = "32",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--epochs", description = "Epochs (default: until the loss on a held-back "
      + "tenth of the training data has not improved for 10 epochs, at most "
      + TrainDefaults.MAX_EPOCHS + ", with the best epoch's weights restored; under "
      + TrainDefaults.MIN_EXAMPLES + " examples, on the training loss).")
  Integer epochs;

  // made here too, for the demo, which runs a train command without parsing one
  @CommandLine.Mixin CommonOptions.Seed seed = new CommonOptions.Seed();

  @Option(names = "--validation", paramLabel = "FRACTION",
      description = "Hold back this fraction of the training data for validation (default: "
          + "0.1 when --epochs is not given).")
  Double validation;

  @Option(names = "--early-stopping", paramLabel = "PATIENCE",
      description = "Stop after this many epochs without a better validation (or training) "
          + "loss, restoring the best weights (default: 10 when --epochs is not given).")
  Integer patience;

  @Option(names = "--class-weight", paramLabel = "balanced|CLASS=W,...",
      description = "Classification: weigh each class's examples in the gradient, 'balanced' "
          + "(inversely to their frequency) or given weights by class name (or index), e.g. "
          + "cat=1,dog=5; the reported loss and metrics stay unweighted.")
  String classWeight;

  @Option(names = "--precision", defaultValue = "float64",
      description = "Precision of the network: float64, or float32 (float weights, gradients "
          + "and matrix products; the model file keeps the float weights) (default: "
          + "${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--scale", defaultValue = "standard",
      description = "Scaling of the numeric inputs, fitted on the training data (one-hot "
          + "categories are left as 0/1): standard, min_max, or none (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--scale-targets", negatable = true, defaultValue = "true",
      fallbackValue = "true", description = "Regression: train on standard-scaled targets "
          + "(fitted on the training data, stored in the model); predictions and metrics stay in "
          + "the targets' units (default: ${DEFAULT-VALUE}).")
  boolean scaleTargets;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the model here.")
  Path save;

  @Option(names = "--plot", paramLabel = "DIR", description = "Write PNG plots here.")
  Path plot;

  @Option(names = "--json", description = "End with one line of JSON metrics on stdout.")
  boolean json;

  @Option(names = "--backend", description = "Matrix-product backend (default: the preferred "
      + "one; see list).")
  String backend;

  @Option(names = "--schedule", paramLabel = "SPEC", defaultValue = "constant",
      description = "Learning-rate schedule: constant, step(step_epochs=10, gamma=0.5), "
          + "exponential(gamma=0.95), cosine(warmup=0, min_lr=0), plateau(factor=0.5, "
          + "patience=5, min_delta=0, min_lr=1e-6) (default: ${DEFAULT-VALUE}).")
  String scheduleSpec;

  /** The learning-rate schedule: --schedule's, or what the demo sets. */
  LearningRateSchedule schedule;

  @Option(names = "--label-column", description = "CSV: the class label column.")
  String labelColumn;

  @Option(names = "--target-columns", description = "CSV: comma-separated target columns.")
  String targetColumns;

  @CommandLine.Mixin CommonOptions.CsvLayout csvLayout = new CommonOptions.CsvLayout();

  @Option(names = "--skip-columns", paramLabel = "A,B",
      description = "CSV: columns that are neither features nor targets (ids, free text).")
  String skipColumns;

  @Option(names = "--categorical-columns", paramLabel = "A,B",
      description = "CSV: read these columns as categories (one-hot) even where all values are "
          + "numbers; a column with any text value is categorical anyway.")
  String categoricalColumns;

  @Option(names = "--missing-values", paramLabel = "LIST",
      description = "CSV: the spellings of a missing value besides the empty cell, "
          + "comma-separated, or none (default: NA,N/A,NaN,nan,NULL,null,?). Missing values are "
          + "imputed: the training median, or the most frequent category.")
  String missingValues;

  @Option(names = "--missing-indicators",
      description = "CSV: add an input after each column with missing values, 1 where the value "
          + "was missing.")
  boolean missingIndicators;

  @Override
  public Integer call() throws Exception {
    PrintStream out = cli.out;
    validate();
    DataSpecs.CsvOptions csv = new DataSpecs.CsvOptions(labelColumn, targetColumns,
        csvLayout.header, csvLayout.delimiter, skipColumns, categoricalColumns, missingValues, missingIndicators);
    DataSpecs.Loaded loaded = DataSpecs.load(data, seed.seed, csv, true, DataSpecs.Known.NONE, out);
    Dataset train = loaded.train();
    // a test file is read as the training data were: its columns by name, encoded with the
    // training vocabularies and fill values, its labels onto the training classes (a test file
    // may lack some; an unknown one is refused)
    Dataset test = testData != null ? DataSpecs.load(testData, seed.seed + 1, csv, true,
        DataSpecs.Known.of(train), out).train() : loaded.test();
    if (test != null) {
      requireSameShape(train, test);
    }
    Result r = train(train, test, out);
    out.println(String.format(Locale.ROOT, "trained %d epochs in %.1f s: %s",
        r.history.epochs().size(), r.seconds, r.summary()));
    IOException saveFailure = null;
    if (save != null) {
      // a save that fails now, after the checks, must not cost the trained model
      saveFailure = Outputs.saveOrRescue(r.model, save,
          Path.of(System.getProperty("java.io.tmpdir")), ModelFile::save);
      if (saveFailure == null) {
        out.println("saved the model to " + save);
      }
    }
    try {
      report(r, train, out);
    } catch (Exception e) {
      if (saveFailure != null) {
        saveFailure.addSuppressed(e);
        throw saveFailure;
      }
      throw e;
    }
    if (saveFailure != null) {
      throw saveFailure;
    }
    return 0;
  }

  /** Plots and the JSON line. */
  private void report(Result r, Dataset train, PrintStream out) throws Exception {
    if (plot != null) {
      for (Path p : Plots.history(r.history, plot)) {
        out.println("wrote " + p);
      }
      if (train.features() == 2 && train.classes() > 0) {
        out.println("wrote " + Plots.decisionRegions(r.model, train,
            plot.resolve("decision-regions.png")));
      }
      Evaluation shown = r.test != null ? r.test : r.train;
      if (shown.Yhat != null) {
        out.println("wrote " + Plots.predictedVersusTrue(shown.Yhat, shown.Y,
            r.model.names().targets(), plot.resolve("predicted-vs-true.png")));
      }
    }
    if (json) {
      out.println(r.json());
    }
  }

  /**
   * The test set must fit what is trained on the training set, checked before the first epoch:
   * found after training, a mismatch would cost the trained model.
   */
  private void requireSameShape(Dataset train, Dataset test) {
    String source = testData != null ? "--test-data " + testData : "the test part of " + data;
    if (test.features() != train.features()) {
      throw new IllegalArgumentException(source + " has " + test.features() + " features per "
          + "example but the training data " + data + " has " + train.features());
    }
    if (test.Y().numRows != train.Y().numRows) {
      throw new IllegalArgumentException(source + " has " + test.Y().numRows + " target rows "
          + "(" + test.classes() + " classes) but the training data " + data + " has "
          + train.Y().numRows + " (" + train.classes() + " classes)");
    }
  }

  private void validate() {
    if (batch < 1 || epochs != null && epochs < 1) {
      throw new ParameterException(spec.commandLine(), "--batch and --epochs must be at least 1");
    }
    if (validation != null && !(validation > 0 && validation < 1)) {
      throw new ParameterException(spec.commandLine(), "--validation must be in (0, 1), got "
          + validation);
    }
    if (patience != null && patience < 1) {
      throw new ParameterException(spec.commandLine(), "--early-stopping needs a patience >= 1");
    }
    if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
      throw new ParameterException(spec.commandLine(), "--lr must be a positive finite number, "
          + "got " + lr);
    }
    // the targets are checked now, not after training, so that no trained model is lost
    if (save != null) {
      Outputs.requireWritableFile(spec.commandLine(), "--save", save, "--data",
          DataSpecs.file(data), "--test-data", DataSpecs.file(testData));
    }
    if (plot != null) {
      Outputs.requireDirectoryOrNew(spec.commandLine(), "--plot", plot);
    }
    hiddenSizes();
    scaleKind();
    TrainDefaults.initializer(init);
    Cli.precision(spec, "--precision", precision);
    if (schedule == null) {
      try {
        schedule = LearningRateSchedule.fromSpec(scheduleSpec);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--schedule: " + e.getMessage());
      }
    }
    // every spec parsed and resolved now: a malformed or out-of-range one is a usage error
    // naming its option, before any data is read
    Cli.option(spec, "--optimizer", () -> Optimizers.fromSpec(optimizer));
    Cli.pluginSpecs(spec, activation, output, cost);
    if (backend != null) {
      Cli.option(spec, "--backend", () -> io.ffnn.core.backend.Backends.byName(backend));
    }
    csvLayout.check(spec);
  }

  int[] hiddenSizes() {
    if (layers.isBlank()) {
      return new int[0];
    }
    try {
      int[] sizes = java.util.Arrays.stream(layers.split(",")).map(String::trim)
          .mapToInt(Integer::parseInt).toArray();
      for (int s : sizes) {
        if (s < 1) {
          throw new NumberFormatException();
        }
      }
      return sizes;
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--layers takes positive sizes "
          + "separated by commas, e.g. 256,128; got '" + layers + "'");
    }
  }

  private Scaler.Kind scaleKind() {
    switch (scale.toLowerCase(Locale.ROOT)) {
      case "none":
        return null;
      case "standard":
        return Scaler.Kind.STANDARD;
      case "min_max":
        return Scaler.Kind.MIN_MAX;
      default:
        throw new ParameterException(spec.commandLine(), "--scale takes none, standard or "
            + "min_max; got '" + scale + "'");
    }
  }

  /** What a training run produced. */
  final class Result {
    Model model;
    History history;
    double seconds;
    Evaluation train;
    Evaluation test;

    String summary() {
      StringBuilder sb = new StringBuilder("training");
      train.metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
      if (test != null) {
        sb.append("; test");
        test.metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
      }
      return sb.toString();
    }

    String json() throws Exception {
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("epochs", history.epochs().size());
      node.put("seconds", seconds);
      put(node, "train_", train.metrics);
      if (test != null) {
        put(node, "test_", test.metrics);
      }
      return new ObjectMapper().writeValueAsString(node);
    }

    private void put(ObjectNode node, String prefix, Map<String, Double> metrics) {
      metrics.forEach((k, v) -> Cli.putMetric(node, prefix + k, v));
    }
  }

  /**
   * The network as a table, as Keras's {@code summary()} shows one: each layer's units,
   * activation and parameters ({@code n[l](n[l−1] + 1)}), and the total.
   */
  static String summary(Network net) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s %8s  %-28s %12s%n",
        "layer", "units", "activation", "parameters"));
    sb.append(String.format(Locale.ROOT, "%-6d %8d  %s%n", 0, net.size(0), "(inputs)"));
    long total = 0;
    for (int l = 1; l <= net.depth(); l++) {
      long p = (long) net.size(l) * (net.size(l - 1) + 1);
      total += p;
      String activation = net.activation(l).spec();
      if (net.spec().dropout(l) > 0) {
        activation += ", dropout " + net.spec().dropout(l);
      }
      sb.append(String.format(Locale.ROOT, "%-6d %8d  %-28s %,12d%n", l, net.size(l),
          activation, p));
    }
    sb.append(String.format(Locale.ROOT, "total parameters %,d; cost %s%n", total,
        net.cost().spec()));
    return sb.toString();
  }

  /** Builds, trains and evaluates a network for the data. */
  Result train(Dataset train, Dataset test, PrintStream out) {
    TrainDefaults.Task task = TrainDefaults.Task.of(train);
    String outputSpec = output != null ? output : task.output();
    String costSpec = cost != null ? cost : task.cost();
    NetworkSpec.Builder b = NetworkSpec.builder(train.features()).initializer(
        TrainDefaults.initializer(init));
    for (int size : hiddenSizes()) {
      b.layer(size, activation);
    }
    NetworkSpec netSpec;
    Network net;
    try {
      netSpec = b.layer(train.Y().numRows, outputSpec).cost(costSpec).seed(seed.seed)
          .precision(precision == null ? Precision.FLOAT64
              : Cli.precision(spec, "--precision", precision)).build();
      net = Network.build(netSpec, io.ffnn.api.PluginRegistry.getDefault(),
          backend == null ? io.ffnn.core.backend.Backends.getDefault()
              : io.ffnn.core.backend.Backends.byName(backend));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // the network the options describe cannot be built (a plugin spec, a cost that cannot
      // follow the output, too many layers, weights beyond the memory budget): a usage error,
      // found before any training
      String why = e.getMessage();
      throw new UsageException(why.startsWith("layer sizes") || why.startsWith("a network of")
          ? "--layers " + layers + ": " + why : why);
    }
    ClassWeights weights = TrainDefaults.classWeights(classWeight, train, net);
    Scaler.Kind kind = scaleKind();
    // the numeric inputs scaled; one-hot categories and indicators stay 0 and 1
    Scaler scaler = kind == null ? null : train.encoding()
        .map(e -> e.fitScaler(kind, train)).orElseGet(() -> Scaler.fit(kind, train));
    // regression onto any real value: the network learns standard-scaled targets, so that the
    // defaults work whatever the targets' units (prices near 3e5 or rates near 1e-3)
    int L = net.depth();
    boolean unbounded = io.ffnn.core.metrics.Task.of(net.cost(), net.size(L))
        == io.ffnn.core.metrics.Task.REGRESSION
        && Range.REAL.equals(net.cost().targetDomain())
        && Range.REAL.equals(net.activation(L).outputRange());
    Scaler targetScaler = scaleTargets && unbounded && train.classes() == 0
        ? Scaler.fit(Scaler.Kind.STANDARD, train.Y()) : null;
    // the inputs read scaled as batches are gathered, without a scaled copy: the trainer's
    // example-major copy (of inputs held as columns) is made of the scaled values, and inputs
    // held as bytes are scaled in a table of each pixel's 256 values
    Dataset scaled = train.scaled(scaler, targetScaler);
    Optimizer opt = Optimizers.fromSpec(optimizer);
    if (lr != null) {
      opt.setLearningRate(lr);
    }
    // without --epochs: until the held-back (or, on little data, the training) loss stops
    // improving, the best epoch's weights restored
    boolean auto = epochs == null;
    Double held = validation != null ? validation
        : auto && train.size() >= TrainDefaults.MIN_EXAMPLES ? TrainDefaults.FRACTION : null;
    Integer wait = patience != null ? patience : auto ? TrainDefaults.PATIENCE : null;
    Trainer.Builder tb = Trainer.builder(TrainingConfig.builder().optimizer(opt)
        .epochs(auto ? TrainDefaults.MAX_EPOCHS : epochs).batchSize(batch)
        .seed(seed.seed).schedule(schedule).classWeights(weights).build())
        .listener(ProgressBars.auto(out));
    if (held != null) {
      tb.validationFraction(held);
    }
    String watched = held != null ? "val_loss" : "loss";
    if (wait != null) {
      tb.earlyStopping(EarlyStopping.minimize(watched).patience(wait));
    }
    out.print(summary(net));
    train.encoding().ifPresent(e -> out.println("inputs: " + Cli.printable(e.toString())));
    out.println("training " + netSpec + " with " + opt + " on " + train
        + (targetScaler != null ? ", targets standard-scaled" : "")
        + (weights != null ? ", " + weights : "")
        + (auto ? String.format(Locale.ROOT, "; up to %d epochs, stopping after %d without a "
            + "better %s%s", TrainDefaults.MAX_EPOCHS, wait, watched, held != null
            ? String.format(Locale.ROOT, " (%.0f %% held back)", 100 * held) : "") : ""));
    if (save != null) {
      Outputs.requireSavable(new Model(net, scaler, targetScaler, DataNames.of(train),
          train.encoding().orElse(null)));
    }
    long start = System.nanoTime();
    History history;
    try {
      history = tb.build().fit(net, scaled);
    } catch (io.ffnn.core.training.MemoryBudgetException e) {
      // refused before the first batch; the figure's parts say whether the layers or the data
      // (with their copies) take most of it
      throw new UsageException("--layers " + layers + " on --data " + data + ": "
          + e.getMessage());
    }
    Result r = new Result();
    r.seconds = (System.nanoTime() - start) / 1e9;
    r.model = new Model(net, scaler, targetScaler, DataNames.of(train),
        train.encoding().orElse(null));
    r.history = history;
    r.train = Evaluation.of(r.model, train);
    r.test = test == null ? null : Evaluation.of(r.model, test);
    return r;
  }
}

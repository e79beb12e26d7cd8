package io.ffnn.examples.cli;

import io.ffnn.core.GradientCheck;
import io.ffnn.core.GradientPath;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ffnn gradcheck}: backpropagation against finite differences. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
    description = "Check a network's gradients against finite differences; exit 1 if any layer's "
        + "largest relative error exceeds the tolerance.")
class GradcheckCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Cli cli;

  @Option(names = "--sizes", defaultValue = "5,4,3", paramLabel = "N,N,N",
      description = "All layer sizes, input to output (default: ${DEFAULT-VALUE}).")
  String sizes;

  @Option(names = "--activation", defaultValue = "tanh", description = "Hidden activation spec (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--output", defaultValue = "softmax", description = "Output activation spec (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--cost", defaultValue = "cce",
      description = "Cost spec (default: ${DEFAULT-VALUE}).") String cost;

  @Option(names = "--batch", defaultValue = "4", description = "Examples in the batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @CommandLine.Mixin CommonOptions.Seed seed;

  @Option(names = "--generic",
      description = "Force the seed × Jacobian path where a fused form exists.")
  boolean generic;

  @Option(names = "--tolerance", defaultValue = "1e-6",
      description = "The largest relative error that passes; above it the exit status is 1 "
          + "(default: ${DEFAULT-VALUE}).") double tolerance;

  @Override
  public Integer call() {
    if (!(tolerance > 0 && Double.isFinite(tolerance)) || batch < 1) {
      throw new ParameterException(spec.commandLine(), "--tolerance must be a positive finite "
          + "number and --batch at least 1, got " + tolerance + " and " + batch);
    }
    int[] n;
    try {
      n = java.util.Arrays.stream(sizes.split(",")).map(String::trim)
          .mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--sizes takes layer sizes separated by "
          + "commas, e.g. 5,4,3; got '" + sizes + "'");
    }
    if (n.length < 2 || java.util.Arrays.stream(n).anyMatch(v -> v < 1) || batch < 1) {
      throw new ParameterException(spec.commandLine(), "--sizes needs at least an input and an "
          + "output size, all >= 1, and --batch >= 1");
    }
    Cli.pluginSpecs(spec, activation, output, cost);
    NetworkSpec.Builder b = NetworkSpec.builder(n[0]);
    for (int l = 1; l < n.length; l++) {
      b.layer(n[l], l == n.length - 1 ? output : activation);
    }
    Network net = Network.build(b.cost(cost).seed(seed.seed).build());
    Random rng = new Random(seed.seed);
    DMatrixRMaj X = new DMatrixRMaj(n[0], batch);
    for (int k = 0; k < X.data.length; k++) {
      X.data[k] = rng.nextGaussian();
    }
    DMatrixRMaj Y = new DMatrixRMaj(net.targetRows(), batch);
    net.cost().targetDomain().sample(rng, Y, n[n.length - 1]);
    GradientPath path = generic ? GradientPath.GENERIC : GradientPath.AUTO;
    GradientCheck.Result r = GradientCheck.run(net, X, Y, path);
    cli.out.println("gradient check of " + net.spec() + ", batch " + batch + ", " + path
        + (net.usesFusedOutput() && !generic ? " (fused output)" : ""));
    for (int l = 1; l < n.length; l++) {
      double e = r.layerError(l);
      cli.out.println(String.format(Locale.ROOT, "  layer %d (%s): max relative error %.3e %s",
          l, net.activation(l).spec(), e, e <= tolerance ? "ok" : "FAILED"));
    }
    boolean ok = r.passes(tolerance);
    cli.out.println(String.format(Locale.ROOT, "%s: largest error %.3e at layer %d %s[%d,%d], "
        + "tolerance %.1e", ok ? "passed" : "FAILED", r.maxError(), r.layer(), r.parameter(),
        r.row(), r.column(), tolerance));
    return ok ? 0 : 1;
  }
}

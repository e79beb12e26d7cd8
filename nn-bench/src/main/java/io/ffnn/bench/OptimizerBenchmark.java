package io.ffnn.bench;

import io.ffnn.api.PluginRegistry;
import io.ffnn.core.Initializer;
import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.Precision;
import io.ffnn.core.Workspace;
import io.ffnn.core.backend.Backends;
import io.ffnn.core.optimizers.Optimizer;
import io.ffnn.core.optimizers.Optimizers;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One optimizer step of the standard network (784-256-128-10, 235,146 parameters) from gradients
 * computed once, per rule and precision: what each rule's update costs beside SGD's, without the
 * forward and backward passes around it.
 *
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar OptimizerBenchmark
 * java -jar nn-bench/target/benchmarks.jar OptimizerBenchmark -p precision=float32
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OptimizerBenchmark {

  /** The rule, as a spec. */
  @Param({"sgd(lr=0.01)", "momentum(lr=0.01)", "adam(lr=0.001)", "adamw(lr=0.001)",
      "rmsprop(lr=0.001)"})
  public String optimizer;

  /** The network's precision. */
  @Param({"float64", "float32"})
  public String precision;

  private Network net;
  private Workspace ws;
  private Optimizer opt;

  /** Builds the network, computes the gradients of a batch of 128, and takes a first step. */
  @Setup(Level.Trial)
  public void setUp() {
    NetworkSpec spec = NetworkSpec.builder(784).layer(256, "relu").layer(128, "relu")
        .layer(10, "softmax").cost("cce").initializer(Initializer.HE_NORMAL).seed(1)
        .precision(Precision.parse(precision)).build();
    net = Network.build(spec, PluginRegistry.getDefault(), Backends.byName("ejml"));
    Random rng = new Random(2);
    DMatrixRMaj X = new DMatrixRMaj(784, 128);
    for (int k = 0; k < X.data.length; k++) {
      X.data[k] = rng.nextDouble();
    }
    DMatrixRMaj Y = new DMatrixRMaj(10, 128);
    for (int i = 0; i < 128; i++) {
      Y.set(rng.nextInt(10), i, 1);
    }
    ws = net.newWorkspace();
    net.computeGradients(X, Y, ws);
    opt = Optimizers.fromSpec(optimizer);
    opt.step(net, ws);
  }

  /**
   * One step: every parameter updated from the workspace's gradients.
   *
   * @return the step count, so that the work is not optimised away
   */
  @Benchmark
  public long step() {
    opt.step(net, ws);
    return opt.steps();
  }
}

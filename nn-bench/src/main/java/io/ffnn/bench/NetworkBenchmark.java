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
 * Forward, backward and a full training step (forward, backward, an optimizer's update: SGD by
 * default) on one mini-batch of
 * 128, for the standard network (784-256-128-10), a small one (2-16-16-2) and a wide one
 * (1024-1024-1024-10), on every backend, in float64 and float32. ReLU hidden layers, softmax with
 * categorical cross-entropy.
 *
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar NetworkBenchmark -prof gc
 * java -jar nn-bench/target/benchmarks.jar NetworkBenchmark -p network=standard -p backend=openblas
 * </pre>
 *
 * {@code -prof gc} reports {@code gc.alloc.rate.norm}, the bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NetworkBenchmark {

  /** Which network. */
  @Param({"standard", "small", "wide"})
  public String network;

  /** Which backend. */
  @Param({"openblas", "javablas", "ejml"})
  public String backend;

  /** The network's precision. */
  @Param({"float64", "float32"})
  public String precision;

  /** The optimizer of {@link #trainingStep()}, as a spec: {@code -p optimizer=adam(lr=0.001)}. */
  @Param({"sgd(lr=0.001)"})
  public String optimizer;

  private Network net;
  private Workspace ws;
  private DMatrixRMaj X;
  private DMatrixRMaj Y;
  private Optimizer opt;

  /** Builds the network, a batch of 128 and a workspace that has seen it. */
  @Setup(Level.Trial)
  public void setUp() {
    int[] sizes;
    switch (network) {
      case "small":
        sizes = new int[] {2, 16, 16, 2};
        break;
      case "wide":
        sizes = new int[] {1024, 1024, 1024, 10};
        break;
      default:
        sizes = new int[] {784, 256, 128, 10};
    }
    NetworkSpec.Builder b = NetworkSpec.builder(sizes[0]);
    for (int l = 1; l < sizes.length - 1; l++) {
      b.layer(sizes[l], "relu");
    }
    NetworkSpec spec = b.layer(sizes[sizes.length - 1], "softmax").cost("cce")
        .initializer(Initializer.HE_NORMAL).seed(1).precision(Precision.parse(precision)).build();
    net = Network.build(spec, PluginRegistry.getDefault(), Backends.byName(backend));
    Random rng = new Random(2);
    int m = 128;
    X = new DMatrixRMaj(sizes[0], m);
    for (int k = 0; k < X.data.length; k++) {
      X.data[k] = rng.nextDouble();
    }
    Y = new DMatrixRMaj(sizes[sizes.length - 1], m);
    for (int i = 0; i < m; i++) {
      Y.set(rng.nextInt(Y.numRows), i, 1);
    }
    ws = net.newWorkspace();
    opt = Optimizers.fromSpec(optimizer);
    net.computeGradients(X, Y, ws);
  }

  /**
   * Forward propagation and the cost.
   *
   * @return {@code J}, so that the work is not optimised away
   */
  @Benchmark
  public double forward() {
    return net.forward(X, Y, ws);
  }

  /**
   * Forward and backward propagation.
   *
   * @return {@code J}
   */
  @Benchmark
  public double forwardBackward() {
    return net.computeGradients(X, Y, ws);
  }

  /**
   * A full training step: forward, backward, the optimizer's update (SGD unless {@code -p
   * optimizer=…} names another).
   *
   * @return {@code J}
   */
  @Benchmark
  public double trainingStep() {
    double J = net.computeGradients(X, Y, ws);
    opt.step(net, ws);
    return J;
  }
}

package io.ffnn.core.training;

import io.ffnn.testing.core.TestData;
import io.ffnn.core.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ffnn.api.Activation;
import io.ffnn.api.Cost;
import io.ffnn.api.PluginRegistry;
import io.ffnn.api.Range;
import io.ffnn.core.optimizers.Optimizers;
import io.ffnn.core.training.Trainer;
import io.ffnn.core.training.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/** How the core drives the SPI: which plugin methods it calls, when, and with what shapes. */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class NetworkSpiTest {

  @Mock
  Activation hidden;

  @Mock
  Activation output;

  @Mock
  Cost cost;

  /** Shapes of {@code Ŷ} at each call of {@code seed}, recorded when the call happens. */
  private final List<String> seedShapes = new ArrayList<>();

  @BeforeEach
  void stubPlugins() {
    stubActivation(hidden, "mock_hidden");
    stubActivation(output, "mock_output");
    when(cost.name()).thenReturn("mock_cost");
    when(cost.spec()).thenReturn("mock_cost");
    when(cost.value(any(), any())).thenReturn(0.25);
    when(cost.outputDomain()).thenReturn(Range.REAL);
    when(cost.targetDomain()).thenReturn(Range.REAL);
    doAnswer(call -> {
      DMatrixRMaj Yhat = call.getArgument(0);
      seedShapes.add(Yhat.numRows + "x" + Yhat.numCols);
      call.<DMatrixRMaj>getArgument(2).reshape(Yhat.numRows, Yhat.numCols);
      return null;
    }).when(cost).seed(any(), any(), any());
    doAnswer(call -> {
      DMatrixRMaj A = call.getArgument(2);
      call.<DMatrixRMaj>getArgument(4).reshape(A.numRows, A.numCols);
      return null;
    }).when(cost).fusedOutputGradient(any(), any(), any(), any(), any());
  }

  /** An identity-like mock: forward copies Z, backward copies dA. */
  private static void stubActivation(Activation g, String name) {
    when(g.name()).thenReturn(name);
    when(g.spec()).thenReturn(name);
    when(g.outputRange()).thenReturn(Range.REAL);
    when(g.weightInit()).thenReturn(Activation.WeightInit.GLOROT);
    doAnswer(call -> {
      call.<DMatrixRMaj>getArgument(1).setTo(call.<DMatrixRMaj>getArgument(0));
      return null;
    }).when(g).forward(any(), any());
    doAnswer(call -> {
      call.<DMatrixRMaj>getArgument(3).setTo(call.<DMatrixRMaj>getArgument(2));
      return null;
    }).when(g).backward(any(), any(), any(), any());
  }

  private Network network() {
    PluginRegistry registry = PluginRegistry.of(List.of(hidden, output), List.of(cost));
    return Network.build(NetworkSpec.builder(4).layer(5, "mock_hidden").layer(3, "mock_output")
        .cost("mock_cost").seed(1).build(), registry);
  }

  @Test
  void seedIsAskedOncePerBatchWithTheOutputShape() {
    Network net = network();
    Random rng = new Random(3);
    // 10 examples in batches of 4: 4, 4 and a last batch of 2
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.01)).batchSize(4).epochs(1)
        .seed(7).build()).build()
        .fit(net, TestData.gaussian(4, 10, rng), TestData.gaussian(3, 10, rng));
    assertEquals(List.of("3x4", "3x4", "3x2"), seedShapes);
    verify(cost, times(3)).seed(any(), any(), any());
    verify(cost, never()).fusedOutputGradient(any(), any(), any(), any(), any());
  }

  @Test
  void backwardVisitsTheLayersInOrder() {
    Network net = network();
    Random rng = new Random(4);
    net.computeGradients(TestData.gaussian(4, 6, rng), TestData.gaussian(3, 6, rng),
        net.newWorkspace());
    InOrder order = inOrder(hidden, output, cost);
    order.verify(hidden).forward(any(), any());
    order.verify(output).forward(any(), any());
    order.verify(cost).value(any(), any());
    order.verify(cost).seed(any(), any(), any());
    order.verify(output).backward(any(), any(), any(), any());
    order.verify(hidden).backward(any(), any(), any(), any());
    verify(hidden, never()).jacobian(any(), any(), anyInt(), any());
  }

  @Test
  void fusedPathDoesNotCallTheSeedNorTheOutputBackward() {
    when(cost.fusesWith(output)).thenReturn(true);
    Network net = network();
    assertTrue(net.usesFusedOutput());
    Random rng = new Random(5);
    Workspace ws = net.newWorkspace();
    net.computeGradients(TestData.gaussian(4, 6, rng), TestData.gaussian(3, 6, rng), ws);
    verify(cost, times(1)).fusedOutputGradient(same(output), same(ws.Z(2)), same(ws.A(2)), any(),
        same(ws.dZ(2)));
    verify(cost, never()).seed(any(), any(), any());
    verify(output, never()).backward(any(), any(), any(), any());
    verify(hidden, times(1)).backward(any(), any(), any(), any());
  }

  @Test
  void genericPathIsTakenForAFusedPairWhenForced() {
    when(cost.fusesWith(output)).thenReturn(true);
    Network net = network();
    Random rng = new Random(6);
    net.computeGradients(TestData.gaussian(4, 2, rng), TestData.gaussian(3, 2, rng),
        net.newWorkspace(), GradientPath.GENERIC);
    verify(cost, never()).fusedOutputGradient(any(), any(), any(), any(), any());
    verify(cost, times(1)).seed(any(), any(), any());
    verify(output, times(1)).backward(any(), any(), any(), any());
  }

  @Test
  void pluginExceptionReachesTheCallerWithTheLayerNamed() {
    IllegalStateException boom = new IllegalStateException("boom");
    doThrow(boom).when(hidden).backward(any(), any(), any(), any());
    Network net = network();
    Random rng = new Random(7);
    PropagationException e = assertThrows(PropagationException.class,
        () -> net.computeGradients(TestData.gaussian(4, 3, rng), TestData.gaussian(3, 3, rng),
            net.newWorkspace()));
    assertEquals(1, e.layer());
    assertEquals("activation 'mock_hidden'", e.plugin());
    assertTrue(e.getMessage().startsWith("layer 1 (activation 'mock_hidden'): backward failed"),
        e.getMessage());
    assertSame(boom, e.getCause());
  }

  @Test
  void aPluginFailureOnATrainingWorkerThreadReachesTheCallerOfFit() {
    // the seed stub records shapes in a plain list: replace it, two threads call it here
    doAnswer(call -> {
      DMatrixRMaj Yhat = call.getArgument(0);
      call.<DMatrixRMaj>getArgument(2).reshape(Yhat.numRows, Yhat.numCols);
      return null;
    }).when(cost).seed(any(), any(), any());
    IllegalStateException boom = new IllegalStateException("boom on a worker");
    List<String> failedOn = java.util.Collections.synchronizedList(new ArrayList<>());
    doAnswer(call -> {
      if (Thread.currentThread().getName().startsWith("ffnn-trainer")) {
        failedOn.add(Thread.currentThread().getName());
        throw boom;
      }
      call.<DMatrixRMaj>getArgument(3).setTo(call.<DMatrixRMaj>getArgument(2));
      return null;
    }).when(hidden).backward(any(), any(), any(), any());
    Network net = network();
    Random rng = new Random(10);
    DMatrixRMaj X = TestData.gaussian(4, 16, rng);
    DMatrixRMaj Y = TestData.gaussian(3, 16, rng);
    Trainer trainer = Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.01))
        .batchSize(8).epochs(2)
        .seed(7).threads(2).build()).build();
    PropagationException e = assertThrows(PropagationException.class,
        () -> trainer.fit(net, X, Y));
    assertEquals(1, e.layer());
    assertSame(boom, e.getCause());
    // the first batch's worker failed and training stopped there
    assertEquals(List.of("ffnn-trainer-1"), failedOn);
    // the trainer holds no broken state: on one thread the same fit runs to the end
    Trainer.builder(TrainingConfig.builder().optimizer(Optimizers.sgd(0.01)).batchSize(8).epochs(2)
        .seed(7).build()).build()
        .fit(net, X, Y);
  }

  @Test
  void costExceptionNamesTheOutputLayer() {
    doThrow(new IllegalArgumentException("targets out of range"))
        .when(cost).seed(any(), any(), any());
    Network net = network();
    Random rng = new Random(8);
    PropagationException e = assertThrows(PropagationException.class,
        () -> net.computeGradients(TestData.gaussian(4, 3, rng), TestData.gaussian(3, 3, rng),
            net.newWorkspace()));
    assertEquals(2, e.layer());
    assertTrue(e.getMessage().contains("layer 2 (cost 'mock_cost'): seed failed"),
        e.getMessage());
    assertTrue(e.getMessage().contains("targets out of range"), e.getMessage());
  }

  @Test
  void aFailedForwardPassLeavesNothingForBackwardToUse() {
    Network net = network();
    Random rng = new Random(9);
    DMatrixRMaj X = TestData.gaussian(4, 3, rng);
    DMatrixRMaj Y = TestData.gaussian(3, 3, rng);
    Workspace ws = net.newWorkspace();
    net.forward(X, Y, ws);
    doThrow(new IllegalStateException("boom")).when(output).forward(any(), any());
    assertThrows(PropagationException.class, () -> net.forward(X, Y, ws));
    assertEquals(0, ws.batchSize());
    assertThrows(IllegalStateException.class, () -> net.backward(Y, ws, GradientPath.AUTO));
  }

  @Test
  void aPluginWithoutADeclaredRangeIsNamedAtBuildTime() {
    when(output.outputRange()).thenReturn(null);
    io.ffnn.api.PluginException e = assertThrows(io.ffnn.api.PluginException.class,
        this::network);
    assertTrue(e.getMessage().startsWith("activation 'mock_output' ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("declares no output range (null)"), e.getMessage());
  }

  @Test
  void aPluginThatReturnsTheWrongShapeIsNamed() {
    doAnswer(call -> {
      call.<DMatrixRMaj>getArgument(1).reshape(2, 2);
      return null;
    }).when(hidden).forward(any(), any());
    Network net = network();
    PropagationException e = assertThrows(PropagationException.class,
        () -> net.predict(new DMatrixRMaj(4, 3)));
    assertEquals("layer 1 (activation 'mock_hidden'): forward A is 2x2, expected 5x3",
        e.getMessage());
  }
}

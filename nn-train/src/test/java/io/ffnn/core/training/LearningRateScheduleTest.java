package io.ffnn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void constantStepAndExponential() {
    assertEquals(0.1, LearningRateSchedule.constant().rate(0.1, 7.5, 10), 0.0);
    LearningRateSchedule step = LearningRateSchedule.stepDecay(3, 0.5);
    assertEquals(0.1, step.rate(0.1, 2.9, 10), 1e-15);
    assertEquals(0.05, step.rate(0.1, 3.0, 10), 1e-15);
    assertEquals(0.025, step.rate(0.1, 6.2, 10), 1e-15);
    LearningRateSchedule exp = LearningRateSchedule.exponential(0.9);
    assertEquals(0.1 * 0.9 * 0.9, exp.rate(0.1, 2.5, 10), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(1.5));
  }

  @Test
  void cosineWarmsUpLinearlyThenAnneals() {
    LearningRateSchedule cosine = LearningRateSchedule.cosine(2, 0.001);
    assertEquals(0.05, cosine.rate(0.1, 1.0, 12), 1e-15);
    assertEquals(0.1, cosine.rate(0.1, 2.0, 12), 1e-15);
    assertEquals(0.001 + 0.099 * 0.5, cosine.rate(0.1, 7.0, 12), 1e-15);
    assertEquals(0.001, cosine.rate(0.1, 12.0, 12), 1e-15);
    assertEquals(0.1 * 1e-3 / 2, cosine.rate(0.1, 0.0, 12), 1e-15);
  }

  @Test
  void reduceOnPlateauWaitsForPatience() {
    LearningRateSchedule plateau = LearningRateSchedule.reduceOnPlateau(0.5, 2, 0.01, 1e-4);
    plateau.epochEnd(1, 1.0);
    plateau.epochEnd(2, 0.995);
    assertEquals(0.1, plateau.rate(0.1, 2, 10), 0.0);
    plateau.epochEnd(3, 0.999);
    assertEquals(0.05, plateau.rate(0.1, 3, 10), 1e-15);
    plateau.epochEnd(4, 0.5);
    plateau.epochEnd(5, 0.6);
    assertEquals(0.05, plateau.rate(0.1, 5, 10), 1e-15);
    for (int e = 6; e < 40; e++) {
      plateau.epochEnd(e, 0.6);
    }
    assertEquals(1e-4, plateau.rate(0.1, 40, 50), 0.0);
  }

  @Test
  void specsGiveTheSchedulesTheyName() {
    double[] times = {0, 0.5, 1, 2.5, 3, 6.2, 9.9};
    LearningRateSchedule[][] pairs = {
        {LearningRateSchedule.fromSpec("constant"), LearningRateSchedule.constant()},
        {LearningRateSchedule.fromSpec("step(step_epochs=3, gamma=0.5)"),
            LearningRateSchedule.stepDecay(3, 0.5)},
        {LearningRateSchedule.fromSpec("step"), LearningRateSchedule.stepDecay(10, 0.5)},
        {LearningRateSchedule.fromSpec("exponential(gamma=0.9)"),
            LearningRateSchedule.exponential(0.9)},
        {LearningRateSchedule.fromSpec("cosine(warmup=2, min_lr=1e-4)"),
            LearningRateSchedule.cosine(2, 1e-4)},
        {LearningRateSchedule.fromSpec("cosine"), LearningRateSchedule.cosine(0, 0)}};
    for (LearningRateSchedule[] pair : pairs) {
      for (double t : times) {
        assertEquals(pair[1].rate(0.1, t, 10), pair[0].rate(0.1, t, 10), 0.0);
      }
    }
    LearningRateSchedule plateau = LearningRateSchedule.fromSpec("plateau(patience=2)");
    assertEquals(ReduceOnPlateau.class, plateau.getClass());
    assertEquals("unknown schedule 'warm' in spec 'warm(x=1)'; available: constant, cosine, "
        + "exponential, plateau, step", assertThrows(io.ffnn.api.PluginException.class,
            () -> LearningRateSchedule.fromSpec("warm(x=1)")).getMessage());
    assertEquals("schedule spec 'cosine(warm=2)': cosine has no parameter 'warm'; it takes "
        + "min_lr, warmup", assertThrows(io.ffnn.api.PluginException.class,
            () -> LearningRateSchedule.fromSpec("cosine(warm=2)")).getMessage());
    assertEquals("schedule spec 'step(step_epochs=2.5)': step_epochs must be a whole number, "
        + "got 2.5", assertThrows(io.ffnn.api.PluginException.class,
            () -> LearningRateSchedule.fromSpec("step(step_epochs=2.5)")).getMessage());
    assertEquals("schedule spec 'exponential(gamma=2)': exponential decay needs gamma in (0, 1], "
        + "got 2.0", assertThrows(io.ffnn.api.PluginException.class,
            () -> LearningRateSchedule.fromSpec("exponential(gamma=2)")).getMessage());
  }
}

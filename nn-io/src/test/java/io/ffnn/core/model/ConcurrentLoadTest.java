package io.ffnn.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads while another thread saves over the same path: every load sees one whole file, the old or
 * the new, and never a false error. A loader that took the size of one file and the contents of
 * the next reported "entry weights.bin declares … bytes, more than the … left to read".
 */
class ConcurrentLoadTest {

  private static final int LOADS = 100_000;
  private static final int LOADERS = 8;

  @TempDir Path dir;

  private static Model model(int hidden) {
    return new Model(Network.build(NetworkSpec.builder(2).layer(hidden, "tanh")
        .layer(2, "softmax").cost("cce").seed(hidden).build()), null);
  }

  @Test
  void loadsWhileSavingNeverReportAFalseError() throws Exception {
    Path file = dir.resolve("model.ffnn");
    // files of very different sizes, so that the size of one never fits the other's contents
    Model small = model(3);
    Model large = model(400);
    ModelFile.save(small, file);
    AtomicInteger loads = new AtomicInteger();
    AtomicInteger saves = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Thread saver = new Thread(() -> {
      try {
        while (!done.get()) {
          ModelFile.save(saves.incrementAndGet() % 2 == 0 ? small : large, file);
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    List<Thread> loaders = new ArrayList<>();
    for (int t = 0; t < LOADERS; t++) {
      loaders.add(new Thread(() -> {
        try {
          while (loads.getAndIncrement() < LOADS && failures.isEmpty()) {
            int hidden = ModelFile.load(file).network().size(1);
            assertTrue(hidden == 3 || hidden == 400, "a network of " + hidden);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    saver.start();
    loaders.forEach(Thread::start);
    for (Thread t : loaders) {
      t.join();
    }
    done.set(true);
    saver.join();
    assertEquals(List.of(), List.copyOf(failures), "failures");
    assertTrue(loads.get() >= LOADS, loads + " loads");
    assertTrue(saves.get() > 10, saves + " saves while loading");
  }
}

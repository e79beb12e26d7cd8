package io.ffnn.spark;

import java.util.Objects;
import org.apache.spark.ml.util.Identifiable$;

/**
 * A constructor's arguments, kept for the time its Spark base class is built. Spark ML's base
 * classes make their params during construction, named after {@code uid()}, before a Java
 * subclass's fields are set; so a stage's constructor passes its arguments through here ({@code
 * this(Pending.keep(uid, …))}), its {@code uid()} reads the uid while the base class is built,
 * and its private constructor takes the arguments back.
 */
final class Pending {

  private static final ThreadLocal<Object[]> ARGUMENTS = new ThreadLocal<>();

  private Pending() {}

  /**
   * Keeps a constructor's arguments for this thread, the uid first.
   *
   * @return nothing: the argument of the private constructor that {@link #take}s them
   */
  static Void keep(String uid, Object... more) {
    Object[] all = new Object[1 + more.length];
    all[0] = Objects.requireNonNull(uid, "uid");
    System.arraycopy(more, 0, all, 1, more.length);
    ARGUMENTS.set(all);
    return null;
  }

  /** The kept uid while a stage is built, or a new random one with the prefix. */
  static String uid(String prefix) {
    Object[] kept = ARGUMENTS.get();
    return kept != null ? (String) kept[0] : Identifiable$.MODULE$.randomUID(prefix);
  }

  /** The kept arguments, no longer kept: the uid, then the others. */
  static Object[] take() {
    Object[] kept = ARGUMENTS.get();
    ARGUMENTS.remove();
    return kept;
  }
}

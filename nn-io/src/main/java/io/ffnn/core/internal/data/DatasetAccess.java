package io.ffnn.core.internal.data;

import java.util.function.Function;

/**
 * How ffnn's own modules reach the inputs a {@code io.ffnn.core.data.Dataset} holds, which its
 * public API shows only as a matrix: a trainer gathers batches from them as they are held. {@code
 * Dataset} registers the accessor when it is initialised, which it is before any dataset exists.
 * Typed by {@code Object}, so that this package does not depend on the data package, which
 * depends on it.
 */
public final class DatasetAccess {

  private static volatile Function<Object, Inputs> accessor;

  private DatasetAccess() {}

  /**
   * Called once, by {@code Dataset}'s initialiser.
   *
   * @param inputs what reads a dataset's inputs
   * @throws IllegalStateException if an accessor was registered already
   */
  public static synchronized void register(Function<Object, Inputs> inputs) {
    if (accessor != null) {
      throw new IllegalStateException("the dataset accessor is registered already");
    }
    accessor = inputs;
  }

  /**
   * The inputs a dataset holds.
   *
   * @param data a dataset
   * @return its inputs
   * @throws ClassCastException if {@code data} is not a dataset
   */
  public static Inputs inputs(Object data) {
    return accessor.apply(data);
  }
}

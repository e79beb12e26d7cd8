package io.ffnn.core.internal.files;

import java.util.regex.Pattern;

/**
 * What a number looks like where ffnn reads numbers from text (CSV cells, a row's values given as
 * strings): decimal or scientific notation with an optional sign — not Java's other literals
 * ({@code 0x1p3}, {@code 1d}, {@code 1f}, {@code NaN}, {@code Infinity}), which {@link
 * Double#parseDouble} would take. One rule for every reader.
 */
public final class Decimals {

  /** The syntax; no capturing groups, so that a matcher reset per cell stays cheap. */
  public static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

  private Decimals() {}
}

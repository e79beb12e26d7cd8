package io.ffnn.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * A set of values for the columns of a matrix: what an activation's outputs can be ({@link
 * Activation#outputRange()}), what a cost needs its outputs {@code Ŷ} to be ({@link
 * Cost#outputDomain()}) and what it accepts as targets {@code Y} ({@link Cost#targetDomain()}).
 *
 * <p>Five kinds: an <b>interval</b> of reals per entry, open or closed at each end; the
 * <b>probability simplex</b> (each column non-negative and summing to 1; the open simplex has
 * every entry strictly positive, as softmax gives); its <b>logarithm</b> (log_softmax); <b>signs</b>
 * (every entry −1 or +1); and <b>class indices</b> (a {@code 1 × m} row of integers {@code 0 …
 * n−1}, one per example).
 *
 * <p>Ranges are mathematical: sigmoid's outputs lie in the open interval (0, 1) even though they
 * round to exactly 0 or 1 for large inputs. Instances are immutable.
 */
public final class Range {

  /** The kinds of range. */
  public enum Kind {
    /** Each entry in an interval. */
    INTERVAL,
    /** Each column a probability vector. */
    SIMPLEX,
    /** Each column the logarithm of a probability vector. */
    LOG_SIMPLEX,
    /** Each entry −1 or +1. */
    SIGNS,
    /** A single row of class indices {@code 0 … n−1}. */
    CLASS_INDEX
  }

  /** Every real number. */
  public static final Range REAL = interval(Double.NEGATIVE_INFINITY, false,
      Double.POSITIVE_INFINITY, false);

  /** Probability vectors with every entry strictly positive (softmax). */
  public static final Range OPEN_SIMPLEX = new Range(Kind.SIMPLEX, 0, false, 1, false);

  /** Probability vectors whose entries may be exactly 0 (sparsemax, one-hot targets). */
  public static final Range SIMPLEX = new Range(Kind.SIMPLEX, 0, true, 1, true);

  /** Logarithms of strictly positive probability vectors (log_softmax). */
  public static final Range LOG_SIMPLEX = new Range(Kind.LOG_SIMPLEX,
      Double.NEGATIVE_INFINITY, false, 0, false);

  /** Entries −1 or +1 (the targets of hinge losses). */
  public static final Range SIGNS = new Range(Kind.SIGNS, -1, true, 1, true);

  /** A {@code 1 × m} row of class indices (the targets of sparse categorical cross-entropy). */
  public static final Range CLASS_INDEX = new Range(Kind.CLASS_INDEX, 0,
      true, Double.POSITIVE_INFINITY, false);

  /** Tolerance of the column sums of a simplex and of the integrality of class indices. */
  private static final double SUM_TOLERANCE = 1e-9;

  private final Kind kind;
  private final double lo;
  private final boolean loClosed;
  private final double hi;
  private final boolean hiClosed;

  private Range(Kind kind, double lo, boolean loClosed, double hi, boolean hiClosed) {
    this.kind = kind;
    this.lo = lo;
    this.loClosed = loClosed;
    this.hi = hi;
    this.hiClosed = hiClosed;
  }

  /**
   * An interval of reals for each entry.
   *
   * @param lo the lower end; {@code −∞} for none
   * @param loClosed whether {@code lo} itself belongs (ignored for an infinite end)
   * @param hi the upper end; {@code +∞} for none
   * @param hiClosed whether {@code hi} itself belongs (ignored for an infinite end)
   * @return the interval
   * @throws IllegalArgumentException if {@code lo > hi} or an end is NaN
   */
  public static Range interval(double lo, boolean loClosed, double hi, boolean hiClosed) {
    if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
      throw new IllegalArgumentException("not an interval: " + lo + " .. " + hi);
    }
    return new Range(Kind.INTERVAL, lo, loClosed && Double.isFinite(lo), hi,
        hiClosed && Double.isFinite(hi));
  }

  /**
   * The open interval {@code (lo, hi)}.
   *
   * @param lo the lower end
   * @param hi the upper end
   * @return the interval
   */
  public static Range open(double lo, double hi) {
    return interval(lo, false, hi, false);
  }

  /**
   * The closed interval {@code [lo, hi]}.
   *
   * @param lo the lower end
   * @param hi the upper end
   * @return the interval
   */
  public static Range closed(double lo, double hi) {
    return interval(lo, true, hi, true);
  }

  /**
   * The kind of this range.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The smallest value an entry can take or approach.
   *
   * @return the lower end; 0 for simplices, {@code −∞} for log-simplices
   */
  public double lower() {
    return lo;
  }

  /**
   * The largest value an entry can take or approach.
   *
   * @return the upper end; 1 for simplices, 0 for log-simplices
   */
  public double upper() {
    return hi;
  }

  /**
   * The same range with every finite end included: what computed values can reach when the exact
   * values only approach an end (sigmoid(1000) rounds to exactly 1).
   *
   * @return the closed range
   */
  public Range closure() {
    switch (kind) {
      case SIMPLEX:
        return SIMPLEX;
      case LOG_SIMPLEX:
        return new Range(Kind.LOG_SIMPLEX, lo, false, hi, true);
      case INTERVAL:
        return interval(lo, true, hi, true);
      default:
        return this;
    }
  }

  /**
   * Whether an entry can be negative.
   *
   * @return true if some values below 0 belong to this range
   */
  public boolean allowsNegative() {
    return lo < 0;
  }

  /**
   * Whether an entry can be positive.
   *
   * @return true if some values above 0 belong to this range
   */
  public boolean allowsPositive() {
    return hi > 0;
  }

  /**
   * Whether the rows of a matrix in this range are fixed by the output size: class indices are a
   * single row, everything else has {@code n} rows.
   *
   * @param outputSize {@code n[L]}
   * @return the number of rows of a target matrix in this range
   */
  public int rows(int outputSize) {
    return kind == Kind.CLASS_INDEX ? 1 : outputSize;
  }

  /**
   * Whether every matrix in {@code other} is also in this range, so that an activation with
   * output range {@code other} always satisfies a cost that needs this one.
   *
   * @param other the smaller range
   * @return true if {@code other ⊆ this}
   */
  public boolean contains(Range other) {
    return whyNotContains(other).isEmpty();
  }

  /**
   * The reasons why {@code other ⊄ this}, phrased for error messages ({@code "outputs can be ≥
   * 1"}).
   *
   * @param other the range of the outputs
   * @return an empty list if {@code other ⊆ this}
   */
  public List<String> whyNotContains(Range other) {
    List<String> why = new ArrayList<>();
    if (kind == Kind.SIGNS || kind == Kind.CLASS_INDEX) {
      if (other.kind != kind) {
        why.add("outputs are not restricted to " + this);
      }
      return why;
    }
    if (kind == Kind.SIMPLEX || kind == Kind.LOG_SIMPLEX) {
      if (other.kind != kind) {
        why.add(kind == Kind.SIMPLEX
            ? "outputs are not probability vectors (columns need not sum to 1)"
            : "outputs are not log-probabilities (columns need not log-sum-exp to 0)");
        return why;
      }
    }
    // an interval, or two simplices of the same kind: compare the entries' ends
    if (other.lo < lo || other.lo == lo && other.loClosed && !loClosed) {
      why.add(other.lo == lo ? "outputs can be " + num(lo)
          : "outputs can be " + (loClosed ? "< " : "≤ ") + num(lo));
    }
    if (other.hi > hi || other.hi == hi && other.hiClosed && !hiClosed) {
      why.add(other.hi == hi ? "outputs can be " + num(hi)
          : "outputs can be " + (hiClosed ? "> " : "≥ ") + num(hi));
    }
    return why;
  }

  /**
   * Finds the first entry or column of {@code M} outside this range.
   *
   * @param M the matrix, examples as columns. Not modified.
   * @param classes {@code n}, the number of classes, for {@link Kind#CLASS_INDEX}
   * @return {@code null} if all of {@code M} is in range, else a description such as {@code
   *     "entry [2,7] = 0.5 is not −1 or +1"}
   */
  public String firstViolation(DMatrixRMaj M, int classes) {
    final int m = M.numCols;
    switch (kind) {
      case SIMPLEX:
      case LOG_SIMPLEX:
        for (int i = 0; i < m; i++) {
          double sum = 0;
          for (int p = 0; p < M.numRows; p++) {
            double v = M.get(p, i);
            String bad = entryViolation(v);
            if (bad != null) {
              return "entry [" + p + "," + i + "] = " + v + " " + bad;
            }
            sum += kind == Kind.SIMPLEX ? v : Math.exp(v);
          }
          if (Math.abs(sum - 1) > SUM_TOLERANCE * Math.max(1, M.numRows)) {
            return "column " + i + (kind == Kind.SIMPLEX ? " sums to " : " has Σ exp = ") + sum
                + ", not 1";
          }
        }
        return null;
      default:
        for (int k = 0; k < M.getNumElements(); k++) {
          double v = M.data[k];
          String bad = kind == Kind.CLASS_INDEX ? classViolation(v, classes) : entryViolation(v);
          if (bad != null) {
            return "entry [" + k / m + "," + k % m + "] = " + v + " " + bad;
          }
        }
        return null;
    }
  }

  private String entryViolation(double v) {
    if (Double.isNaN(v)) {
      return "is NaN";
    }
    if (kind == Kind.SIGNS) {
      return v == -1.0 || v == 1.0 ? null : "is not −1 or +1";
    }
    boolean below = v < lo || v == lo && !loClosed;
    boolean above = v > hi || v == hi && !hiClosed;
    return below || above ? "is outside " + intervalText() : null;
  }

  private static String classViolation(double v, int classes) {
    if (!(v >= 0) || v != Math.rint(v) || v >= classes) {
      return "is not a class index 0.." + (classes - 1);
    }
    return null;
  }

  /**
   * Fills {@code M} (already shaped) with random values of this range, away from its ends, for
   * checks: intervals draw within {@code [max(lo, −3), min(hi, 3)]} shrunk by a tenth of its width
   * at each end; simplices draw random probability vectors (and their logs); signs draw ±1; class
   * indices draw {@code 0 … classes−1}.
   *
   * @param rng the random source
   * @param M the matrix to fill. Modified.
   * @param classes {@code n}, for {@link Kind#CLASS_INDEX}
   */
  public void sample(Random rng, DMatrixRMaj M, int classes) {
    Objects.requireNonNull(rng, "rng");
    switch (kind) {
      case SIMPLEX:
      case LOG_SIMPLEX:
        for (int i = 0; i < M.numCols; i++) {
          double sum = 0;
          for (int p = 0; p < M.numRows; p++) {
            double v = 0.05 - Math.log(1 - rng.nextDouble());
            M.set(p, i, v);
            sum += v;
          }
          for (int p = 0; p < M.numRows; p++) {
            double q = M.get(p, i) / sum;
            M.set(p, i, kind == Kind.SIMPLEX ? q : Math.log(q));
          }
        }
        return;
      case SIGNS:
        for (int k = 0; k < M.getNumElements(); k++) {
          M.data[k] = rng.nextBoolean() ? 1.0 : -1.0;
        }
        return;
      case CLASS_INDEX:
        for (int k = 0; k < M.getNumElements(); k++) {
          M.data[k] = rng.nextInt(classes);
        }
        return;
      default:
        double a = Math.max(lo, -3);
        double b = Math.min(hi, 3);
        if (a >= b) {
          a = lo;
          b = hi;
        }
        double margin = (b - a) / 10;
        for (int k = 0; k < M.getNumElements(); k++) {
          M.data[k] = a + margin + (b - a - 2 * margin) * rng.nextDouble();
        }
    }
  }

  private String intervalText() {
    return (loClosed ? "[" : "(") + num(lo) + ", " + num(hi) + (hiClosed ? "]" : ")");
  }

  private static String num(double v) {
    if (v == Double.POSITIVE_INFINITY) {
      return "∞";
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return "−∞";
    }
    double a = Math.abs(v);
    String digits = a == Math.rint(a) && a < 1e15 ? String.valueOf((long) a)
        : String.format(Locale.ROOT, "%.6g", a).replaceAll("\\.?0+$", "");
    return (v < 0 ? "−" : "") + digits;
  }

  /** Readable form: {@code (0, 1)}, {@code [0, ∞)}, {@code the open probability simplex}, … */
  @Override
  public String toString() {
    switch (kind) {
      case SIMPLEX:
        return loClosed ? "the probability simplex" : "the open probability simplex";
      case LOG_SIMPLEX:
        return "log-probabilities";
      case SIGNS:
        return "{−1, +1}";
      case CLASS_INDEX:
        return "class indices";
      default:
        return intervalText();
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Range)) {
      return false;
    }
    Range r = (Range) o;
    return kind == r.kind && Double.compare(lo, r.lo) == 0 && loClosed == r.loClosed
        && Double.compare(hi, r.hi) == 0 && hiClosed == r.hiClosed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, lo, loClosed, hi, hiClosed);
  }
}

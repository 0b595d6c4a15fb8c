package org.phloem.compiler.lower;

import java.util.HashMap;
import java.util.Map;
import org.phloem.compiler.ir.IExpr;

/**
 * Proves, from the bounds of the loops around it, that an index stays inside its dim, so that the
 * run-time check of that index can be left out. Most indices are a loop variable over the very dim they
 * index ({@code x[c, m]} in {@code for c in cell, m in month}), or a literal shift of one that the loop's
 * range keeps inside ({@code c[e - 1]} for {@code e in 1..nb - 1}); those are proven and cost nothing.
 * Anything the proof cannot follow (an integer {@code let}, a product, a loop over another dim whose
 * size is only known at bind time, a shift guarded by an {@code if}) keeps its check.
 *
 * <p>A bound is tracked as a constant or as "size of a dim plus a constant", which is all that loop
 * bounds written as {@code 0..size(d) - 1}, {@code 1..n - 1} or {@code for i in d} produce. Offsets are
 * longs, so a sum that would wrap around as an int is not mistaken for a small one.
 */
final class IndexRanges {
  /** The bounds of the loop variables in scope: from (inclusive) and to (exclusive). */
  private final Map<String, IExpr[]> loops = new HashMap<>();

  /** The values each loop variable and integer let can take ({@link #interval}), by local name. */
  private final Map<String, long[]> values = new HashMap<>();

  /** Declares loop variable {@code var} to run from {@code from} up to, not including, {@code to}. */
  void loop(String var, IExpr from, IExpr to) {
    loops.put(var, new IExpr[] {from, to});
    long low = interval(from)[0];
    values.put(var, new long[] {low, Math.max(low, interval(to)[1] - 1)});
  }

  /** Declares integer local {@code var} to hold {@code value} (an integer {@code let}). */
  void let(String var, IExpr value) {
    values.put(var, interval(value));
  }

  /**
   * {@code a op b} (ADD, SUB or MUL) for the model's index arithmetic: plain when the values the loop
   * bounds and literals allow keep it inside int, else exact, so that a value beyond int stops the run
   * with a message instead of wrapping around to a wrong index. Most indices ({@code i + 1}, {@code t - 1},
   * {@code 2 * i} over a fixed dim) are proven and cost nothing; {@code c * nt * nl + t * nl + k} over dims
   * bound from data is not (their sizes are only known at run time) and pays a jump on overflow.
   */
  IExpr.Bin arithmetic(IExpr.IOp op, IExpr a, IExpr b) {
    long[] x = interval(a);
    long[] y = interval(b);
    long[] r = combine(op, x, y);
    return new IExpr.Bin(op, a, b, !fitsInt(r));
  }

  /**
   * The values {@code e} can take, {lowest, highest}, as far as literals, loop bounds and lets tell
   * (a dim's size is anything from 0 to the largest int). Never wider than int: a plain operation is
   * proven to fit, and an exact one stops the run rather than leave int.
   */
  long[] interval(IExpr e) {
    if (e instanceof IExpr.Const c) {
      return new long[] {c.value(), c.value()};
    }
    if (e instanceof IExpr.DimSize) {
      return new long[] {0, Integer.MAX_VALUE};
    }
    if (e instanceof IExpr.Local l) {
      return values.getOrDefault(l.name(), INT);
    }
    IExpr.Bin b = (IExpr.Bin) e;
    long[] r = combine(b.op(), interval(b.a()), interval(b.b()));
    if (fitsInt(r)) {
      return r;
    }
    return b.exact() ? new long[] {Math.max(r[0], Integer.MIN_VALUE), Math.min(r[1], Integer.MAX_VALUE)} : INT;
  }

  private static final long[] INT = {Integer.MIN_VALUE, Integer.MAX_VALUE};

  private static boolean fitsInt(long[] r) {
    return r[0] >= Integer.MIN_VALUE && r[1] <= Integer.MAX_VALUE;
  }

  /** The values {@code x op y} can take for x in {@code x} and y in {@code y} (all within int, so no long overflows). */
  private static long[] combine(IExpr.IOp op, long[] x, long[] y) {
    switch (op) {
      case ADD:
        return new long[] {x[0] + y[0], x[1] + y[1]};
      case SUB:
        return new long[] {x[0] - y[1], x[1] - y[0]};
      case MUL: {
        long p = x[0] * y[0];
        long q = x[0] * y[1];
        long r = x[1] * y[0];
        long s = x[1] * y[1];
        return new long[] {Math.min(Math.min(p, q), Math.min(r, s)), Math.max(Math.max(p, q), Math.max(r, s))};
      }
      case MOD: {
        // Java's remainder takes the dividend's sign and is smaller than the divisor in size.
        long m = Math.max(Math.abs(y[0]), Math.abs(y[1])) - 1;
        long bound = Math.max(0, Math.min(m, Math.max(Math.abs(x[0]), Math.abs(x[1]))));
        return new long[] {x[0] >= 0 ? 0 : -bound, x[1] <= 0 ? 0 : bound};
      }
      case WITHIN:
        return new long[] {Math.max(0, x[0]), Math.max(0, Math.min(x[1], y[1] - 1))};
      default:
        throw new AssertionError(op);
    }
  }

  /** True when every value {@code index} can take lies in 0 .. size - 1. */
  boolean provenWithin(IExpr index, IExpr size) {
    return provenWithin(index, size, 0);
  }

  /**
   * True when every value {@code index} can take lies in -1 .. size: as the first index of a multi-dim
   * array, its flat offset then lies between minus a row and the array's end plus a row, which cannot
   * wrap around int since no array holds more than {@code GeneratedModel.MAX_ARRAY_ELEMENTS} (2^30)
   * elements; the JVM's bounds check sees the two indices just outside ({@code x[t - 1, c]} under
   * {@code if t > 0}, {@code x[k + 1, c]} under {@code if k < n - 1}).
   */
  boolean provenNoWrap(IExpr index, IExpr size) {
    return provenWithin(index, size, 1);
  }

  /** True when every value {@code index} can take lies in -slack .. size - 1 + slack. */
  private boolean provenWithin(IExpr index, IExpr size, int slack) {
    Bound low = low(index);
    Bound high = high(index);
    Bound limit = exact(size);
    if (low == null || high == null || limit == null) {
      return false;
    }
    boolean lowOk = low.offset >= -slack; // a dim size is never negative
    boolean highOk;
    if (limit.dim == null) {
      highOk = high.dim == null && high.offset < limit.offset + slack;
    } else if (limit.dim.equals(high.dim)) {
      highOk = high.offset < limit.offset + slack;
    } else {
      // A constant against a bound size: the dim may be taken to have at least one element, since with
      // none the array is empty and any access of it is refused by the JVM's own bounds check.
      highOk = high.dim == null && high.offset <= limit.offset + slack;
    }
    return lowOk && highOk;
  }

  /** {@code dim} (null: none) plus {@code offset}. */
  private record Bound(String dim, long offset) {
    Bound plus(long k) {
      return new Bound(dim, offset + k);
    }
  }

  /** The value of {@code e} as a bound, when it is a constant or a dim size plus a constant. */
  private static Bound exact(IExpr e) {
    if (e instanceof IExpr.Const) {
      return new Bound(null, ((IExpr.Const) e).value());
    }
    if (e instanceof IExpr.DimSize) {
      return new Bound(((IExpr.DimSize) e).dim(), 0);
    }
    if (e instanceof IExpr.Bin) {
      IExpr.Bin b = (IExpr.Bin) e;
      Bound a = exact(b.a());
      Integer k = constant(b.b());
      if (a != null && k != null && (b.op() == IExpr.IOp.ADD || b.op() == IExpr.IOp.SUB)) {
        return a.plus(b.op() == IExpr.IOp.ADD ? k : -k);
      }
      Integer c = constant(b.a());
      Bound other = exact(b.b());
      if (c != null && other != null && b.op() == IExpr.IOp.ADD) {
        return other.plus(c);
      }
    }
    return null;
  }

  /** The smallest value {@code e} takes, as a bound, or null when not known. */
  private Bound low(IExpr e) {
    return extreme(e, true);
  }

  /** The largest value {@code e} takes, as a bound, or null when not known. */
  private Bound high(IExpr e) {
    return extreme(e, false);
  }

  private Bound extreme(IExpr e, boolean lowest) {
    if (e instanceof IExpr.Local) {
      IExpr[] range = loops.get(((IExpr.Local) e).name());
      if (range == null) {
        return null;
      }
      Bound b = lowest ? exact(range[0]) : exact(range[1]);
      return b == null ? null : lowest ? b : b.plus(-1);
    }
    if (e instanceof IExpr.Bin) {
      IExpr.Bin b = (IExpr.Bin) e;
      Integer k = constant(b.b());
      if (k != null && (b.op() == IExpr.IOp.ADD || b.op() == IExpr.IOp.SUB)) {
        Bound a = extreme(b.a(), lowest);
        return a == null ? null : a.plus(b.op() == IExpr.IOp.ADD ? k : -k);
      }
      Integer c = constant(b.a());
      if (c != null && b.op() == IExpr.IOp.ADD) {
        Bound a = extreme(b.b(), lowest);
        return a == null ? null : a.plus(c);
      }
      return null;
    }
    return exact(e);
  }

  private static Integer constant(IExpr e) {
    return e instanceof IExpr.Const ? ((IExpr.Const) e).value() : null;
  }
}

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

  /** Declares loop variable {@code var} to run from {@code from} up to, not including, {@code to}. */
  void loop(String var, IExpr from, IExpr to) {
    loops.put(var, new IExpr[] {from, to});
  }

  /** True when every value {@code index} can take lies in 0 .. size - 1. */
  boolean provenWithin(IExpr index, IExpr size) {
    Bound low = low(index);
    Bound high = high(index);
    Bound limit = exact(size);
    if (low == null || high == null || limit == null) {
      return false;
    }
    boolean lowOk = low.offset >= 0; // a dim size is never negative
    boolean highOk;
    if (limit.dim == null) {
      highOk = high.dim == null && high.offset < limit.offset;
    } else if (limit.dim.equals(high.dim)) {
      highOk = high.offset < limit.offset;
    } else {
      // A constant against a bound size: the dim may be taken to have at least one element, since with
      // none the array is empty and any access of it is refused by the JVM's own bounds check.
      highOk = high.dim == null && high.offset <= limit.offset;
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

package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Stmt;

/**
 * The adjoint of one long loop by checkpointing: instead of recording every step in the forward sweep,
 * the forward sweep runs the plain loop and keeps a snapshot of the loop's carried state at the start of
 * each segment; the reverse sweep takes the segments last to first, restores a segment's snapshot,
 * re-runs the segment recording the tape, and runs the segment's reverse.
 *
 * <p>This is the nested schedule ({@link CheckpointOptions.Schedule#NESTED}; the default is the binomial
 * one, {@link BinomialCheckpointing}). It is nested (multi-level): a range of {@code len} steps with {@code depth} levels left
 * is split into {@code n} segments of {@code ceil(len/n)} steps ({@code n} = the {@code snapshots}
 * option, or automatically the smallest n with n^depth ≥ len); with one level left a segment is recorded
 * and reversed. Two levels are the √T scheme: about 2√T steps' worth of memory (√T snapshots and the
 * tape of one segment of √T steps) for one extra forward run. L levels cost L−1 extra forward runs for
 * about L·T^(1/L) (with L ≈ log₂T: a bisection schedule, O(log T) memory and recomputation, like the
 * binomial 'revolve' schedule of Griewank and Walther up to its constant factors). The snapshots live
 * on the tape itself: at every level they are taken and restored last in, first out.
 *
 * <p>Everything is ordinary IR (loops with integer bounds, integer arithmetic, pushes and pops), so the
 * Hessian-vector product, the tangent of the checkpointed gradient, checkpoints too. Segment sizes are
 * computed at run time from the loop's trip count, which is known only once the data are bound.
 * Replacing the schedule means replacing {@link #forward} and {@link #reverse}; the rest of the
 * transform only needs them to leave the loop's final state after the forward part and to run every
 * step's reverse, last to first, in the reverse part.
 */
final class Checkpointing implements LoopCheckpointing {

  /** The carried state a snapshot holds: real locals, integer locals, whole arrays (with their sizes). */
  record Snapshot(List<String> reals, List<String> ints, List<String> arrays, Function<String, IExpr> sizeOf) {}

  private final Stmt.For loop;
  private final List<Stmt> primal;
  private final List<Stmt> recordBody;
  private final List<Stmt> reverseBody;
  private final SnapshotCode snapshotCode;
  private final int snapshots;
  private final int levels;
  private final Function<String, String> freshInt;

  /**
   * @param loop the loop (invariant bounds), whose body {@code primal} is
   * @param recordBody the body's forward sweep (its statements, with tape pushes)
   * @param reverseBody the body's reverse sweep
   * @param snapshot what a snapshot holds
   * @param snapshots segments per level, 0 automatic
   * @param levels schedule depth, at least 2
   * @param freshInt declares a fresh integer local with the given prefix and returns its name
   */
  Checkpointing(Stmt.For loop, List<Stmt> recordBody, List<Stmt> reverseBody, Snapshot snapshot, int snapshots, int levels,
      Function<String, String> freshInt) {
    this.loop = loop;
    this.primal = loop.body();
    this.recordBody = recordBody;
    this.reverseBody = reverseBody;
    this.snapshotCode = new SnapshotCode(snapshot, freshInt);
    this.snapshots = snapshots;
    this.levels = levels;
    this.freshInt = freshInt;
    if (loop.descending()) {
      throw new IllegalArgumentException("checkpointing takes ascending loops");
    }
  }

  /** The top level's split, shared by the forward and reverse parts. */
  private Level top;

  /** The forward-sweep code: the plain loop, a snapshot at the start of each top-level segment. */
  @Override
  public List<Stmt> forward() {
    List<Stmt> out = new ArrayList<>();
    String lo = freshInt.apply("clo");
    String hi = freshInt.apply("chi");
    out.add(new Stmt.SetInt(lo, loop.from()));
    out.add(new Stmt.SetInt(hi, loop.to()));
    top = new Level(IExpr.local(lo), IExpr.local(hi), levels);
    top.split(out);
    List<Stmt> body = new ArrayList<>(top.bounds());
    body.add(ifNonEmpty(top, concat(snapshotCode.push(), advance(top.a, top.b))));
    out.add(new Stmt.For(top.j, IExpr.of(0), IExpr.local(top.n), false, body, loop.line()));
    return out;
  }

  /** The reverse-sweep code: segments last to first, each restored, recorded and reversed. */
  @Override
  public List<Stmt> reverse() {
    if (top == null) {
      throw new IllegalStateException("forward() first");
    }
    return List.of(reverseSegments(top));
  }

  /** For every segment of {@code level}, last to first: restore its snapshot, then its adjoint. */
  private Stmt reverseSegments(Level level) {
    List<Stmt> body = new ArrayList<>(level.bounds());
    body.add(ifNonEmpty(level, concat(snapshotCode.pop(), segmentAdjoint(level.a, level.b, level.depth - 1))));
    return new Stmt.For(level.j, IExpr.of(0), IExpr.local(level.n), true, body, loop.line());
  }

  /** The adjoint of steps [lo, hi) starting from the state at lo, with {@code depth} levels left. */
  private List<Stmt> segmentAdjoint(IExpr lo, IExpr hi, int depth) {
    if (depth == 1) {
      return List.of(
          new Stmt.For(loop.index(), lo, hi, false, recordBody, loop.line()),
          new Stmt.For(loop.index(), lo, hi, true, reverseBody, loop.line()));
    }
    List<Stmt> out = new ArrayList<>();
    Level level = new Level(lo, hi, depth);
    level.split(out);
    // take the snapshots; the last segment needs no advancing (it is restored at once)
    List<Stmt> body = new ArrayList<>(level.bounds());
    List<Stmt> take = new ArrayList<>(snapshotCode.push());
    take.add(new Stmt.If(new Cond.IntCompare(Cond.CmpOp.LT, level.b, hi), advance(level.a, level.b), List.of(), loop.line()));
    body.add(ifNonEmpty(level, take));
    out.add(new Stmt.For(level.j, IExpr.of(0), IExpr.local(level.n), false, body, loop.line()));
    out.add(reverseSegments(level));
    return out;
  }

  private List<Stmt> advance(IExpr a, IExpr b) {
    return List.of(new Stmt.For(loop.index(), a, b, false, primal, loop.line()));
  }

  private Stmt ifNonEmpty(Level level, List<Stmt> then) {
    return new Stmt.If(new Cond.IntCompare(Cond.CmpOp.LT, level.a, level.b), then, List.of(), loop.line());
  }

  private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
    List<Stmt> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * One level's split of [lo, hi) into {@code n} segments of {@code len} steps; segment j is [a, b) with
   * a = lo + j·len and b = min(a + len, hi) (empty segments, when n·len overshoots, are skipped).
   */
  private final class Level {
    final IExpr lo;
    final IExpr hi;
    final int depth;
    final String n = freshInt.apply("cn");
    final String len = freshInt.apply("cl");
    final String j = freshInt.apply("cj");
    final String count = freshInt.apply("ct");
    final String k = freshInt.apply("ck");
    final IExpr a = IExpr.local(freshInt.apply("ca"));
    final IExpr b = IExpr.local(freshInt.apply("cb"));

    Level(IExpr lo, IExpr hi, int depth) {
      this.lo = lo;
      this.hi = hi;
      this.depth = depth;
    }

    /** Sets n and len. IR has no integer division, so both are found by counting up (O(steps), cheap). */
    void split(List<Stmt> out) {
      IExpr steps = IExpr.local(count);
      out.add(new Stmt.SetInt(count, new IExpr.Bin(IExpr.IOp.SUB, hi, lo)));
      if (snapshots > 0) {
        out.add(new Stmt.SetInt(n, IExpr.of(snapshots)));
      } else {
        // the smallest n with n^depth >= steps
        IExpr power = IExpr.local(n);
        for (int d = 1; d < depth; d++) {
          power = IExpr.times(power, IExpr.local(n));
        }
        out.add(new Stmt.SetInt(n, IExpr.of(1)));
        out.add(new Stmt.For(k, IExpr.of(0), steps, false, List.of(
            new Stmt.If(new Cond.IntCompare(Cond.CmpOp.LT, power, steps),
                List.of(new Stmt.SetInt(n, IExpr.plus(IExpr.local(n), IExpr.of(1)))), List.of(), 0)), 0));
      }
      // the smallest len with len * n >= steps
      out.add(new Stmt.SetInt(len, IExpr.of(1)));
      out.add(new Stmt.For(k, IExpr.of(0), steps, false, List.of(
          new Stmt.If(new Cond.IntCompare(Cond.CmpOp.LT, IExpr.times(IExpr.local(len), IExpr.local(n)), steps),
              List.of(new Stmt.SetInt(len, IExpr.plus(IExpr.local(len), IExpr.of(1)))), List.of(), 0)), 0));
    }

    /** Sets a and b for segment j. */
    List<Stmt> bounds() {
      String aName = ((IExpr.Local) a).name();
      String bName = ((IExpr.Local) b).name();
      return List.of(
          new Stmt.SetInt(aName, IExpr.plus(lo, IExpr.times(IExpr.local(j), IExpr.local(len)))),
          new Stmt.SetInt(bName, IExpr.plus(a, IExpr.local(len))),
          new Stmt.If(new Cond.IntCompare(Cond.CmpOp.GT, b, hi), List.of(new Stmt.SetInt(bName, hi)), List.of(), 0));
    }
  }
}

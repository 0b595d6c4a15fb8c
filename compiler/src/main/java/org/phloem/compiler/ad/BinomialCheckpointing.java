package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.ScheduleCall;
import org.phloem.compiler.ir.Stmt;

/**
 * The adjoint of one long loop by binomial checkpointing (Griewank and Walther 2000, "Algorithm 799:
 * revolve", ACM TOMS 26(1)), the default schedule. The schedule itself is the runtime's ({@code
 * org.phloem.runtime.Revolve}, reached through {@link Stmt.Schedule}): it plans the loop once the
 * trip count, the snapshot's bytes and a step's tape are known, within the tape budget, cutting the
 * loop into leaves of L steps recorded whole. This code only follows it, with the three operations
 * every schedule needs: advance the plain loop from one leaf to another, push or pop a snapshot of the
 * carried state ({@link SnapshotCode}), and record and reverse one leaf.
 *
 * <pre>
 * forward:  n = start(T, σ, τ, c); L = leaf()
 *           for q until legs(n−1): push snapshot; advance to target(q)
 *           record leaf n−1
 * reverse:  n = resume(T, σ, τ, c); L = leaf(); reverse leaf n−1
 *           for y = n−2 down to 0:
 *             p = restore(y); pop snapshot; if p &lt; y: push snapshot
 *             for q until legs(y): if q > 0: push snapshot; advance to target(q)
 *             record leaf y; reverse leaf y
 * </pre>
 * Every step's reverse runs once, last to first, right after its own recording, exactly as in the plain
 * adjoint, so the gradient is the plain one bit for bit. Being ordinary IR (integer locals, loops,
 * pushes and pops, schedule questions), the Hessian-vector product (its tangent) follows the same
 * schedule; it pushes a tangent beside every real, so it holds up to twice the budget.
 */
final class BinomialCheckpointing implements LoopCheckpointing {
  private final Stmt.For loop;
  private final List<Stmt> recordBody;
  private final List<Stmt> reverseBody;
  private final SnapshotCode snapshot;
  private final List<Expr> plan;

  private final String lo;
  private final String hi;
  private final String steps;
  private final String leaves;
  private final String leaf;
  private final String legs;
  private final String leg;
  private final String at;
  private final String target;
  private final String y;

  /**
   * @param loop the loop (invariant bounds, ascending)
   * @param recordBody the body's forward sweep (its statements, with tape pushes)
   * @param reverseBody the body's reverse sweep
   * @param snapshot what a snapshot holds
   * @param stepBytes the bytes one step records ({@link TapeBytes})
   * @param snapshots fixed snapshot slots with one-step leaves, or 0: planned within the tape budget
   * @param freshInt declares a fresh integer local with the given prefix and returns its name
   */
  BinomialCheckpointing(Stmt.For loop, List<Stmt> recordBody, List<Stmt> reverseBody, Checkpointing.Snapshot snapshot,
      Expr stepBytes, int snapshots, Function<String, String> freshInt) {
    if (loop.descending()) {
      throw new IllegalArgumentException("checkpointing takes ascending loops");
    }
    this.loop = loop;
    this.recordBody = recordBody;
    this.reverseBody = reverseBody;
    this.snapshot = new SnapshotCode(snapshot, freshInt);
    this.lo = freshInt.apply("clo");
    this.hi = freshInt.apply("chi");
    this.steps = freshInt.apply("ct");
    this.leaves = freshInt.apply("cn");
    this.leaf = freshInt.apply("cl");
    this.legs = freshInt.apply("cg");
    this.leg = freshInt.apply("cq");
    this.at = freshInt.apply("cp");
    this.target = freshInt.apply("cm");
    this.y = freshInt.apply("cy");
    this.plan = List.of(new Expr.ToReal(IExpr.local(steps)), this.snapshot.bytes(), stepBytes, Expr.num(snapshots));
  }

  @Override
  public List<Stmt> forward() {
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.SetInt(lo, loop.from()));
    out.add(new Stmt.SetInt(hi, loop.to()));
    out.add(new Stmt.SetInt(steps, minus(IExpr.local(hi), IExpr.local(lo))));
    List<Stmt> run = new ArrayList<>();
    run.add(ask(leaves, ScheduleCall.START, plan));
    run.add(ask(leaf, ScheduleCall.LEAF, List.of()));
    run.add(new Stmt.SetInt(at, IExpr.of(0)));
    run.addAll(legsTo(minus(IExpr.local(leaves), IExpr.of(1)), true));
    run.add(overLastLeaf(recordBody, false));
    out.add(ifAnySteps(run));
    return out;
  }

  @Override
  public List<Stmt> reverse() {
    List<Stmt> run = new ArrayList<>();
    run.add(ask(leaves, ScheduleCall.RESUME, plan));
    run.add(ask(leaf, ScheduleCall.LEAF, List.of()));
    run.add(overLastLeaf(reverseBody, true));
    List<Stmt> each = new ArrayList<>();
    each.add(ask(at, ScheduleCall.RESTORE, List.of(real(IExpr.local(y)))));
    each.addAll(snapshot.pop());
    each.add(new Stmt.If(new Cond.IntCompare(Cond.CmpOp.LT, IExpr.local(at), IExpr.local(y)), snapshot.push(), List.of(), 0));
    each.addAll(legsTo(IExpr.local(y), false));
    IExpr from = IExpr.plus(IExpr.local(lo), IExpr.times(IExpr.local(y), IExpr.local(leaf)));
    IExpr to = IExpr.plus(from, IExpr.local(leaf));
    each.add(new Stmt.For(loop.index(), from, to, false, recordBody, loop.line()));
    each.add(new Stmt.For(loop.index(), from, to, true, reverseBody, loop.line()));
    run.add(new Stmt.For(y, IExpr.of(0), minus(IExpr.local(leaves), IExpr.of(1)), true, each, loop.line()));
    return List.of(ifAnySteps(run));
  }

  /**
   * The legs from the current leaf to leaf {@code end}: each pushes a snapshot of where it starts
   * (except the first after a restore, whose snapshot is already there) and advances the plain loop.
   */
  private List<Stmt> legsTo(IExpr end, boolean snapshotFirst) {
    List<Stmt> body = new ArrayList<>();
    if (snapshotFirst) {
      body.addAll(snapshot.push());
    } else {
      body.add(new Stmt.If(new Cond.IntCompare(Cond.CmpOp.GT, IExpr.local(leg), IExpr.of(0)), snapshot.push(), List.of(), 0));
    }
    body.add(ask(target, ScheduleCall.TARGET, List.of(real(IExpr.local(leg)))));
    body.add(new Stmt.For(loop.index(), leafStart(IExpr.local(at)), leafStart(IExpr.local(target)), false, loop.body(), loop.line()));
    body.add(new Stmt.SetInt(at, IExpr.local(target)));
    return List.of(
        ask(legs, ScheduleCall.LEGS, List.of(real(end))),
        new Stmt.For(leg, IExpr.of(0), IExpr.local(legs), false, body, loop.line()));
  }

  /** {@code code} over the steps of the last leaf, [lo + (n−1)·L, hi), ascending or descending. */
  private Stmt overLastLeaf(List<Stmt> code, boolean descending) {
    return new Stmt.For(loop.index(), leafStart(minus(IExpr.local(leaves), IExpr.of(1))), IExpr.local(hi), descending, code,
        loop.line());
  }

  private IExpr leafStart(IExpr k) {
    return IExpr.plus(IExpr.local(lo), IExpr.times(k, IExpr.local(leaf)));
  }

  private Stmt ifAnySteps(List<Stmt> then) {
    return new Stmt.If(new Cond.IntCompare(Cond.CmpOp.GT, IExpr.local(steps), IExpr.of(0)), then, List.of(), loop.line());
  }

  private static Stmt ask(String result, ScheduleCall call, List<Expr> args) {
    return new Stmt.Schedule(result, call, args);
  }

  private static Expr real(IExpr e) {
    return new Expr.ToReal(e);
  }

  private static IExpr minus(IExpr a, IExpr b) {
    return new IExpr.Bin(IExpr.IOp.SUB, a, b);
  }
}

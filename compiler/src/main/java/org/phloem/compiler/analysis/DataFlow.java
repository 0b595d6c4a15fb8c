package org.phloem.compiler.analysis;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ir.Stmt;

/**
 * The one data-flow engine: runs a {@link FlowAnalysis} over structured IR. Blocks are walked in
 * order (or reverse order for a backward analysis); an {@code if} joins the states of its two
 * branches; a {@code for} is iterated until the state at its head stops changing (the body may run
 * zero or more times, so the head joins the state reaching the loop with the state leaving the body,
 * passed through {@link FlowAnalysis#nextIteration}; the state after the loop is the head's, passed
 * through {@link FlowAnalysis#leaveLoop}).
 * Statements are keyed by identity, since equal records may sit at different places; so a body must
 * not hold one statement object at two places (the derivative transforms copy their input first).
 */
public final class DataFlow {

  private DataFlow() {}

  /**
   * The states before and after every statement of a body, in program order (for a backward
   * analysis "before" is still the program point preceding the statement).
   *
   * @param <S> the analysis state
   */
  public static final class Result<S> {
    private final Map<Stmt, S> before = new IdentityHashMap<>();
    private final List<Stmt> order = new java.util.ArrayList<>();
    private final Map<Stmt, S> after = new IdentityHashMap<>();
    private S start;
    private S end;

    /** The state at the program point just before {@code s}. */
    public S before(Stmt s) {
      return lookup(before, s);
    }

    /** The state at the program point just after {@code s}. */
    public S after(Stmt s) {
      return lookup(after, s);
    }

    /** Every statement analysed, nested ones included, in the order first reached (program order for a forward analysis). */
    public List<Stmt> statements() {
      return java.util.Collections.unmodifiableList(order);
    }

    private void visit(Stmt s, S state) {
      if (before.put(s, state) == null) {
        order.add(s);
      }
    }

    /** The state at the start of the analysed body. */
    public S start() {
      return start;
    }

    /** The state at the end of the analysed body. */
    public S end() {
      return end;
    }

    private static <S> S lookup(Map<Stmt, S> m, Stmt s) {
      S v = m.get(s);
      if (v == null) {
        throw new IllegalArgumentException("statement not in the analysed body: " + s);
      }
      return v;
    }
  }

  /** Runs {@code analysis} over {@code body} and returns the state at every statement. */
  public static <S> Result<S> run(List<Stmt> body, FlowAnalysis<S> analysis) {
    Result<S> r = new Result<>();
    if (analysis.forward()) {
      r.start = analysis.boundary();
      r.end = forwardBlock(body, r.start, analysis, r);
    } else {
      r.end = analysis.boundary();
      r.start = backwardBlock(body, r.end, analysis, r);
    }
    return r;
  }

  private static <S> S forwardBlock(List<Stmt> body, S in, FlowAnalysis<S> a, Result<S> r) {
    S state = in;
    for (Stmt s : body) {
      state = forwardStmt(s, state, a, r);
    }
    return state;
  }

  private static <S> S forwardStmt(Stmt s, S in, FlowAnalysis<S> a, Result<S> r) {
    r.visit(s, in);
    S out;
    if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      out = a.join(forwardBlock(i.then(), in, a, r), forwardBlock(i.otherwise(), in, a, r));
    } else if (s instanceof Stmt.For) {
      Stmt.For l = (Stmt.For) s;
      S head = in;
      while (true) {
        S next = a.join(in, a.nextIteration(l, forwardBlock(l.body(), head, a, r)));
        if (next.equals(head)) {
          break;
        }
        head = next;
      }
      out = a.leaveLoop(l, head);
    } else {
      out = a.transfer(s, in);
    }
    r.after.put(s, out);
    return out;
  }

  private static <S> S backwardBlock(List<Stmt> body, S out, FlowAnalysis<S> a, Result<S> r) {
    S state = out;
    for (int k = body.size() - 1; k >= 0; k--) {
      state = backwardStmt(body.get(k), state, a, r);
    }
    return state;
  }

  private static <S> S backwardStmt(Stmt s, S out, FlowAnalysis<S> a, Result<S> r) {
    r.after.put(s, out);
    S in;
    if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      in = a.join(backwardBlock(i.then(), out, a, r), backwardBlock(i.otherwise(), out, a, r));
    } else if (s instanceof Stmt.For) {
      Stmt.For l = (Stmt.For) s;
      S head = out;
      while (true) {
        S next = a.join(out, a.nextIteration(l, backwardBlock(l.body(), head, a, r)));
        if (next.equals(head)) {
          break;
        }
        head = next;
      }
      in = a.leaveLoop(l, head);
    } else {
      in = a.transfer(s, out);
    }
    r.visit(s, in);
    return in;
  }
}

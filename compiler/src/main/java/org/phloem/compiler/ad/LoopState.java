package org.phloem.compiler.ad;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * What one loop carries from one iteration to the next, for checkpointing: which variables its body
 * writes, which of them an iteration may read before writing them (<em>exposed</em>: their value comes
 * from the previous iteration, so a snapshot must hold it), and what it reads that it never writes (which
 * code after the loop must not destroy before the reverse sweep re-runs it).
 *
 * <p>Arrays are tracked by element where the index expression says which: an iteration that writes
 * {@code nee[t]} before reading {@code nee[t]} does not carry {@code nee} (a per-step output needs no
 * snapshot). A read is covered only by an earlier write, in the same iteration and on every path, of the
 * identical index expression whose integer locals have not changed since; anything else counts as
 * exposed, and the whole array is then snapshotted.
 */
final class LoopState {
  /** Real and integer locals the body assigns (not loop indices). */
  final Set<String> writtenScalars = new LinkedHashSet<>();
  /** Arrays the body stores into or fills. */
  final Set<String> writtenArrays = new LinkedHashSet<>();
  /** Locals an iteration may read before it writes them. */
  final Set<String> exposedScalars = new LinkedHashSet<>();
  /** Arrays with an element an iteration may read before it writes it. */
  final Set<String> exposedArrays = new LinkedHashSet<>();
  /** Every name the loop reads, its bounds and indices included. */
  final Set<String> reads = new LinkedHashSet<>();
  /** The loop's index and those of the loops inside it. */
  final Set<String> indices = new LinkedHashSet<>();

  private record Element(String array, IExpr index) {}

  private record Whole(String array) {}

  private LoopState() {}

  /** Analyses loop {@code l}. */
  static LoopState of(Stmt.For l) {
    LoopState s = new LoopState();
    s.indices.add(l.index());
    s.readInt(l.from(), Set.of());
    s.readInt(l.to(), Set.of());
    Set<Object> written = new HashSet<>();
    written.add(l.index());
    s.block(l.body(), written);
    return s;
  }

  /** The names the loop reads and never writes (inputs, parameters, values set before it). */
  Set<String> readsFromOutside() {
    Set<String> out = new LinkedHashSet<>(reads);
    out.removeAll(writtenScalars);
    out.removeAll(writtenArrays);
    out.removeAll(indices);
    return out;
  }

  private Set<Object> block(List<Stmt> body, Set<Object> written) {
    Set<Object> w = written;
    for (Stmt s : body) {
      w = stmt(s, w);
    }
    return w;
  }

  private Set<Object> stmt(Stmt s, Set<Object> w) {
    if (s instanceof Stmt.Assign) {
      Stmt.Assign a = (Stmt.Assign) s;
      readExpr(a.value(), w);
      Ref t = a.target();
      if (t instanceof Ref.Local) {
        writtenScalars.add(t.name());
        w.add(t.name());
      } else {
        IExpr index = ((Ref.Elem) t).index();
        readInt(index, w);
        writtenArrays.add(t.name());
        w.add(new Element(t.name(), index));
      }
      return w;
    }
    if (s instanceof Stmt.SetInt) {
      Stmt.SetInt a = (Stmt.SetInt) s;
      readInt(a.value(), w);
      writtenScalars.add(a.local());
      forget(w, a.local());
      w.add(a.local());
      return w;
    }
    if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      readCond(i.cond(), w);
      Set<Object> then = block(i.then(), new HashSet<>(w));
      Set<Object> otherwise = block(i.otherwise(), new HashSet<>(w));
      then.retainAll(otherwise);
      return then;
    }
    if (s instanceof Stmt.For) {
      Stmt.For f = (Stmt.For) s;
      readInt(f.from(), w);
      readInt(f.to(), w);
      indices.add(f.index());
      Set<Object> inner = new HashSet<>(w);
      forget(inner, f.index());
      inner.add(f.index());
      block(f.body(), inner);
      forget(w, f.index()); // the body may not run; and the index has moved on if it did
      w.add(f.index());
      return w;
    }
    if (s instanceof Stmt.Fill) {
      writtenArrays.add(((Stmt.Fill) s).array());
      w.add(new Whole(((Stmt.Fill) s).array()));
      return w;
    }
    throw new IllegalArgumentException("checkpointing takes code without tape operations; got " + s);
  }

  /** Drops what {@code local} held and every element fact whose index reads it. */
  private static void forget(Set<Object> w, String local) {
    w.remove(local);
    w.removeIf(o -> o instanceof Element && Reads.all(((Element) o).index()).contains(local));
  }

  private void readExpr(Expr e, Set<Object> w) {
    if (e instanceof Expr.Get) {
      Ref r = ((Expr.Get) e).ref();
      reads.add(r.name());
      if (r instanceof Ref.Local) {
        if (!w.contains(r.name())) {
          exposedScalars.add(r.name());
        }
      } else {
        IExpr index = ((Ref.Elem) r).index();
        readInt(index, w);
        if (!w.contains(new Element(r.name(), index)) && !w.contains(new Whole(r.name()))) {
          exposedArrays.add(r.name());
        }
      }
    } else if (e instanceof Expr.Call) {
      for (Expr a : ((Expr.Call) e).args()) {
        readExpr(a, w);
      }
    } else if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      readCond(s.cond(), w);
      readExpr(s.ifTrue(), w);
      readExpr(s.ifFalse(), w);
    } else if (e instanceof Expr.ToReal) {
      readInt(((Expr.ToReal) e).value(), w);
    }
  }

  private void readCond(Cond c, Set<Object> w) {
    if (c instanceof Cond.Compare) {
      readExpr(((Cond.Compare) c).a(), w);
      readExpr(((Cond.Compare) c).b(), w);
    } else if (c instanceof Cond.IntCompare) {
      readInt(((Cond.IntCompare) c).a(), w);
      readInt(((Cond.IntCompare) c).b(), w);
    } else if (c instanceof Cond.And) {
      readCond(((Cond.And) c).a(), w);
      readCond(((Cond.And) c).b(), w);
    } else if (c instanceof Cond.Or) {
      readCond(((Cond.Or) c).a(), w);
      readCond(((Cond.Or) c).b(), w);
    } else if (c instanceof Cond.Not) {
      readCond(((Cond.Not) c).a(), w);
    } else if (c instanceof Cond.IsNaN) {
      readExpr(((Cond.IsNaN) c).value(), w);
    }
  }

  private void readInt(IExpr e, Set<Object> w) {
    for (String n : Reads.all(e)) {
      reads.add(n);
      if (!w.contains(n)) {
        exposedScalars.add(n);
      }
    }
  }
}

package org.phloem.compiler.codegen;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * The scalar locals a method of a split sweep may read before it has surely written them: only these
 * need their value from before the call. The rest (the temporaries of a loop body, written first
 * whenever it runs) start from nothing in each call, which saves a helper called once per time step
 * from loading hundreds of locals it is about to overwrite.
 *
 * <p>"Surely written" follows the code's structure: a loop's body may not run, so what it writes is not
 * surely written after it (its index is: the loop sets it first); after a branch, what both arms write.
 * A call to a helper reads the locals the helper touches (the caller hands them over through the frame)
 * and surely writes what it writes (the caller takes them back).
 */
final class ExposedReads {
  private final Set<String> exposed = new LinkedHashSet<>();
  private final Set<String> held;
  private final Function<Piece, UsedNames> helperUses;

  private ExposedReads(Set<String> held, Function<Piece, UsedNames> helperUses) {
    this.held = held;
    this.helperUses = helperUses;
  }

  /**
   * What helper {@code p} reads before writing.
   *
   * @param exposed the locals it may read before writing them (handing a local to a helper reads it)
   * @param surelyWritten the locals it surely writes whenever it runs
   */
  record Result(Set<String> exposed, Set<String> surelyWritten) {}

  /**
   * @param own what {@code p}'s own code touches
   * @param helperUses what each helper touches, its own helpers included
   */
  static Result of(Piece p, UsedNames own, Function<Piece, UsedNames> helperUses) {
    ExposedReads r = new ExposedReads(own.locals, helperUses);
    Set<String> written = new HashSet<>();
    r.nodes(p.body(), written);
    return new Result(r.exposed, written);
  }

  /** Analyses {@code body} from {@code written} (surely written before it), which it extends. */
  private void nodes(List<Piece.Node> body, Set<String> written) {
    for (Piece.Node n : body) {
      if (n instanceof Piece.Inline) {
        stmt(((Piece.Inline) n).stmt(), written);
      } else if (n instanceof Piece.Call) {
        UsedNames theirs = helperUses.apply(((Piece.Call) n).helper());
        for (String local : theirs.locals) {
          if (held.contains(local)) {
            read(local, written);
          }
        }
        for (String local : theirs.written) {
          if (held.contains(local)) {
            written.add(local);
          }
        }
      } else if (n instanceof Piece.Loop) {
        Piece.Loop l = (Piece.Loop) n;
        loopHeader(l.loop(), written);
        nodes(l.body(), new HashSet<>(written));
      } else {
        Piece.Branch b = (Piece.Branch) n;
        reads(b.branch().cond(), written);
        Set<String> then = new HashSet<>(written);
        Set<String> otherwise = new HashSet<>(written);
        nodes(b.then(), then);
        nodes(b.otherwise(), otherwise);
        then.retainAll(otherwise);
        written.addAll(then);
      }
    }
  }

  private void stmts(List<Stmt> body, Set<String> written) {
    for (Stmt s : body) {
      stmt(s, written);
    }
  }

  private void stmt(Stmt s, Set<String> written) {
    if (s instanceof Stmt.Assign) {
      Stmt.Assign a = (Stmt.Assign) s;
      target(a.target(), written, () -> reads(a.value(), written));
    } else if (s instanceof Stmt.SetInt) {
      reads(((Stmt.SetInt) s).value(), written);
      written.add(((Stmt.SetInt) s).local());
    } else if (s instanceof Stmt.For) {
      Stmt.For f = (Stmt.For) s;
      loopHeader(f, written);
      stmts(f.body(), new HashSet<>(written));
    } else if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      reads(i.cond(), written);
      Set<String> then = new HashSet<>(written);
      Set<String> otherwise = new HashSet<>(written);
      stmts(i.then(), then);
      stmts(i.otherwise(), otherwise);
      then.retainAll(otherwise);
      written.addAll(then);
    } else if (s instanceof Stmt.Push) {
      reads(((Stmt.Push) s).value(), written);
    } else if (s instanceof Stmt.Pop) {
      target(((Stmt.Pop) s).target(), written, () -> { });
    } else if (s instanceof Stmt.PushInt) {
      reads(((Stmt.PushInt) s).value(), written);
    } else if (s instanceof Stmt.PopInt) {
      written.add(((Stmt.PopInt) s).local());
    } else if (s instanceof Stmt.Schedule) {
      ((Stmt.Schedule) s).args().forEach(a -> reads(a, written));
      written.add(((Stmt.Schedule) s).result());
    }
  }

  /** A store: the element index and the value are read first, then a local target is written. */
  private void target(Ref target, Set<String> written, Runnable value) {
    if (target instanceof Ref.Elem) {
      reads(((Ref.Elem) target).index(), written);
    }
    value.run();
    if (target instanceof Ref.Local) {
      written.add(target.name());
    }
  }

  private void loopHeader(Stmt.For f, Set<String> written) {
    reads(f.from(), written);
    reads(f.to(), written);
    written.add(f.index());
  }

  private void read(String local, Set<String> written) {
    if (!written.contains(local)) {
      exposed.add(local);
    }
  }

  private void reads(Expr e, Set<String> written) {
    UsedNames u = new UsedNames();
    u.expr(e);
    u.locals.forEach(l -> read(l, written));
  }

  private void reads(IExpr e, Set<String> written) {
    UsedNames u = new UsedNames();
    u.iexpr(e);
    u.locals.forEach(l -> read(l, written));
  }

  private void reads(Cond c, Set<String> written) {
    UsedNames u = new UsedNames();
    u.cond(c);
    u.locals.forEach(l -> read(l, written));
  }
}

package org.phloem.compiler.optimize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.analysis.Recomputable;
import org.phloem.compiler.ir.Stmt;

/** What statements write and read, nested statements included (the optimiser's, and the reverse sweep's invariants). */
public final class Statements {
  private Statements() {}

  /** What a loop-invariant pass does to one loop whose nested loops it has already done. */
  public interface LoopRewrite {
    /**
     * The new body of loop {@code loop} (its nested loops already rewritten: {@code body}); statements
     * to run before the loop go to {@code before}.
     */
    List<Stmt> rewrite(Stmt.For loop, List<Stmt> body, List<Stmt> before);
  }

  /**
   * {@code code} with every loop rewritten by {@code rewrite}, innermost first (so what an inner loop moved
   * out can move further), through the branches of ifs; the statements each loop moves out go just before it.
   */
  public static List<Stmt> rewriteLoops(List<Stmt> code, LoopRewrite rewrite) {
    List<Stmt> out = new ArrayList<>(code.size());
    for (Stmt s : code) {
      if (s instanceof Stmt.For) {
        Stmt.For f = (Stmt.For) s;
        List<Stmt> before = new ArrayList<>();
        List<Stmt> body = rewrite.rewrite(f, rewriteLoops(f.body(), rewrite), before);
        out.addAll(before);
        out.add(new Stmt.For(f.index(), f.from(), f.to(), f.descending(), body, f.line()));
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        out.add(new Stmt.If(i.cond(), rewriteLoops(i.then(), rewrite), rewriteLoops(i.otherwise(), rewrite), i.line()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Every name {@code code} writes (locals, arrays, loop indices), nested statements included. */
  public static Set<String> writes(List<Stmt> code) {
    Set<String> out = new LinkedHashSet<>();
    for (Stmt s : code) {
      writes(s, out);
    }
    return out;
  }

  /** Adds every name {@code s} writes, nested statements included, to {@code out}. */
  static void writes(Stmt s, Set<String> out) {
    count(s, null, out);
  }

  /** Adds, for every name {@code code} writes, the number of statements writing it to {@code counts}. */
  public static void countWrites(List<Stmt> code, Map<String, Integer> counts) {
    for (Stmt s : code) {
      count(s, counts, null);
    }
  }

  private static void count(Stmt s, Map<String, Integer> counts, Set<String> out) {
    String w = null;
    if (s instanceof Stmt.Assign) {
      w = ((Stmt.Assign) s).target().name();
    } else if (s instanceof Stmt.SetInt) {
      w = ((Stmt.SetInt) s).local();
    } else if (s instanceof Stmt.Pop) {
      w = ((Stmt.Pop) s).target().name();
    } else if (s instanceof Stmt.PopInt) {
      w = ((Stmt.PopInt) s).local();
    } else if (s instanceof Stmt.Fill) {
      w = ((Stmt.Fill) s).array();
    } else if (s instanceof Stmt.Schedule) {
      w = ((Stmt.Schedule) s).result();
    } else if (s instanceof Stmt.For) {
      Stmt.For f = (Stmt.For) s;
      w = f.index();
      for (Stmt b : f.body()) {
        count(b, counts, out);
      }
    } else if (s instanceof Stmt.If) {
      for (Stmt b : ((Stmt.If) s).then()) {
        count(b, counts, out);
      }
      for (Stmt b : ((Stmt.If) s).otherwise()) {
        count(b, counts, out);
      }
    }
    if (w != null) {
      if (counts != null) {
        counts.merge(w, 1, Integer::sum);
      }
      if (out != null) {
        out.add(w);
      }
    }
  }

  /** Every name {@code s} reads, nested statements included. */
  static Set<String> readsDeep(Stmt s) {
    return Recomputable.readsDeep(List.of(s));
  }

}

package org.phloem.compiler.optimize;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.analysis.Recomputable;
import org.phloem.compiler.ir.Stmt;

/** What statements write and read, nested statements included (the optimiser's, and the reverse sweep's invariants). */
public final class Statements {
  private Statements() {}

  /** Every name {@code code} writes (locals, arrays, loop indices), nested statements included. */
  static Set<String> writes(List<Stmt> code) {
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

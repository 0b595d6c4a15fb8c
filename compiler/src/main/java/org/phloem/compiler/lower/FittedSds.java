package org.phloem.compiler.lower;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.phloem.compiler.analysis.Activity;
import org.phloem.compiler.ir.Stmt;

/**
 * Keeps the log S term of an observation only where its sd S depends on the parameters. There the term
 * is what makes the cost the negative log-likelihood (without it a fitted noise level runs away to
 * infinity, where ½((y − m)/S)² vanishes); where S is fixed it is a constant, dropped so that J keeps
 * comparing with m/2 and a least-squares fit stays one. Which S depends on the parameters is the
 * forward activity analysis of the model's own code, so an sd computed from a parameter through
 * vars and lets counts, and one from inputs and constants does not.
 */
final class FittedSds {
  private FittedSds() {}

  /**
   * {@code body} without the terms whose sd is not varied by {@code parameters}.
   *
   * @param fitted set to true for each observation (by number) that keeps its terms
   */
  static List<Stmt> prune(List<Stmt> body, List<ObserveLowering.LogSdTerm> terms, String parameters, String cost, boolean[] fitted) {
    if (terms.isEmpty()) {
      return body;
    }
    Activity act = Activity.analyze(body, Set.of(parameters), Set.of(cost));
    Set<Stmt> drop = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ObserveLowering.LogSdTerm t : terms) {
      if (act.variedBefore(t.statement(), t.sd())) {
        fitted[t.observation()] = true;
      } else {
        drop.add(t.statement());
      }
    }
    return drop.isEmpty() ? body : without(body, drop);
  }

  private static List<Stmt> without(List<Stmt> body, Set<Stmt> drop) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (drop.contains(s)) {
        continue;
      }
      if (s instanceof Stmt.For f) {
        out.add(new Stmt.For(f.index(), f.from(), f.to(), f.descending(), without(f.body(), drop), f.line()));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.cond(), without(i.then(), drop), without(i.otherwise(), drop), i.line()));
      } else {
        out.add(s);
      }
    }
    return out;
  }
}

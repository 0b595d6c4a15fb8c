package org.phloem.compiler.ir;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The bodies a statement nests (a loop's body, an if's two branches), for the walks that most passes
 * make over them: one that rewrites code rewrites each nested body the same way and rebuilds the loop
 * or if around it ({@link #map}); one that inspects code visits each nested body ({@link #of}). Here
 * once, rather than as the same two branches in every pass.
 */
public final class Bodies {
  private Bodies() {}

  /**
   * {@code s} with each body it nests replaced by {@code f} of it: a loop or an if as a new object (passes
   * that key statements by identity rely on that), any other statement as it is.
   */
  public static Stmt map(Stmt s, UnaryOperator<List<Stmt>> f) {
    if (s instanceof Stmt.For l) {
      return l.withBody(f.apply(l.body()));
    }
    if (s instanceof Stmt.If i) {
      return i.withBranches(f.apply(i.then()), f.apply(i.otherwise()));
    }
    return s;
  }

  /** The bodies {@code s} nests directly: a loop's body; an if's then and otherwise; none for any other statement. */
  public static List<List<Stmt>> of(Stmt s) {
    if (s instanceof Stmt.For l) {
      return List.of(l.body());
    }
    if (s instanceof Stmt.If i) {
      return List.of(i.then(), i.otherwise());
    }
    return List.of();
  }
}

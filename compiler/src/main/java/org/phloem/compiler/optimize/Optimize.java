package org.phloem.compiler.optimize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.phloem.compiler.analysis.Recomputable;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;

/** The optimisations of this package, in the order they help each other (see the package documentation). */
public final class Optimize {
  /** Set to {@code false} to compile without them (to measure what they do). */
  public static final String PROPERTY = "phloem.optimize";

  private Optimize() {}

  /**
   * {@code body} optimised: repeated locals dropped, then invariant code moved out of loops, then the
   * repeated locals that moving made (the same factor moved out of two loops) dropped.
   *
   * @param results locals the function returns: never dropped
   * @param freshReal names and declares a new real local after a base name
   */
  public static List<Stmt> body(List<Stmt> body, Set<String> results, Function<String, String> freshReal) {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      return body;
    }
    List<Stmt> out = RepeatedLocals.remove(body, results);
    out = LoopInvariants.hoist(out, freshReal);
    return RepeatedLocals.remove(out, results);
  }

  /** {@code locals} without those {@code before} mentioned and {@code after} no longer does (the dropped repeats). */
  public static Map<String, ScalarType> stillUsed(Map<String, ScalarType> locals, List<Stmt> before, List<Stmt> after) {
    Set<String> then = mentions(before);
    Set<String> now = mentions(after);
    Map<String, ScalarType> out = new LinkedHashMap<>();
    locals.forEach((n, t) -> {
      if (now.contains(n) || !then.contains(n)) {
        out.put(n, t);
      }
    });
    return out;
  }

  private static Set<String> mentions(List<Stmt> code) {
    Set<String> out = Recomputable.readsDeep(code);
    out.addAll(Statements.writes(code));
    return out;
  }
}

package org.phloem.compiler.analysis;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Activity analysis: which variables carry a derivative. A variable is <em>varied</em> at a point when
 * its value there may depend on the independents (forward analysis), <em>useful</em> when it may
 * influence a dependent (backward analysis), and <em>active</em> when it is both somewhere. Only
 * values flow derivatives: conditions and indices never do. Scalar locals are updated strongly (an
 * assignment replaces the whole value), arrays weakly (one element changes), except that {@code
 * Fill} replaces every element. The tape is one pseudo-variable {@link #TAPE}: what is pushed flows to
 * whatever is popped.
 */
public final class Activity {
  /** The pseudo-variable standing for the whole real tape. */
  public static final String TAPE = "$tape";

  private final DataFlow.Result<Set<String>> varied;
  private final DataFlow.Result<Set<String>> useful;
  private final Set<String> active;

  private Activity(DataFlow.Result<Set<String>> varied, DataFlow.Result<Set<String>> useful, Set<String> forced) {
    this.varied = varied;
    this.useful = useful;
    Set<String> a = new LinkedHashSet<>(forced);
    for (Stmt s : varied.statements()) {
      both(varied.before(s), useful.before(s), a);
      both(varied.after(s), useful.after(s), a);
    }
    this.active = Collections.unmodifiableSet(a);
  }

  private static void both(Set<String> x, Set<String> y, Set<String> into) {
    for (String n : x) {
      if (y.contains(n)) {
        into.add(n);
      }
    }
  }

  /**
   * Analyses {@code body}.
   *
   * @param independents the variables varied at entry (the parameter vector)
   * @param dependents the variables whose derivatives are wanted at exit (the cost, outputs)
   */
  public static Activity analyze(List<Stmt> body, Set<String> independents, Set<String> dependents) {
    DataFlow.Result<Set<String>> v = DataFlow.run(body, new Varied(independents));
    DataFlow.Result<Set<String>> u = DataFlow.run(body, new Useful(dependents));
    Set<String> forced = new LinkedHashSet<>(independents);
    forced.addAll(dependents);
    return new Activity(v, u, forced);
  }

  /** True when {@code name} needs a derivative variable (the independents and dependents always do). */
  public boolean active(String name) {
    return active.contains(name);
  }

  /** Every active variable (possibly {@link #TAPE}). */
  public Set<String> activeNames() {
    return active;
  }

  /** True when {@code name} may depend on the independents just before {@code s}. */
  public boolean variedBefore(Stmt s, String name) {
    return varied.before(s).contains(name);
  }

  /** True when the value {@code name} holds just after {@code s} may influence a dependent. */
  public boolean usefulAfter(Stmt s, String name) {
    return useful.after(s).contains(name);
  }

  private static Set<String> plus(Set<String> s, String name) {
    if (s.contains(name)) {
      return s;
    }
    Set<String> out = new HashSet<>(s);
    out.add(name);
    return out;
  }

  private static Set<String> minus(Set<String> s, String name) {
    if (!s.contains(name)) {
      return s;
    }
    Set<String> out = new HashSet<>(s);
    out.remove(name);
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    return NameSetAnalysis.union(a, b);
  }

  private static boolean meets(Set<String> a, Set<String> b) {
    for (String n : a) {
      if (b.contains(n)) {
        return true;
      }
    }
    return false;
  }

  /** Scalar locals are replaced by a store; array elements leave the rest of the array as it was. */
  private static Set<String> overwrite(Set<String> s, Ref target) {
    return target instanceof Ref.Local ? minus(s, target.name()) : s;
  }

  /** Forward: may depend on the independents. */
  private static final class Varied extends NameSetAnalysis {

    Varied(Set<String> independents) {
      super(true, independents);
    }

    @Override
    public Set<String> transfer(Stmt s, Set<String> in) {
      if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        return meets(Reads.values(a.value()), in) ? plus(in, a.target().name()) : overwrite(in, a.target());
      }
      if (s instanceof Stmt.Push) {
        return meets(Reads.values(((Stmt.Push) s).value()), in) ? plus(in, TAPE) : in;
      }
      if (s instanceof Stmt.Pop) {
        Ref target = ((Stmt.Pop) s).target();
        return in.contains(TAPE) ? plus(in, target.name()) : overwrite(in, target);
      }
      if (s instanceof Stmt.Fill) {
        return minus(in, ((Stmt.Fill) s).array());
      }
      return in; // integer statements carry no derivative
    }
  }

  /** Backward: may influence a dependent. */
  private static final class Useful extends NameSetAnalysis {

    Useful(Set<String> dependents) {
      super(false, dependents);
    }

    @Override
    public Set<String> transfer(Stmt s, Set<String> out) {
      if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        if (!out.contains(a.target().name())) {
          return out;
        }
        return union(overwrite(out, a.target()), Reads.values(a.value()));
      }
      if (s instanceof Stmt.Push) {
        return out.contains(TAPE) ? union(out, Reads.values(((Stmt.Push) s).value())) : out;
      }
      if (s instanceof Stmt.Pop) {
        Ref target = ((Stmt.Pop) s).target();
        return out.contains(target.name()) ? plus(overwrite(out, target), TAPE) : out;
      }
      if (s instanceof Stmt.Fill) {
        return minus(out, ((Stmt.Fill) s).array());
      }
      return out;
    }
  }
}

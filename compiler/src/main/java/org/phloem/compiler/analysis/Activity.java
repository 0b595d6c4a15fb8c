package org.phloem.compiler.analysis;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 *
 * <p>The states are {@link NameBits} over names numbered as met, and each statement's value reads are
 * numbered once: the analysis runs on every derivative sweep (the Hessian's on the whole adjoint), and
 * copying a set of strings at each statement was most of the derivative compile time of the larger
 * models ({@code phloem watch}: tests/BENCHMARKS.md, "watch: save to result").
 */
public final class Activity {
  /** The pseudo-variable standing for the whole real tape. */
  public static final String TAPE = "$tape";

  private final NameBits.Names names;
  private final DataFlow.Result<NameBits> varied;
  private final DataFlow.Result<NameBits> useful;
  private final Set<String> active;

  private Activity(NameBits.Names names, DataFlow.Result<NameBits> varied, DataFlow.Result<NameBits> useful, Set<String> forced) {
    this.names = names;
    this.varied = varied;
    this.useful = useful;
    NameBits a = NameBits.EMPTY;
    for (Stmt s : varied.statements()) {
      a = a.or(varied.before(s).and(useful.before(s))).or(varied.after(s).and(useful.after(s)));
    }
    Set<String> all = new LinkedHashSet<>(forced);
    all.addAll(names.of(a)); // numbered as met: the order the derivative variables are made in
    this.active = Collections.unmodifiableSet(all);
  }

  /**
   * Analyses {@code body}.
   *
   * @param independents the variables varied at entry (the parameter vector)
   * @param dependents the variables whose derivatives are wanted at exit (the cost, outputs)
   */
  public static Activity analyze(List<Stmt> body, Set<String> independents, Set<String> dependents) {
    // sorted: the sets given may be Set.of(...), whose order changes from one JVM to the next, and the
    // order of the active names is the order the derivative variables are made in
    Set<String> in = new TreeSet<>(independents);
    Set<String> out = new TreeSet<>(dependents);
    NameBits.Names names = new NameBits.Names();
    StatementReads reads = new StatementReads(names);
    DataFlow.Result<NameBits> v = DataFlow.run(body, new Varied(names.bits(in), names, reads));
    DataFlow.Result<NameBits> u = DataFlow.run(body, new Useful(names.bits(out), names, reads));
    Set<String> forced = new LinkedHashSet<>(in);
    forced.addAll(out);
    return new Activity(names, v, u, forced);
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
    return varied.before(s).has(names.known(name));
  }

  /** True when the value {@code name} holds just after {@code s} may influence a dependent. */
  public boolean usefulAfter(Stmt s, String name) {
    return useful.after(s).has(names.known(name));
  }

  /** The names whose values flow into each statement's real value, numbered once per statement. */
  private static final class StatementReads {
    private final NameBits.Names names;
    private final Map<Stmt, NameBits> byStatement = new IdentityHashMap<>();

    StatementReads(NameBits.Names names) {
      this.names = names;
    }

    NameBits of(Stmt s) {
      NameBits r = byStatement.get(s);
      if (r == null) {
        if (s instanceof Stmt.Assign a) {
          r = names.bits(Reads.values(a.value()));
        } else if (s instanceof Stmt.Push p) {
          r = names.bits(Reads.values(p.value()));
        } else {
          r = NameBits.EMPTY;
        }
        byStatement.put(s, r);
      }
      return r;
    }
  }

  /** The state and the statement effects both directions share. */
  private abstract static class NameFlow implements FlowAnalysis<NameBits> {
    final NameBits.Names names;
    final StatementReads reads;
    final int tape;
    private final boolean forward;
    private final NameBits boundary;

    NameFlow(boolean forward, NameBits boundary, NameBits.Names names, StatementReads reads) {
      this.forward = forward;
      this.boundary = boundary;
      this.names = names;
      this.reads = reads;
      this.tape = names.id(TAPE);
    }

    @Override
    public final boolean forward() {
      return forward;
    }

    @Override
    public final NameBits boundary() {
      return boundary;
    }

    @Override
    public final NameBits join(NameBits a, NameBits b) {
      return a.or(b);
    }

    /** Scalar locals are replaced by a store; array elements leave the rest of the array as it was. */
    final NameBits overwrite(NameBits s, Ref target) {
      return target instanceof Ref.Local ? s.without(names.id(target.name())) : s;
    }
  }

  /** Forward: may depend on the independents. */
  private static final class Varied extends NameFlow {

    Varied(NameBits independents, NameBits.Names names, StatementReads reads) {
      super(true, independents, names, reads);
    }

    @Override
    public NameBits transfer(Stmt s, NameBits in) {
      if (s instanceof Stmt.Assign a) {
        return reads.of(s).meets(in) ? in.with(names.id(a.target().name())) : overwrite(in, a.target());
      }
      if (s instanceof Stmt.Push) {
        return reads.of(s).meets(in) ? in.with(tape) : in;
      }
      if (s instanceof Stmt.Pop p) {
        return in.has(tape) ? in.with(names.id(p.target().name())) : overwrite(in, p.target());
      }
      if (s instanceof Stmt.Fill f) {
        return in.without(names.id(f.array()));
      }
      return in; // integer statements carry no derivative
    }
  }

  /** Backward: may influence a dependent. */
  private static final class Useful extends NameFlow {

    Useful(NameBits dependents, NameBits.Names names, StatementReads reads) {
      super(false, dependents, names, reads);
    }

    @Override
    public NameBits transfer(Stmt s, NameBits out) {
      if (s instanceof Stmt.Assign a) {
        if (!out.has(names.id(a.target().name()))) {
          return out;
        }
        return overwrite(out, a.target()).or(reads.of(s));
      }
      if (s instanceof Stmt.Push) {
        return out.has(tape) ? out.or(reads.of(s)) : out;
      }
      if (s instanceof Stmt.Pop p) {
        return out.has(names.id(p.target().name())) ? overwrite(out, p.target()).with(tape) : out;
      }
      if (s instanceof Stmt.Fill f) {
        return out.without(names.id(f.array()));
      }
      return out;
    }
  }
}

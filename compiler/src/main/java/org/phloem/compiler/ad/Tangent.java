package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.phloem.compiler.analysis.Activity;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.ModelLayout;

/**
 * The tangent (forward-mode) transform: beside every active value a derivative along one direction,
 * {@code x$d} for a local {@code x} and a work array {@code A$d} for an array {@code A}. Each active
 * assignment {@code y = e} becomes {@code temps; y$d = Σ ∂e/∂xₖ · xₖ$d; y = e'} where {@code e'} is
 * {@code e} reading the temporaries (the same value, bit for bit). Inactive assignments are copied;
 * an active target given an inactive value gets a zero tangent. Loops and branches are kept with
 * transformed bodies. Tape operations are transformable too, so the transform applies to an adjoint
 * (forward over reverse): a push also pushes the tangent, a pop first pops the tangent.
 */
public final class Tangent {

  private Tangent() {}

  /**
   * What to differentiate.
   *
   * @param name the new function's name
   * @param argumentTangents for each array argument carrying a derivative, the name of the argument
   *     holding its tangent (input directions and output tangents)
   * @param independents the variables whose tangents are given (seeded)
   * @param dependents the variables whose tangents are wanted (results, output arrays, written arguments)
   * @param returnResultTangents whether the results' tangents are returned after the results
   * @param discarded array arguments whose primal values are not wanted: their stores are dropped, so
   *     the new function does not take them (only their tangents). Nothing else may read them.
   * @param zeroGuarded when differentiating an adjoint: its adjoint variables, whose reverse blocks
   *     run only where the adjoint is non-zero ({@code if (y$b != 0)}, see {@link Adjoint}). Such a
   *     guard becomes {@code y$b != 0 || y$b$d != 0}: where the adjoint is zero only at this point (a
   *     residual of exactly 0) its tangent still carries second-order terms. Empty otherwise.
   */
  public record Spec(
      String name,
      Map<String, String> argumentTangents,
      Set<String> independents,
      Set<String> dependents,
      boolean returnResultTangents,
      Set<String> discarded,
      Set<String> zeroGuarded) {
    public Spec {
      argumentTangents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(argumentTangents));
      independents = Set.copyOf(independents);
      dependents = Set.copyOf(dependents);
      discarded = Set.copyOf(discarded);
      zeroGuarded = Set.copyOf(zeroGuarded);
    }

    /** A spec for a function that is not an adjoint (no zero guards). */
    public Spec(String name, Map<String, String> argumentTangents, Set<String> independents, Set<String> dependents,
        boolean returnResultTangents, Set<String> discarded) {
      this(name, argumentTangents, independents, dependents, returnResultTangents, discarded, Set.of());
    }
  }

  /**
   * The transform's result.
   *
   * @param function the tangent function
   * @param newArrays the work arrays its tangents need (to add to the program if not there yet)
   * @param tangentOf the tangent variable of every active variable
   */
  public record Result(IrFunction function, List<ModelLayout.ArraySlot> newArrays, Map<String, String> tangentOf) {}

  /** Differentiates {@code f} (a function of {@code program}) in forward mode. */
  public static Result transform(IrProgram program, IrFunction f, Spec spec, DerivativeRules rules) {
    return new Tangent.Run(program, f, spec, rules).run();
  }

  private static final class Run {
    private final IrProgram program;
    private final Spec spec;
    private final Names names;
    private final Linearizer linearizer;
    private final IrFunction f;
    private final Activity act;
    private final Map<String, String> tan = new LinkedHashMap<>();
    private final Map<String, ScalarType> locals;
    private final List<ModelLayout.ArraySlot> newArrays = new ArrayList<>();
    private final boolean tapeActive;
    private String popScratch;

    Run(IrProgram program, IrFunction original, Spec spec, DerivativeRules rules) {
      this.program = program;
      this.spec = spec;
      Set<String> taken = new LinkedHashSet<>(original.locals().keySet());
      taken.addAll(original.arguments());
      taken.addAll(spec.argumentTangents().values());
      program.arrays().forEach(a -> taken.add(a.name()));
      this.names = new Names(taken);
      this.linearizer = new Linearizer(rules, names);
      this.f = Normalize.selects(original, n -> readOnly(program, n), names);
      this.act = Activity.analyze(f.body(), spec.independents(), spec.dependents());
      this.locals = new LinkedHashMap<>(f.locals());
      this.tapeActive = act.active(Activity.TAPE);
      checkDiscarded(f.body());
    }

    Result run() {
      for (String v : act.activeNames()) {
        if (!v.equals(Activity.TAPE)) {
          tan.put(v, tangentVariable(v));
        }
      }
      List<Stmt> body = new ArrayList<>();
      Set<String> clearedAtStart = new LinkedHashSet<>(); // the body's own leading fills clear these tangents
      for (Stmt s : f.body()) {
        if (!(s instanceof Stmt.Fill)) {
          break;
        }
        clearedAtStart.add(((Stmt.Fill) s).array());
      }
      for (String v : tan.keySet()) {
        if (!f.locals().containsKey(v) && !spec.independents().contains(v) && !clearedAtStart.contains(v)) {
          body.add(new Stmt.Fill(tan.get(v), 0.0)); // tangents of unwritten elements are zero
        }
      }
      body.addAll(block(f.body()));
      List<String> arguments = new ArrayList<>();
      for (String a : f.arguments()) {
        if (!spec.discarded().contains(a)) {
          arguments.add(a);
        }
      }
      for (String a : f.arguments()) {
        if (spec.argumentTangents().containsKey(a)) {
          arguments.add(spec.argumentTangents().get(a));
        }
      }
      List<String> results = new ArrayList<>(f.results());
      if (spec.returnResultTangents()) {
        for (String r : f.results()) {
          results.add(tan.get(r));
        }
      }
      return new Result(new IrFunction(spec.name(), arguments, results, locals, body), newArrays, tan);
    }

    private String tangentVariable(String v) {
      if (f.arguments().contains(v)) {
        String t = spec.argumentTangents().get(v);
        if (t == null) {
          throw new IllegalArgumentException("argument " + v + " of " + f.name() + " carries a derivative but has no tangent argument");
        }
        return t;
      }
      if (f.locals().containsKey(v)) {
        if (f.locals().get(v) != ScalarType.REAL) {
          throw new IllegalStateException("internal error: integer local " + v + " found active");
        }
        String t = names.claim(Names.tangent(v));
        locals.put(t, ScalarType.REAL);
        return t;
      }
      ModelLayout.ArraySlot slot = program.array(v);
      if (slot == null) {
        throw new IllegalArgumentException(f.name() + " uses " + v + ", which is neither a local, an argument nor an array of the program");
      }
      if (slot.fill() != ModelLayout.Fill.WORK) {
        throw new IllegalStateException("internal error: read-only array " + v + " found active");
      }
      String t = Names.tangent(v);
      ModelLayout.ArraySlot existing = program.array(t);
      if (existing != null && existing.fill() == ModelLayout.Fill.WORK && existing.dims().equals(slot.dims())) {
        return t; // another sweep's tangent array (the tangent and Hessian-vector sweeps share them)
      }
      names.claim(t);
      newArrays.add(new ModelLayout.ArraySlot(t, slot.dims(), ModelLayout.Fill.WORK, null));
      return t;
    }

    private Ref tangent(Ref r) {
      String t = tan.get(r.name());
      return r instanceof Ref.Local ? new Ref.Local(t) : new Ref.Elem(t, ((Ref.Elem) r).index());
    }

    private List<Stmt> block(List<Stmt> body) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body) {
        stmt(s, out);
      }
      return out;
    }

    private void stmt(Stmt s, List<Stmt> out) {
      if (s instanceof Stmt.Assign) {
        assign((Stmt.Assign) s, out);
      } else if (s instanceof Stmt.For l) {
        out.add(l.withBody(block(l.body())));
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        out.add(new Stmt.If(widenZeroGuard(i.cond()), block(i.then()), block(i.otherwise()), i.line()));
      } else if (s instanceof Stmt.Push && tapeActive) {
        Linearizer.Linear lin = linearizer.linearize(((Stmt.Push) s).value(), active(s));
        emitTemps(lin, out);
        out.add(new Stmt.Push(lin.primal()));
        out.add(new Stmt.Push(derivative(lin)));
      } else if (s instanceof Stmt.Pop) {
        Ref target = ((Stmt.Pop) s).target();
        if (tapeActive) {
          out.add(new Stmt.Pop(tan.containsKey(target.name()) ? tangent(target) : new Ref.Local(popScratch())));
        } else if (tan.containsKey(target.name())) {
          out.add(new Stmt.Assign(tangent(target), Expr.num(0), 0)); // a restored constant: its tangent is zero
        }
        out.add(s);
      } else if (s instanceof Stmt.Fill) {
        String array = ((Stmt.Fill) s).array();
        if (!spec.discarded().contains(array)) {
          out.add(s);
        }
        if (tan.containsKey(array)) {
          out.add(new Stmt.Fill(tan.get(array), 0.0));
        }
      } else {
        out.add(s); // integer statements, and tape operations when no derivative goes through the tape
      }
    }

    /** {@code y$b != 0} on a zero-guarded adjoint with a tangent becomes {@code y$b != 0 || y$b$d != 0}; other conditions stay. */
    private Cond widenZeroGuard(Cond c) {
      if (c instanceof Cond.Compare cmp && cmp.op() == Cond.CmpOp.NE && cmp.a() instanceof Expr.Get get
          && spec.zeroGuarded().contains(get.ref().name()) && tan.containsKey(get.ref().name())
          && cmp.b() instanceof Expr.Num zero && zero.value() == 0) {
        return new Cond.Or(c, new Cond.Compare(Cond.CmpOp.NE, new Expr.Get(tangent(get.ref())), Expr.num(0)));
      }
      return c;
    }

    private void assign(Stmt.Assign s, List<Stmt> out) {
      String target = s.target().name();
      boolean keep = !spec.discarded().contains(target);
      if (!tan.containsKey(target) || !act.usefulAfter(s, target)) {
        if (keep) {
          out.add(s);
        }
        return;
      }
      Linearizer.Linear lin = linearizer.linearize(s.value(), active(s));
      emitTemps(lin, out);
      out.add(new Stmt.Assign(tangent(s.target()), derivative(lin), s.line()));
      if (keep) {
        out.add(lin.primal() == s.value() ? s : new Stmt.Assign(s.target(), lin.primal(), s.line()));
      }
    }

    private Predicate<Ref> active(Stmt s) {
      return r -> tan.containsKey(r.name()) && act.variedBefore(s, r.name());
    }

    private void emitTemps(Linearizer.Linear lin, List<Stmt> out) {
      for (Linearizer.Temp t : lin.temps()) {
        locals.put(t.name(), ScalarType.REAL);
        out.add(new Stmt.Assign(new Ref.Local(t.name()), t.value(), 0));
      }
    }

    /** {@code Σ cₖ · leafₖ$d}. */
    private Expr derivative(Linearizer.Linear lin) {
      Expr sum = Expr.num(0);
      for (Linearizer.Term t : lin.terms()) {
        sum = Simplify.plus(sum, Simplify.times(t.coefficient(), new Expr.Get(tangent(t.leaf()))));
      }
      return sum;
    }

    private String popScratch() {
      if (popScratch == null) {
        popScratch = names.fresh("pop");
        locals.put(popScratch, ScalarType.REAL);
      }
      return popScratch;
    }

    /** Discarded arrays may only feed their own updates, since their stores are dropped. */
    private void checkDiscarded(List<Stmt> body) {
      if (spec.discarded().isEmpty()) {
        return;
      }
      for (Stmt s : body) {
        Set<String> reads = new LinkedHashSet<>();
        if (s instanceof Stmt.Assign) {
          Stmt.Assign a = (Stmt.Assign) s;
          if (spec.discarded().contains(a.target().name())) {
            continue;
          }
          Reads.all(a.value(), reads);
        } else if (s instanceof Stmt.Push) {
          Reads.all(((Stmt.Push) s).value(), reads);
        } else if (s instanceof Stmt.For) {
          checkDiscarded(((Stmt.For) s).body());
        } else if (s instanceof Stmt.If) {
          Reads.all(((Stmt.If) s).cond(), reads);
          checkDiscarded(((Stmt.If) s).then());
          checkDiscarded(((Stmt.If) s).otherwise());
        }
        for (String d : spec.discarded()) {
          if (reads.contains(d)) {
            throw new IllegalArgumentException("cannot discard " + d + ": " + s + " reads it");
          }
        }
      }
    }

    private static boolean readOnly(IrProgram program, String name) {
      ModelLayout.ArraySlot slot = program.array(name);
      return slot != null && slot.fill() != ModelLayout.Fill.WORK;
    }
  }
}

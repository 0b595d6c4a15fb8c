package org.phloem.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.LoopIndex;
import org.phloem.compiler.ast.ObserveStmt;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.Likelihood;

/**
 * Lowers {@code observe Y ~ DIST(..., O, S) for i in d, ...}: for every element, when neither O nor S is
 * missing (NaN), adds the element's negative log-likelihood to the cost J (see {@link Likelihood}:
 * ½((Y − O)/S)² for a normal, ½((log Y − log O)/S)² for a lognormal, (ν+1)/2·log(1 + ((Y − O)/S)²/ν) for
 * a student_t) and records Y, O and S in the observation's three arrays; when one is missing, records
 * NaN in all three and adds nothing.
 *
 * <p>Each element also adds log S, the normalizing term that keeps a fitted sd from running away. It
 * is emitted always and listed in {@link #logSdTerms()}; {@link Lowering} then drops those whose S does
 * not depend on the parameters (a constant, so the optimum and the Hessian are the same without it).
 */
final class ObserveLowering {
  /** The IR names of one observation's arrays. */
  record Arrays(String model, String value, String sd, List<DimDecl> dims) {}

  /**
   * One {@code J += log S} statement, to keep only if S depends on the parameters there.
   *
   * @param observation the observe statement's number (0-based)
   * @param statement the statement itself (kept or dropped by identity)
   * @param sd the local holding S
   */
  record LogSdTerm(int observation, Stmt statement, String sd) {}

  private final ExprLowering exprs;
  private final List<LogSdTerm> logSdTerms = new ArrayList<>();
  private int observation = -1;

  ObserveLowering(ExprLowering exprs) {
    this.exprs = exprs;
  }

  /** The log S statements emitted so far. */
  List<LogSdTerm> logSdTerms() {
    return logSdTerms;
  }

  void lower(ObserveStmt o, Arrays arrays, String cost, List<Stmt> out) {
    observation++;
    int line = o.span().startLine();
    List<LoopIndex> indices = o.indices();
    if (indices.isEmpty()) {
      element(o, arrays, cost, IExpr.of(0), out, line);
      return;
    }
    out.add(exprs.loops(indices, line, body -> {
      List<IExpr> at = new ArrayList<>();
      for (LoopIndex index : indices) {
        at.add(IExpr.local(exprs.env().loops.get(index)));
      }
      element(o, arrays, cost, exprs.indexing().flat(arrays.dims(), at), body, line);
    }));
  }

  private void element(ObserveStmt o, Arrays arrays, String cost, IExpr flat, List<Stmt> out, int line) {
    FreshNames names = exprs.names();
    String obs = names.real("observed");
    String sd = names.real("obs_sd");
    out.add(new Stmt.Assign(new Ref.Local(obs), exprs.real(o.observed(), out), line));
    Expr sdValue = exprs.real(o.sd(), out);
    out.add(new Stmt.Assign(new Ref.Local(sd), sdValue, line));
    Cond missing = new Cond.Or(new Cond.IsNaN(Expr.local(obs)), new Cond.IsNaN(Expr.local(sd)));
    if (o.where() != null) {
      missing = new Cond.Or(new Cond.Not(exprs.cond(o.where(), out)), missing);
    }

    List<Stmt> skip = List.of(
        new Stmt.Assign(new Ref.Elem(arrays.model(), flat), Expr.num(Double.NaN), line),
        new Stmt.Assign(new Ref.Elem(arrays.value(), flat), Expr.num(Double.NaN), line),
        new Stmt.Assign(new Ref.Elem(arrays.sd(), flat), Expr.num(Double.NaN), line));

    List<Stmt> use = new ArrayList<>();
    String modelled = names.real("modelled");
    String residual = names.real("residual");
    use.add(new Stmt.Assign(new Ref.Local(modelled), exprs.real(o.modelled(), use), line));
    use.add(new Stmt.Assign(new Ref.Elem(arrays.model(), flat), Expr.local(modelled), line));
    use.add(new Stmt.Assign(new Ref.Elem(arrays.value(), flat), Expr.local(obs), line));
    use.add(new Stmt.Assign(new Ref.Elem(arrays.sd(), flat), Expr.local(sd), line));
    Likelihood likelihood = o.likelihood();
    Expr difference = likelihood == Likelihood.LOGNORMAL
        ? Expr.sub(Expr.call(Prim.LOG, Expr.local(modelled)), Expr.call(Prim.LOG, Expr.local(obs)))
        : Expr.sub(Expr.local(modelled), Expr.local(obs));
    // A unit sd (the NIST problems' least squares): d / 1 is d exactly in IEEE arithmetic, NaN and
    // infinities included, so the division is left out (the gradient divided by it twice more).
    boolean unitSd = sdValue instanceof Expr.Num && ((Expr.Num) sdValue).value() == 1;
    use.add(new Stmt.Assign(new Ref.Local(residual), unitSd ? difference : Expr.div(difference, Expr.local(sd)), line));
    Expr square = Expr.mul(Expr.local(residual), Expr.local(residual));
    Expr term;
    if (likelihood == Likelihood.STUDENT_T) {
      Expr nu = exprs.real(o.nu(), use); // a constant (the checker makes sure)
      term = Expr.mul(Expr.div(Expr.add(nu, Expr.num(1)), Expr.num(2)),
          Expr.call(Prim.LOG, Expr.add(Expr.num(1), Expr.div(square, nu))));
    } else {
      term = Expr.mul(Expr.num(0.5), square);
    }
    use.add(new Stmt.Assign(new Ref.Local(cost), Expr.add(Expr.local(cost), term), line));
    Stmt logSd = new Stmt.Assign(new Ref.Local(cost), Expr.add(Expr.local(cost), Expr.call(Prim.LOG, Expr.local(sd))), line);
    use.add(logSd);
    logSdTerms.add(new LogSdTerm(observation, logSd, sd));
    out.add(new Stmt.If(missing, skip, use, line));
  }
}

package org.phloem.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.LoopIndex;
import org.phloem.compiler.ast.ObserveStmt;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Lowers {@code observe Y ~ normal(O, S) for i in d, ...}: for every element, when neither O nor S is
 * missing (NaN), adds ½((Y − O)/S)² to the cost J and records Y, O and S in the observation's three
 * arrays; when one is missing, records NaN in all three and adds nothing.
 */
final class ObserveLowering {
  /** The IR names of one observation's arrays. */
  record Arrays(String model, String value, String sd, List<DimDecl> dims) {}

  private final ExprLowering exprs;

  ObserveLowering(ExprLowering exprs) {
    this.exprs = exprs;
  }

  void lower(ObserveStmt o, Arrays arrays, String cost, List<Stmt> out) {
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
    out.add(new Stmt.Assign(new Ref.Local(sd), exprs.real(o.sd(), out), line));
    Cond missing = new Cond.Or(new Cond.IsNaN(Expr.local(obs)), new Cond.IsNaN(Expr.local(sd)));

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
    use.add(new Stmt.Assign(new Ref.Local(residual),
        Expr.div(Expr.sub(Expr.local(modelled), Expr.local(obs)), Expr.local(sd)), line));
    use.add(new Stmt.Assign(new Ref.Local(cost),
        Expr.add(Expr.local(cost), Expr.mul(Expr.num(0.5), Expr.mul(Expr.local(residual), Expr.local(residual)))), line));
    out.add(new Stmt.If(missing, skip, use, line));
  }
}

package org.phloem.compiler.check;

import java.util.List;
import org.phloem.compiler.ast.AssignStmt;
import org.phloem.compiler.ast.Block;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.DimIndex;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.ForStmt;
import org.phloem.compiler.ast.IfStmt;
import org.phloem.compiler.ast.LetStmt;
import org.phloem.compiler.ast.LoopIndex;
import org.phloem.compiler.ast.ObserveStmt;
import org.phloem.compiler.ast.ReturnStmt;
import org.phloem.compiler.ast.StateDecl;
import org.phloem.compiler.ast.Stmt;
import org.phloem.compiler.ast.VarDecl;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.runtime.Likelihood;

/**
 * Checks statements: scopes of lets and loop indices, what may be assigned, where observe and return
 * may stand, what a fn body may hold, and the units of assignments and observations.
 */
final class StmtChecker {
  /** Where a statement stands: inside which fn (or none), loop, if. */
  record Place(FnDecl fn, boolean inLoop, boolean inIf) {
    static final Place TOP = new Place(null, false, false);

    Place loop() {
      return new Place(fn, true, inIf);
    }

    Place branch() {
      return new Place(fn, inLoop, true);
    }
  }

  private final CheckContext ctx;
  private final ExprChecker exprs;

  StmtChecker(CheckContext ctx, ExprChecker exprs) {
    this.ctx = ctx;
    this.exprs = exprs;
  }

  /** Checks a block in a new scope inside {@code outer}. */
  void block(Block b, Scope outer, Place place) {
    Scope scope = outer.child();
    for (Stmt s : b.statements()) {
      statement(s, scope, place);
    }
  }

  /** Checks one statement; a let defines its name in {@code scope}. */
  void statement(Stmt s, Scope scope, Place place) {
    if (s instanceof LetStmt) {
      let((LetStmt) s, scope, place);
    } else if (s instanceof AssignStmt) {
      assign((AssignStmt) s, scope, place);
    } else if (s instanceof ForStmt) {
      ForStmt f = (ForStmt) s;
      if (place.fn() != null) {
        ctx.error(ErrorKind.STATEMENT_IN_FN, f.span(), "a 'for' loop");
      }
      Scope inner = exprs.loopScope(f.indices(), scope, place.fn());
      block(f.body(), inner, place.loop());
    } else if (s instanceof IfStmt) {
      IfStmt i = (IfStmt) s;
      exprs.condition(i.condition(), scope, place.fn(), "The condition of 'if'");
      block(i.then(), scope, place.branch());
      if (i.otherwise() != null) {
        block(i.otherwise(), scope, place.branch());
      }
    } else if (s instanceof ObserveStmt) {
      observe((ObserveStmt) s, scope, place);
    } else if (s instanceof ReturnStmt) {
      ReturnStmt r = (ReturnStmt) s;
      if (place.fn() == null) {
        ctx.error(ErrorKind.RETURN_OUTSIDE_FN, r.span());
      }
      exprs.number(r.value(), scope, place.fn());
    }
  }

  private void let(LetStmt l, Scope scope, Place place) {
    // The value is read before the name exists: 'let x = x + 1' refers to an outer x.
    // A let holds a number: conditions are written where they are used.
    exprs.number(l.value(), scope, place.fn());
    org.phloem.compiler.source.Span earlier =
        scope.define(l.name().name(), new Ref.LetRef(l), l.name().span());
    if (earlier != null) {
      ctx.error(ErrorKind.DUPLICATE_LET, l.name().span(), l.name().name(), earlier.startLine());
    }
  }

  private void assign(AssignStmt a, Scope scope, Place place) {
    Ref target = exprs.indexed(a, a.target(), a.indices(), scope, place.fn());
    exprs.number(a.value(), scope, place.fn());
    if (target == null) {
      return;
    }
    String name = a.target().name();
    if (place.fn() != null) {
      ctx.error(ErrorKind.ASSIGN_IN_FN, a.target().span(), name);
      return;
    }
    Decl d = target instanceof Ref.DeclRef ? ((Ref.DeclRef) target).decl() : null;
    if (!(d instanceof StateDecl || d instanceof VarDecl)) {
      String what = target.describe().replaceFirst("^an? ", "");
      ctx.error(ErrorKind.CANNOT_ASSIGN, a.target().span(), what, name);
      return;
    }
    UnitValue declared = ctx.unitOf(d);
    UnitValue value = exprs.unit(a.value());
    UnitRules.requireSame(ctx, a.value().span(),
        "Cannot assign a value in '%2$s' to '" + name + "', which is in '%1$s'", declared, value);
  }

  private void observe(ObserveStmt o, Scope scope, Place place) {
    if (place.fn() != null || place.inLoop() || place.inIf()) {
      String where = place.fn() != null ? "a fn" : place.inLoop() ? "a 'for' loop" : "an 'if'";
      ctx.error(ErrorKind.OBSERVE_NOT_TOP_LEVEL, o.span(), where);
    }
    List<LoopIndex> indices = o.indices();
    for (LoopIndex li : indices) {
      if (!(li instanceof DimIndex)) {
        ctx.error(ErrorKind.OBSERVE_RANGE_INDEX, li.span(), li.var().name(), li.var().name());
      }
    }
    Scope inner = exprs.loopScope(indices, scope, place.fn());
    exprs.number(o.modelled(), inner, place.fn());
    for (org.phloem.compiler.ast.Expr a : o.args()) {
      exprs.number(a, inner, place.fn());
    }
    if (o.where() != null) {
      exprs.condition(o.where(), inner, place.fn(), "The condition after 'if' in 'observe'");
    }
    Likelihood likelihood = o.likelihood();
    if (likelihood == null) {
      ctx.error(ErrorKind.OBSERVE_UNKNOWN_DISTRIBUTION, o.distribution().span(), o.distribution().name());
      return;
    }
    if (o.args().size() != likelihood.arity()) {
      int n = o.args().size();
      ctx.error(ErrorKind.OBSERVE_ARGUMENT_COUNT, o.distribution().span(), likelihood.keyword(), likelihood.arity(), likelihood.usage(), n,
          n == 1 ? "was" : "were");
      return;
    }
    UnitValue model = exprs.unit(o.modelled());
    UnitRules.requireSame(ctx, o.observed().span(),
        "The observed value is in '%2$s', but the modelled value is in '%1$s'", model,
        exprs.unit(o.observed()));
    if (likelihood == Likelihood.LOGNORMAL) {
      // the sd of a logarithm is a pure number
      UnitRules.requireSame(ctx, o.sd().span(), "The sd of lognormal is the sd of the log, a pure number, but it is in '%2$s'",
          UnitValue.DIMENSIONLESS, exprs.unit(o.sd()));
    } else {
      UnitRules.requireSame(ctx, o.sd().span(),
          "The observation sd is in '%2$s', but the modelled value is in '%1$s'", model,
          exprs.unit(o.sd()));
    }
    if (o.nu() != null) {
      ConstEvaluator.Num nu = ctx.constants.eval(o.nu(), "The degrees of freedom of student_t");
      if (nu != null && !(nu.value() > 0 && Double.isFinite(nu.value()))) {
        ctx.error(ErrorKind.OBSERVE_NU, o.nu().span(), String.format(java.util.Locale.ROOT, "%.6g", nu.value()));
      }
    }
  }
}

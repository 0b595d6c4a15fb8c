package org.phloem.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import org.phloem.compiler.ast.AssignStmt;
import org.phloem.compiler.ast.Block;
import org.phloem.compiler.ast.ForStmt;
import org.phloem.compiler.ast.IfStmt;
import org.phloem.compiler.ast.LetStmt;
import org.phloem.compiler.diag.InternalCompilerError;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/** Lowers the model's statements (not observations, which {@link ObserveLowering} handles). */
final class StmtLowering {
  private final ExprLowering exprs;

  StmtLowering(ExprLowering exprs) {
    this.exprs = exprs;
  }

  void stmt(org.phloem.compiler.ast.Stmt s, List<Stmt> out) {
    int line = s.span().startLine();
    if (s instanceof ForStmt) {
      ForStmt f = (ForStmt) s;
      out.add(exprs.loops(f.indices(), line, body -> block(f.body(), body)));
    } else if (s instanceof AssignStmt) {
      AssignStmt a = (AssignStmt) s;
      Expr value = exprs.real(a.value(), out);
      Ref target = exprs.element(exprs.declOf(a), a.indices());
      if (a.accumulate()) {
        value = Expr.add(new Expr.Get(target), value);
      }
      out.add(new Stmt.Assign(target, value, line));
    } else if (s instanceof LetStmt) {
      exprs.let((LetStmt) s, out, line);
    } else if (s instanceof IfStmt) {
      IfStmt i = (IfStmt) s;
      var cond = exprs.cond(i.condition(), out);
      List<Stmt> thenOut = new ArrayList<>();
      List<Stmt> elseOut = new ArrayList<>();
      block(i.then(), thenOut);
      if (i.otherwise() != null) {
        block(i.otherwise(), elseOut);
      }
      out.add(new Stmt.If(cond, thenOut, elseOut, line));
    } else {
      throw new InternalCompilerError("statement not expected here after checking: " + s);
    }
  }

  void block(Block b, List<Stmt> out) {
    for (org.phloem.compiler.ast.Stmt s : b.statements()) {
      stmt(s, out);
    }
  }
}

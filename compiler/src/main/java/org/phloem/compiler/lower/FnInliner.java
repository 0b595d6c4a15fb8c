package org.phloem.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import org.phloem.compiler.ast.Block;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.IfStmt;
import org.phloem.compiler.ast.LetStmt;
import org.phloem.compiler.ast.ReturnStmt;
import org.phloem.compiler.diag.InternalCompilerError;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Inlines calls of user fns. Arguments are evaluated once, into fresh locals unless already a literal
 * or a local; an expression fn becomes its expression, a block fn becomes structured statements that
 * assign a result local, each {@code return} ending its path: the statements after an {@code if} whose
 * branch returns are moved into the branch that does not.
 */
final class FnInliner {
  private final ExprLowering exprs;
  private final FreshNames names;
  private final Env env;

  FnInliner(ExprLowering exprs, FreshNames names, Env env) {
    this.exprs = exprs;
    this.names = names;
    this.env = env;
  }

  Expr inline(FnDecl fn, List<org.phloem.compiler.ast.Expr> args, List<Stmt> out) {
    int line = fn.span().startLine();
    List<Expr> values = new ArrayList<>();
    for (int k = 0; k < args.size(); k++) {
      Expr v = exprs.real(args.get(k), out);
      if (!(v instanceof Expr.Num) && !(v instanceof Expr.Get && ((Expr.Get) v).ref() instanceof Ref.Local)) {
        String t = names.real(fn.params().get(k).name());
        out.add(new Stmt.Assign(new Ref.Local(t), v, args.get(k).span().startLine()));
        v = Expr.local(t);
      }
      values.add(v);
    }
    List<Expr> outer = env.args.put(fn, values);
    try {
      if (fn.body() != null) {
        return exprs.real(fn.body(), out);
      }
      String result = names.real(fn.name().name());
      block(fn.block().statements(), result, out, line);
      return Expr.local(result);
    } finally {
      if (outer == null) {
        env.args.remove(fn);
      } else {
        env.args.put(fn, outer);
      }
    }
  }

  /** Lowers statements of a fn block until a return ends the path. */
  private void block(List<org.phloem.compiler.ast.Stmt> stmts, String result, List<Stmt> out, int fnLine) {
    for (int i = 0; i < stmts.size(); i++) {
      org.phloem.compiler.ast.Stmt s = stmts.get(i);
      if (s instanceof LetStmt) {
        exprs.let((LetStmt) s, out, s.span().startLine());
      } else if (s instanceof ReturnStmt) {
        Expr value = exprs.real(((ReturnStmt) s).value(), out);
        out.add(new Stmt.Assign(new Ref.Local(result), value, s.span().startLine()));
        return;
      } else if (s instanceof IfStmt) {
        IfStmt branch = (IfStmt) s;
        List<org.phloem.compiler.ast.Stmt> rest = stmts.subList(i + 1, stmts.size());
        var cond = exprs.cond(branch.condition(), out);
        List<Stmt> thenOut = new ArrayList<>();
        List<Stmt> elseOut = new ArrayList<>();
        if (!containsReturn(branch.then()) && !containsReturn(branch.otherwise())) {
          block(branch.then().statements(), result, thenOut, fnLine);
          if (branch.otherwise() != null) {
            block(branch.otherwise().statements(), result, elseOut, fnLine);
          }
          out.add(new Stmt.If(cond, thenOut, elseOut, s.span().startLine()));
          continue;
        }
        // A branch returns: what follows the if runs only on the paths that did not return.
        block(concat(branch.then(), rest), result, thenOut, fnLine);
        block(concat(branch.otherwise(), rest), result, elseOut, fnLine);
        out.add(new Stmt.If(cond, thenOut, elseOut, s.span().startLine()));
        return;
      } else {
        throw new InternalCompilerError("a fn body holds a statement the checker should have rejected: " + s);
      }
    }
  }

  private static List<org.phloem.compiler.ast.Stmt> concat(Block block, List<org.phloem.compiler.ast.Stmt> rest) {
    List<org.phloem.compiler.ast.Stmt> all = new ArrayList<>();
    if (block != null) {
      all.addAll(block.statements());
    }
    all.addAll(rest);
    return all;
  }

  private static boolean containsReturn(Block block) {
    if (block == null) {
      return false;
    }
    for (org.phloem.compiler.ast.Stmt s : block.statements()) {
      if (s instanceof ReturnStmt) {
        return true;
      }
      if (s instanceof IfStmt && (containsReturn(((IfStmt) s).then()) || containsReturn(((IfStmt) s).otherwise()))) {
        return true;
      }
    }
    return false;
  }
}

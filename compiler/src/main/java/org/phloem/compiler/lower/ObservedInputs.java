package org.phloem.compiler.lower;

import java.util.Set;
import org.phloem.compiler.ast.BinaryExpr;
import org.phloem.compiler.ast.CallExpr;
import org.phloem.compiler.ast.CondExpr;
import org.phloem.compiler.ast.IndexExpr;
import org.phloem.compiler.ast.InputDecl;
import org.phloem.compiler.ast.NameExpr;
import org.phloem.compiler.ast.ObserveStmt;
import org.phloem.compiler.ast.ReduceExpr;
import org.phloem.compiler.ast.UnaryExpr;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.check.Ref;

/**
 * The inputs an {@code observe} reads as its observed value or sd: those may hold missing values (blank
 * or NaN cells), since the observation term skips them, without being declared {@code missing}.
 */
final class ObservedInputs {
  private ObservedInputs() {}

  static Set<InputDecl> of(CheckedModel model) {
    Set<InputDecl> found = Lowering.identitySet();
    for (org.phloem.compiler.ast.Stmt s : model.statements()) {
      if (s instanceof ObserveStmt) {
        collect(((ObserveStmt) s).observed(), model, found);
        collect(((ObserveStmt) s).sd(), model, found);
      }
    }
    return found;
  }

  private static void collect(org.phloem.compiler.ast.Expr e, CheckedModel model, Set<InputDecl> found) {
    if (e instanceof NameExpr || e instanceof IndexExpr) {
      Ref ref = model.ref(e);
      if (ref instanceof Ref.DeclRef && ((Ref.DeclRef) ref).decl() instanceof InputDecl) {
        found.add((InputDecl) ((Ref.DeclRef) ref).decl());
      }
      if (e instanceof IndexExpr) {
        ((IndexExpr) e).indices().forEach(i -> collect(i, model, found));
      }
    } else if (e instanceof UnaryExpr) {
      collect(((UnaryExpr) e).operand(), model, found);
    } else if (e instanceof BinaryExpr) {
      collect(((BinaryExpr) e).left(), model, found);
      collect(((BinaryExpr) e).right(), model, found);
    } else if (e instanceof CondExpr) {
      collect(((CondExpr) e).condition(), model, found);
      collect(((CondExpr) e).then(), model, found);
      collect(((CondExpr) e).otherwise(), model, found);
    } else if (e instanceof CallExpr) {
      ((CallExpr) e).args().forEach(a -> collect(a, model, found));
    } else if (e instanceof ReduceExpr) {
      collect(((ReduceExpr) e).body(), model, found);
    }
  }
}

package org.phloem.compiler.lower;

import org.phloem.compiler.ast.BinaryExpr;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.NameExpr;
import org.phloem.compiler.ast.NumberLit;
import org.phloem.compiler.ast.UnaryExpr;
import org.phloem.compiler.diag.InternalCompilerError;
import org.phloem.runtime.data.RowCondition;

/**
 * Turns the checked condition of {@code data t = "f.csv" where COND} into the runtime's
 * {@link RowCondition}, which the data binder evaluates on each row. The checker has already refused
 * every construct other than column names, numbers and operators.
 */
final class RowConditions {
  private RowConditions() {}

  /** The runtime form of {@code e}, or null for null. */
  static RowCondition of(Expr e) {
    if (e == null) {
      return null;
    }
    if (e instanceof NameExpr) {
      return new RowCondition.Column(((NameExpr) e).name());
    }
    if (e instanceof NumberLit) {
      NumberLit n = (NumberLit) e;
      return new RowCondition.Number(n.value(), n.text());
    }
    if (e instanceof UnaryExpr) {
      UnaryExpr u = (UnaryExpr) e;
      return new RowCondition.Unary(u.op().symbol(), of(u.operand()));
    }
    if (e instanceof BinaryExpr) {
      BinaryExpr b = (BinaryExpr) e;
      return new RowCondition.Binary(b.op().symbol(), of(b.left()), of(b.right()));
    }
    throw new InternalCompilerError("a row condition holds " + e.getClass().getSimpleName()
        + ", which the checker should have refused");
  }
}

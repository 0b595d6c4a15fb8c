package org.phloem.compiler.check;

import org.phloem.compiler.ast.BinaryExpr;
import org.phloem.compiler.ast.BinaryOp;
import org.phloem.compiler.ast.DataDecl;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.NameExpr;
import org.phloem.compiler.ast.NumberLit;
import org.phloem.compiler.ast.UnaryExpr;
import org.phloem.compiler.ast.UnaryOp;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.runtime.data.FileSeries;
import org.phloem.runtime.data.TableSpec;

/**
 * Checks a {@code data} declaration's clauses: {@code where} only on a CSV table, made of column names,
 * numbers and operators, and true or false; {@code along} exactly when the path is a series of NetCDF
 * files. Whether the columns exist is known only when the table is read (the data binder says).
 */
final class DataDeclChecker {
  private final CheckContext ctx;

  DataDeclChecker(CheckContext ctx) {
    this.ctx = ctx;
  }

  void check(DataDecl d) {
    boolean netCdf = TableSpec.isNetCdfPath(d.path());
    boolean series = FileSeries.isSeries(d.path());
    if (d.along() != null && !netCdf) {
      ctx.error(ErrorKind.ALONG_ON_CSV, d.along().span(), d.path());
    } else if (d.along() != null && !series) {
      ctx.error(ErrorKind.ALONG_WITHOUT_SERIES, d.along().span(), d.along().name(), d.path());
    } else if (d.along() == null && series && netCdf) {
      ctx.error(ErrorKind.SERIES_WITHOUT_ALONG, d.span(), d.path());
    }
    if (d.where() != null) {
      if (netCdf) {
        ctx.error(ErrorKind.WHERE_ON_NETCDF, d.where().span(), d.path());
      } else if (condition(d.where()) && !isBoolean(d.where())) {
        ctx.error(ErrorKind.ROW_CONDITION_NOT_BOOLEAN, d.where().span(), "A row condition");
      }
    }
  }

  /** True when {@code e} uses only what a row condition may; reports each thing it may not. */
  private boolean condition(Expr e) {
    if (e instanceof NameExpr || e instanceof NumberLit) {
      return true;
    }
    if (e instanceof UnaryExpr) {
      UnaryExpr u = (UnaryExpr) e;
      if (!condition(u.operand())) {
        return false;
      }
      String op = "'" + u.op().symbol() + "'";
      return operands(u.op() == UnaryOp.NOT, "The operand of " + op, op, u.operand());
    }
    if (e instanceof BinaryExpr) {
      BinaryExpr b = (BinaryExpr) e;
      boolean ok = condition(b.left()) & condition(b.right());
      if (!ok) {
        return false;
      }
      String op = "'" + b.op().symbol() + "'";
      boolean logical = b.op().group() == BinaryOp.Group.LOGICAL;
      return operands(logical, "Each side of " + op, op, b.left()) & operands(logical, "Each side of " + op, op, b.right());
    }
    ctx.error(ErrorKind.ROW_CONDITION_TERM, e.span(), describe(e));
    return false;
  }

  /** Reports an operand of the wrong kind: a number where true/false belongs, or the reverse. */
  private boolean operands(boolean wantBoolean, String subject, String op, Expr operand) {
    if (wantBoolean && !isBoolean(operand)) {
      ctx.error(ErrorKind.ROW_CONDITION_NOT_BOOLEAN, operand.span(), subject);
      return false;
    }
    if (!wantBoolean && isBoolean(operand)) {
      ctx.error(ErrorKind.ROW_CONDITION_NOT_NUMBER, operand.span(), op);
      return false;
    }
    return true;
  }

  private static boolean isBoolean(Expr e) {
    if (e instanceof UnaryExpr) {
      return ((UnaryExpr) e).op() == UnaryOp.NOT;
    }
    return e instanceof BinaryExpr && ((BinaryExpr) e).op().group() != BinaryOp.Group.ARITHMETIC;
  }

  private static String describe(Expr e) {
    String kind = e.getClass().getSimpleName();
    switch (kind) {
      case "IndexExpr": return "an indexed name";
      case "CallExpr": return "a function call";
      case "ReduceExpr": return "a reduction";
      case "CondExpr": return "'if ... then ... else'";
      case "SizeExpr": return "'size'";
      default: return "this";
    }
  }
}

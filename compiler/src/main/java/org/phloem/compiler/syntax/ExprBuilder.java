package org.phloem.compiler.syntax;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.phloem.compiler.ast.BinaryExpr;
import org.phloem.compiler.ast.BinaryOp;
import org.phloem.compiler.ast.CallExpr;
import org.phloem.compiler.ast.CondExpr;
import org.phloem.compiler.ast.DimIndex;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.Ident;
import org.phloem.compiler.ast.IndexExpr;
import org.phloem.compiler.ast.LoopIndex;
import org.phloem.compiler.ast.NameExpr;
import org.phloem.compiler.ast.NumberLit;
import org.phloem.compiler.ast.RangeIndex;
import org.phloem.compiler.ast.ReduceExpr;
import org.phloem.compiler.ast.ReduceOp;
import org.phloem.compiler.ast.SizeExpr;
import org.phloem.compiler.ast.UnaryExpr;
import org.phloem.compiler.ast.UnaryOp;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.grammar.PhloemBaseVisitor;
import org.phloem.grammar.PhloemParser;

/** Builds expression nodes (and loop indices, which reductions share with statements). */
final class ExprBuilder extends PhloemBaseVisitor<Expr> {
  private final Spans spans;
  private final BuilderErrors errors;

  ExprBuilder(Spans spans, BuilderErrors errors) {
    this.spans = spans;
    this.errors = errors;
  }

  Expr build(PhloemParser.ExprContext ctx) {
    return ctx.accept(this);
  }

  List<Expr> list(PhloemParser.ExprListContext ctx) {
    List<Expr> out = new ArrayList<>();
    if (ctx != null) {
      for (PhloemParser.ExprContext e : ctx.expr()) {
        out.add(build(e));
      }
    }
    return out;
  }

  Ident ident(TerminalNode id) {
    return new Ident(id.getText(), spans.of(id));
  }

  Ident ident(Token id) {
    return new Ident(id.getText(), spans.of(id));
  }

  List<LoopIndex> loopIndices(List<PhloemParser.LoopIndexContext> ctxs) {
    List<LoopIndex> out = new ArrayList<>();
    for (PhloemParser.LoopIndexContext c : ctxs) {
      if (c instanceof PhloemParser.DimLoopIndexContext) {
        PhloemParser.DimLoopIndexContext d = (PhloemParser.DimLoopIndexContext) c;
        out.add(new DimIndex(ident(d.ID(0)), ident(d.ID(1)), spans.of(d)));
      } else {
        PhloemParser.RangeLoopIndexContext r = (PhloemParser.RangeLoopIndexContext) c;
        out.add(new RangeIndex(ident(r.ID()), build(r.expr(0)), build(r.expr(1)), spans.of(r)));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- expr alternatives

  @Override
  public Expr visitPrimaryExpr(PhloemParser.PrimaryExprContext ctx) {
    return ctx.primary().accept(this);
  }

  @Override
  public Expr visitPowerExpr(PhloemParser.PowerExprContext ctx) {
    return binary(BinaryOp.POW, ctx.expr(0), ctx.expr(1), ctx);
  }

  @Override
  public Expr visitUnaryExpr(PhloemParser.UnaryExprContext ctx) {
    UnaryOp op = ctx.op.getType() == PhloemParser.MINUS ? UnaryOp.NEG : UnaryOp.NOT;
    return new UnaryExpr(op, build(ctx.expr()), spans.of(ctx));
  }

  @Override
  public Expr visitMulExpr(PhloemParser.MulExprContext ctx) {
    BinaryOp op;
    switch (ctx.op.getType()) {
      case PhloemParser.STAR: op = BinaryOp.MUL; break;
      case PhloemParser.SLASH: op = BinaryOp.DIV; break;
      default: op = BinaryOp.MOD; break;
    }
    return binary(op, ctx.expr(0), ctx.expr(1), ctx);
  }

  @Override
  public Expr visitReduceExpr(PhloemParser.ReduceExprContext ctx) {
    ReduceOp op;
    switch (ctx.op.getType()) {
      case PhloemParser.SUM: op = ReduceOp.SUM; break;
      case PhloemParser.MEAN: op = ReduceOp.MEAN; break;
      default: op = ReduceOp.PROD; break;
    }
    return new ReduceExpr(op, loopIndices(ctx.loopIndex()), build(ctx.expr()), spans.of(ctx));
  }

  @Override
  public Expr visitAddExpr(PhloemParser.AddExprContext ctx) {
    BinaryOp op = ctx.op.getType() == PhloemParser.PLUS ? BinaryOp.ADD : BinaryOp.SUB;
    return binary(op, ctx.expr(0), ctx.expr(1), ctx);
  }

  @Override
  public Expr visitCompareExpr(PhloemParser.CompareExprContext ctx) {
    // The grammar reads a < b < c as (a < b) < c; the language says comparisons do not associate.
    if (ctx.expr(0) instanceof PhloemParser.CompareExprContext
        || ctx.expr(1) instanceof PhloemParser.CompareExprContext) {
      errors.error(ErrorKind.CHAINED_COMPARISON, spans.of(ctx));
    }
    BinaryOp op;
    switch (ctx.op.getType()) {
      case PhloemParser.LT: op = BinaryOp.LT; break;
      case PhloemParser.LE: op = BinaryOp.LE; break;
      case PhloemParser.GT: op = BinaryOp.GT; break;
      case PhloemParser.GE: op = BinaryOp.GE; break;
      case PhloemParser.EQ: op = BinaryOp.EQ; break;
      default: op = BinaryOp.NE; break;
    }
    return binary(op, ctx.expr(0), ctx.expr(1), ctx);
  }

  @Override
  public Expr visitAndExpr(PhloemParser.AndExprContext ctx) {
    return binary(BinaryOp.AND, ctx.expr(0), ctx.expr(1), ctx);
  }

  @Override
  public Expr visitOrExpr(PhloemParser.OrExprContext ctx) {
    return binary(BinaryOp.OR, ctx.expr(0), ctx.expr(1), ctx);
  }

  @Override
  public Expr visitCondExpr(PhloemParser.CondExprContext ctx) {
    return new CondExpr(build(ctx.expr(0)), build(ctx.expr(1)), build(ctx.expr(2)), spans.of(ctx));
  }

  private Expr binary(BinaryOp op, PhloemParser.ExprContext l, PhloemParser.ExprContext r,
      PhloemParser.ExprContext whole) {
    return new BinaryExpr(op, build(l), build(r), spans.of(whole));
  }

  // ---------------------------------------------------------------- primaries

  @Override
  public Expr visitIntLiteral(PhloemParser.IntLiteralContext ctx) {
    return number(ctx.INT().getSymbol(), true);
  }

  @Override
  public Expr visitRealLiteral(PhloemParser.RealLiteralContext ctx) {
    return number(ctx.FLOAT().getSymbol(), false);
  }

  private Expr number(Token t, boolean integer) {
    double v = Double.parseDouble(t.getText());
    if (Double.isInfinite(v)) {
      errors.error(ErrorKind.BAD_NUMBER, spans.of(t), t.getText());
    }
    return new NumberLit(v, integer, t.getText(), spans.of(t));
  }

  @Override
  public Expr visitPiLiteral(PhloemParser.PiLiteralContext ctx) {
    return new NumberLit(Math.PI, false, "pi", spans.of(ctx));
  }

  @Override
  public Expr visitSizeOf(PhloemParser.SizeOfContext ctx) {
    return new SizeExpr(ident(ctx.ID()), spans.of(ctx));
  }

  @Override
  public Expr visitIndexedName(PhloemParser.IndexedNameContext ctx) {
    return new IndexExpr(ident(ctx.ID()), list(ctx.exprList()), spans.of(ctx));
  }

  @Override
  public Expr visitCall(PhloemParser.CallContext ctx) {
    return new CallExpr(ident(ctx.callee), list(ctx.exprList()), spans.of(ctx));
  }

  @Override
  public Expr visitName(PhloemParser.NameContext ctx) {
    return new NameExpr(ctx.ID().getText(), spans.of(ctx));
  }

  @Override
  public Expr visitParens(PhloemParser.ParensContext ctx) {
    return build(ctx.expr());
  }
}

package org.phloem.compiler.syntax;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.phloem.compiler.ast.AssignStmt;
import org.phloem.compiler.ast.Block;
import org.phloem.compiler.ast.ConstDecl;
import org.phloem.compiler.ast.DataDecl;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.ForStmt;
import org.phloem.compiler.ast.Ident;
import org.phloem.compiler.ast.IfStmt;
import org.phloem.compiler.ast.Include;
import org.phloem.compiler.ast.Initializer;
import org.phloem.compiler.ast.InputDecl;
import org.phloem.compiler.ast.Item;
import org.phloem.compiler.ast.LetStmt;
import org.phloem.compiler.ast.ModelDecl;
import org.phloem.compiler.ast.ModelFile;
import org.phloem.compiler.ast.ObserveStmt;
import org.phloem.compiler.ast.ParamDecl;
import org.phloem.compiler.ast.ReturnStmt;
import org.phloem.compiler.ast.StateDecl;
import org.phloem.compiler.ast.Stmt;
import org.phloem.compiler.ast.UnitAnnotation;
import org.phloem.compiler.ast.VarDecl;
import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.grammar.PhloemBaseVisitor;
import org.phloem.grammar.PhloemParser;

/**
 * Builds the AST of one file from its (error-free) parse tree, reporting what the grammar accepts but
 * the language does not: declarations inside blocks, clauses a declaration cannot carry or carries
 * twice, chained comparisons.
 */
final class AstBuilder extends PhloemBaseVisitor<Item> {
  private final Spans spans;
  private final BuilderErrors errors;
  private final ExprBuilder exprs;

  AstBuilder(Spans spans, Diagnostics diagnostics) {
    this.spans = spans;
    this.errors = new BuilderErrors(diagnostics);
    this.exprs = new ExprBuilder(spans, errors);
  }

  /** The file's AST, or null when this builder reported an error. */
  ModelFile file(PhloemParser.FileContext ctx) {
    List<Item> items = new ArrayList<>();
    for (PhloemParser.ItemContext i : ctx.item()) {
      Item item = i.accept(this);
      if (item != null) {
        items.add(item);
      }
    }
    ModelFile file = new ModelFile(spans.file(), items, spans.of(ctx));
    return errors.count() > 0 ? null : file;
  }

  // ---------------------------------------------------------------- items

  @Override
  public Item visitDeclarationItem(PhloemParser.DeclarationItemContext ctx) {
    return ctx.declaration().accept(this);
  }

  @Override
  public Item visitStatementItem(PhloemParser.StatementItemContext ctx) {
    return ctx.statement().accept(this);
  }

  @Override
  public Item visitEmptyItem(PhloemParser.EmptyItemContext ctx) {
    return null;
  }

  // ---------------------------------------------------------------- declarations

  @Override
  public Item visitModelDecl(PhloemParser.ModelDeclContext ctx) {
    return new ModelDecl(exprs.ident(ctx.ID()), string(ctx.STRING()), spans.of(ctx));
  }

  @Override
  public Item visitIncludeDecl(PhloemParser.IncludeDeclContext ctx) {
    return new Include(string(ctx.STRING()), spans.of(ctx));
  }

  @Override
  public Item visitDataDecl(PhloemParser.DataDeclContext ctx) {
    String path = string(ctx.STRING());
    Ident name;
    if (ctx.ID() != null) {
      name = exprs.ident(ctx.ID());
    } else {
      String stem = stem(path);
      name = new Ident(stem, spans.of(ctx.STRING()));
      if (!stem.matches("[A-Za-z_][A-Za-z_0-9]*")) {
        errors.error(ErrorKind.BAD_TABLE_NAME, spans.of(ctx.STRING()), stem, path);
      }
    }
    Ident along = null;
    Expr where = null;
    for (PhloemParser.DataClauseContext c : ctx.dataClause()) {
      boolean isAlong = c instanceof PhloemParser.AlongClauseContext;
      String words = isAlong ? "'along'" : "'where'";
      if (isAlong ? along != null : where != null) {
        errors.error(ErrorKind.DUPLICATE_CLAUSE, spans.of(c), words, name.name());
      } else if (isAlong) {
        along = exprs.ident(((PhloemParser.AlongClauseContext) c).ID());
      } else {
        where = exprs.build(((PhloemParser.WhereClauseContext) c).expr());
      }
    }
    return new DataDecl(name, path, along, where, spans.of(ctx));
  }

  private static String stem(String path) {
    String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  @Override
  public Item visitDimDecl(PhloemParser.DimDeclContext ctx) {
    Expr size = ctx.expr() == null ? null : exprs.build(ctx.expr());
    return new DimDecl(exprs.ident(ctx.ID()), size, spans.of(ctx));
  }

  @Override
  public Item visitParamDecl(PhloemParser.ParamDeclContext ctx) {
    Ident name = exprs.ident(ctx.ID());
    Clauses c = clauses(ctx.clause(), "param", name,
        EnumSet.of(Clause.SD, Clause.BOUNDS, Clause.LOG, Clause.UNIT, Clause.DESCRIPTION));
    return new ParamDecl(name, dims(ctx.dims()), init(ctx.initValue()), c.sd, c.lower, c.upper, c.log,
        c.unit, c.description, spans.of(ctx));
  }

  @Override
  public Item visitInputDecl(PhloemParser.InputDeclContext ctx) {
    Ident name = exprs.ident(ctx.ID());
    Clauses c = clauses(ctx.clause(), "input", name,
        EnumSet.of(Clause.MISSING, Clause.UNIT, Clause.DESCRIPTION));
    Ident table = null;
    Ident column = null;
    PhloemParser.ColumnRefContext ref = ctx.columnRef();
    if (ref != null) {
      if (ref.ID().size() == 2) {
        table = exprs.ident(ref.ID(0));
        column = exprs.ident(ref.ID(1));
      } else {
        column = exprs.ident(ref.ID(0));
      }
    }
    return new InputDecl(name, dims(ctx.dims()), table, column, c.missing, c.unit, c.description,
        spans.of(ctx));
  }

  @Override
  public Item visitConstDecl(PhloemParser.ConstDeclContext ctx) {
    Ident name = exprs.ident(ctx.ID());
    Clauses c = clauses(ctx.clause(), "const", name, EnumSet.of(Clause.UNIT, Clause.DESCRIPTION));
    return new ConstDecl(name, dims(ctx.dims()), init(ctx.initValue()), c.unit, c.description,
        spans.of(ctx));
  }

  @Override
  public Item visitStateDecl(PhloemParser.StateDeclContext ctx) {
    Ident name = exprs.ident(ctx.ID());
    Clauses c = clauses(ctx.clause(), "state", name, EnumSet.of(Clause.UNIT, Clause.DESCRIPTION));
    Initializer init = ctx.initValue() == null ? null : init(ctx.initValue());
    return new StateDecl(name, dims(ctx.dims()), init, c.unit, c.description, spans.of(ctx));
  }

  @Override
  public Item visitVarDecl(PhloemParser.VarDeclContext ctx) {
    Ident name = exprs.ident(ctx.ID());
    Clauses c = clauses(ctx.clause(), "var", name, EnumSet.of(Clause.UNIT, Clause.DESCRIPTION));
    return new VarDecl(name, dims(ctx.dims()), false, c.unit, c.description, spans.of(ctx));
  }

  @Override
  public Item visitOutputDecl(PhloemParser.OutputDeclContext ctx) {
    Ident name = exprs.ident(ctx.ID());
    Clauses c = clauses(ctx.clause(), "output", name, EnumSet.of(Clause.UNIT, Clause.DESCRIPTION));
    return new VarDecl(name, dims(ctx.dims()), true, c.unit, c.description, spans.of(ctx));
  }

  @Override
  public Item visitExprFnDecl(PhloemParser.ExprFnDeclContext ctx) {
    return new FnDecl(exprs.ident(ctx.ID()), fnParams(ctx.fnParams()), exprs.build(ctx.expr()), null,
        spans.of(ctx));
  }

  @Override
  public Item visitBlockFnDecl(PhloemParser.BlockFnDeclContext ctx) {
    return new FnDecl(exprs.ident(ctx.ID()), fnParams(ctx.fnParams()), null, block(ctx.block()),
        spans.of(ctx));
  }

  private List<Ident> fnParams(PhloemParser.FnParamsContext ctx) {
    List<Ident> out = new ArrayList<>();
    if (ctx != null) {
      for (TerminalNode id : ctx.ID()) {
        out.add(exprs.ident(id));
      }
    }
    return out;
  }

  private List<Ident> dims(PhloemParser.DimsContext ctx) {
    List<Ident> out = new ArrayList<>();
    if (ctx != null) {
      for (TerminalNode id : ctx.ID()) {
        out.add(exprs.ident(id));
      }
    }
    return out;
  }

  private Initializer init(PhloemParser.InitValueContext ctx) {
    if (ctx instanceof PhloemParser.ScalarInitContext) {
      Expr e = exprs.build(((PhloemParser.ScalarInitContext) ctx).expr());
      return new Initializer(List.of(e), false, spans.of(ctx));
    }
    List<Expr> elements = new ArrayList<>();
    for (PhloemParser.ExprContext e : ((PhloemParser.ArrayInitContext) ctx).expr()) {
      elements.add(exprs.build(e));
    }
    return new Initializer(elements, true, spans.of(ctx));
  }

  // ---------------------------------------------------------------- clauses

  /** The optional clauses after a declaration, and how a modeller would name each. */
  private enum Clause {
    SD("'sd'", "Only a param has a prior sd."),
    BOUNDS("'in [lo, hi]'", "Only a param has bounds."),
    LOG("'log'", "Only a param can be searched on a log scale."),
    UNIT("'unit'", null),
    MISSING("'missing'", "Only an input can allow missing values."),
    DESCRIPTION("A description", null);

    final String words;
    final String hint;

    Clause(String words, String hint) {
      this.words = words;
      this.hint = hint;
    }
  }

  /** The clauses of one declaration, each at most once. */
  private static final class Clauses {
    Initializer sd;
    Expr lower;
    Expr upper;
    boolean log;
    boolean missing;
    UnitAnnotation unit;
    String description;
  }

  private Clauses clauses(List<PhloemParser.ClauseContext> ctxs, String kind, Ident name,
      Set<Clause> allowed) {
    Clauses out = new Clauses();
    Set<Clause> seen = EnumSet.noneOf(Clause.class);
    for (PhloemParser.ClauseContext ctx : ctxs) {
      Clause which = which(ctx);
      if (!allowed.contains(which)) {
        if (which.hint == null) {
          errors.error(ErrorKind.CLAUSE_NOT_ALLOWED, spans.of(ctx), which.words, kind, name.name());
        } else {
          errors.hinted(ErrorKind.CLAUSE_NOT_ALLOWED, spans.of(ctx), which.hint, which.words, kind,
              name.name());
        }
        continue;
      }
      if (!seen.add(which)) {
        errors.error(ErrorKind.DUPLICATE_CLAUSE, spans.of(ctx), which.words, name.name());
        continue;
      }
      fill(out, ctx);
    }
    return out;
  }

  private static Clause which(PhloemParser.ClauseContext ctx) {
    if (ctx instanceof PhloemParser.SdClauseContext) {
      return Clause.SD;
    } else if (ctx instanceof PhloemParser.BoundsClauseContext) {
      return Clause.BOUNDS;
    } else if (ctx instanceof PhloemParser.LogClauseContext) {
      return Clause.LOG;
    } else if (ctx instanceof PhloemParser.UnitClauseContext) {
      return Clause.UNIT;
    } else if (ctx instanceof PhloemParser.MissingClauseContext) {
      return Clause.MISSING;
    }
    return Clause.DESCRIPTION;
  }

  private void fill(Clauses out, PhloemParser.ClauseContext ctx) {
    if (ctx instanceof PhloemParser.SdClauseContext) {
      out.sd = init(((PhloemParser.SdClauseContext) ctx).initValue());
    } else if (ctx instanceof PhloemParser.BoundsClauseContext) {
      PhloemParser.BoundsClauseContext b = (PhloemParser.BoundsClauseContext) ctx;
      out.lower = exprs.build(b.expr(0));
      out.upper = exprs.build(b.expr(1));
    } else if (ctx instanceof PhloemParser.LogClauseContext) {
      out.log = true;
    } else if (ctx instanceof PhloemParser.UnitClauseContext) {
      PhloemParser.UnitContext u = ((PhloemParser.UnitClauseContext) ctx).unit();
      String text = u instanceof PhloemParser.UnitStringContext
          ? string(((PhloemParser.UnitStringContext) u).STRING())
          : u.getText();
      out.unit = new UnitAnnotation(text, spans.of(u));
    } else if (ctx instanceof PhloemParser.MissingClauseContext) {
      out.missing = true;
    } else {
      out.description = string(((PhloemParser.DescriptionClauseContext) ctx).STRING());
    }
  }

  // ---------------------------------------------------------------- statements

  @Override
  public Item visitForStmt(PhloemParser.ForStmtContext ctx) {
    return new ForStmt(exprs.loopIndices(ctx.loopIndex()), block(ctx.block()), spans.of(ctx));
  }

  @Override
  public Item visitLetStmt(PhloemParser.LetStmtContext ctx) {
    return new LetStmt(exprs.ident(ctx.ID()), exprs.build(ctx.expr()), spans.of(ctx));
  }

  @Override
  public Item visitAssignStmt(PhloemParser.AssignStmtContext ctx) {
    return new AssignStmt(exprs.ident(ctx.ID()), exprs.list(ctx.exprList()),
        ctx.op.getType() == PhloemParser.PLUS_ASSIGN, exprs.build(ctx.expr()), spans.of(ctx));
  }

  @Override
  public Item visitIfStmt(PhloemParser.IfStmtContext ctx) {
    return ifStatement(ctx.ifStatement());
  }

  private IfStmt ifStatement(PhloemParser.IfStatementContext ctx) {
    Block otherwise = null;
    if (ctx.ifStatement() != null) {
      IfStmt nested = ifStatement(ctx.ifStatement());
      otherwise = new Block(List.of(nested), nested.span());
    } else if (ctx.block().size() > 1) {
      otherwise = block(ctx.block(1));
    }
    return new IfStmt(exprs.build(ctx.expr()), block(ctx.block(0)), otherwise, spans.of(ctx));
  }

  @Override
  public Item visitObserveStmt(PhloemParser.ObserveStmtContext ctx) {
    List<org.phloem.compiler.ast.Expr> args = new ArrayList<>();
    for (PhloemParser.ExprContext a : ctx.args) {
      args.add(exprs.build(a));
    }
    return new ObserveStmt(exprs.build(ctx.modelled), new Ident(ctx.dist.getText(), spans.of(ctx.dist)), args,
        exprs.loopIndices(ctx.loopIndex()), ctx.where == null ? null : exprs.build(ctx.where), spans.of(ctx));
  }

  @Override
  public Item visitReturnStmt(PhloemParser.ReturnStmtContext ctx) {
    return new ReturnStmt(exprs.build(ctx.expr()), spans.of(ctx));
  }

  private Block block(PhloemParser.BlockContext ctx) {
    List<Stmt> stmts = new ArrayList<>();
    for (PhloemParser.ItemContext i : ctx.item()) {
      if (i instanceof PhloemParser.DeclarationItemContext) {
        PhloemParser.DeclarationContext d = ((PhloemParser.DeclarationItemContext) i).declaration();
        errors.error(ErrorKind.MISPLACED_DECLARATION, spans.of(d.getStart()), d.getStart().getText());
      } else if (i instanceof PhloemParser.StatementItemContext) {
        stmts.add((Stmt) i.accept(this));
      }
    }
    return new Block(stmts, spans.of(ctx));
  }

  // ---------------------------------------------------------------- strings

  /** The content of a string literal, escapes resolved; null for an absent string. */
  private static String string(TerminalNode node) {
    if (node == null) {
      return null;
    }
    String raw = node.getText();
    String body = raw.substring(1, raw.length() - 1);
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}

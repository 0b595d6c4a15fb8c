package org.phloem.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ast.ArrayDecl;
import org.phloem.compiler.ast.BinaryExpr;
import org.phloem.compiler.ast.BinaryOp;
import org.phloem.compiler.ast.CallExpr;
import org.phloem.compiler.ast.CondExpr;
import org.phloem.compiler.ast.ConstDecl;
import org.phloem.compiler.ast.DimIndex;
import org.phloem.compiler.ast.FnDecl;
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
import org.phloem.compiler.check.Builtin;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.check.Ref;
import org.phloem.compiler.diag.InternalCompilerError;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * Lowers expressions. An AST expression may need statements before it (an inlined block fn, a
 * reduction's loop, a conditional whose branch needs statements): those are appended to the list
 * passed in, and what is returned is a pure IR expression to use after them.
 */
final class ExprLowering {
  private final CheckedModel model;
  private final Map<ArrayDecl, Place> places;
  private final FreshNames names;
  private final Indexing indexing;
  private final Env env;
  private final FnInliner inliner;
  /** Where element references are recorded with their per-dim indices, or null (the usual compilation). */
  private java.util.Map<org.phloem.compiler.ir.Ref.Elem, ElementAccess> accesses;

  ExprLowering(CheckedModel model, Map<ArrayDecl, Place> places, FreshNames names, Indexing indexing, Env env) {
    this.model = model;
    this.places = places;
    this.names = names;
    this.indexing = indexing;
    this.env = env;
    this.inliner = new FnInliner(this, names, env);
  }

  void recordAccesses(java.util.Map<org.phloem.compiler.ir.Ref.Elem, ElementAccess> into) {
    this.accesses = into;
  }

  /** Where each integer operation of the model's index arithmetic was written (for the fault diagnosis); null: not recorded. */
  private java.util.Map<IExpr.Bin, org.phloem.compiler.ast.Expr> arithmetic;

  /** Records, in {@code into} (an identity map), the source expression of every integer operation lowered from now on. */
  void recordArithmetic(java.util.Map<IExpr.Bin, org.phloem.compiler.ast.Expr> into) {
    this.arithmetic = into;
  }

  FreshNames names() {
    return names;
  }

  Env env() {
    return env;
  }

  Indexing indexing() {
    return indexing;
  }

  // ------------------------------------------------------------------------------- reals

  /** The real value of {@code e}; statements it needs first go to {@code out}. */
  Expr real(org.phloem.compiler.ast.Expr e, List<Stmt> out) {
    if (e instanceof NumberLit) {
      return Expr.num(((NumberLit) e).value());
    }
    // An INT-typed expression becomes integer arithmetic only when it is index arithmetic; others
    // (integer branches of a conditional, min/max/abs of integers, a let of an integer, and sums and
    // products of those) are computed as reals, as they are used.
    if (model.type(e).isInt() && indexArithmetic(e)) {
      IExpr i = integer(e);
      if (i instanceof IExpr.Const) {
        return Expr.num(((IExpr.Const) i).value());
      }
      // A value that may leave int is computed as a real instead (exact up to 2^53, so bit for bit the
      // same where int would not overflow): it is a number here, not an index (a remainder stays int).
      if (!(i instanceof IExpr.Bin b && b.exact() && b.op() != IExpr.IOp.MOD)) {
        return new Expr.ToReal(i);
      }
    }
    if (e instanceof NameExpr) {
      return name((NameExpr) e);
    }
    if (e instanceof IndexExpr) {
      IndexExpr x = (IndexExpr) e;
      return new Expr.Get(element(declOf(x), x.indices()));
    }
    if (e instanceof UnaryExpr) {
      UnaryExpr u = (UnaryExpr) e;
      if (u.op() != UnaryOp.NEG) {
        throw unexpected(e);
      }
      return Expr.neg(real(u.operand(), out));
    }
    if (e instanceof BinaryExpr) {
      return arithmetic((BinaryExpr) e, out);
    }
    if (e instanceof CondExpr) {
      return conditional((CondExpr) e, out);
    }
    if (e instanceof CallExpr) {
      return call((CallExpr) e, out);
    }
    if (e instanceof ReduceExpr) {
      return reduction((ReduceExpr) e, out);
    }
    throw unexpected(e);
  }

  /**
   * True when {@link #integer} can lower {@code e}: literals, loop indices, integer consts, sizes, and
   * negation, +, -, * and % of those.
   */
  private boolean indexArithmetic(org.phloem.compiler.ast.Expr e) {
    if (e instanceof NumberLit || e instanceof SizeExpr) {
      return true;
    }
    if (e instanceof NameExpr) {
      Ref ref = model.ref(e);
      return ref instanceof Ref.LoopRef || (ref instanceof Ref.DeclRef && ((Ref.DeclRef) ref).decl() instanceof ConstDecl c
              && Math.abs(model.constValue(c).scalar()) <= Integer.MAX_VALUE)
          || (ref instanceof Ref.LetRef && integerLocal(((Ref.LetRef) ref).let()));
    }
    if (e instanceof UnaryExpr) {
      return ((UnaryExpr) e).op() == UnaryOp.NEG && indexArithmetic(((UnaryExpr) e).operand());
    }
    if (e instanceof BinaryExpr) {
      BinaryExpr b = (BinaryExpr) e;
      boolean integerOp = b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB || b.op() == BinaryOp.MUL || b.op() == BinaryOp.MOD;
      return integerOp && indexArithmetic(b.left()) && indexArithmetic(b.right());
    }
    return false;
  }

  private Expr name(NameExpr e) {
    Ref ref = model.ref(e);
    if (ref instanceof Ref.LetRef) {
      String local = env.lets.get(((Ref.LetRef) ref).let());
      return integerLocal(((Ref.LetRef) ref).let()) ? new Expr.ToReal(IExpr.local(local)) : Expr.local(local);
    }
    if (ref instanceof Ref.ArgRef) {
      Ref.ArgRef a = (Ref.ArgRef) ref;
      return env.args.get(a.fn()).get(a.position());
    }
    if (ref instanceof Ref.DeclRef && ((Ref.DeclRef) ref).decl() instanceof ArrayDecl) {
      ArrayDecl d = (ArrayDecl) ((Ref.DeclRef) ref).decl();
      if (d instanceof ConstDecl) {
        return Expr.num(model.constValue((ConstDecl) d).scalar());
      }
      Place place = places.get(d);
      return place.scalarLocal() ? Expr.local(place.irName()) : Expr.elem(place.irName(), IExpr.of(0));
    }
    throw unexpected(e);
  }

  private Expr arithmetic(BinaryExpr b, List<Stmt> out) {
    Prim prim;
    switch (b.op()) {
      case ADD: prim = Prim.ADD; break;
      case SUB: prim = Prim.SUB; break;
      case MUL: prim = Prim.MUL; break;
      case DIV: prim = Prim.DIV; break;
      case POW: prim = Prim.POW; break;
      default: throw unexpected(b);
    }
    Expr left = real(b.left(), out);
    Expr right = real(b.right(), out);
    return Expr.call(prim, left, right);
  }

  private Expr conditional(CondExpr c, List<Stmt> out) {
    Cond cond = cond(c.condition(), out);
    List<Stmt> thenOut = new ArrayList<>();
    List<Stmt> elseOut = new ArrayList<>();
    Expr a = real(c.then(), thenOut);
    Expr b = real(c.otherwise(), elseOut);
    if (thenOut.isEmpty() && elseOut.isEmpty()) {
      return new Expr.Select(cond, a, b);
    }
    // A branch needs statements: run only the branch taken, as the model says, so a value that is
    // undefined on the other branch (log of a negative number) never reaches the derivatives.
    String t = names.real("cond");
    thenOut.add(new Stmt.Assign(new org.phloem.compiler.ir.Ref.Local(t), a, c.span().startLine()));
    elseOut.add(new Stmt.Assign(new org.phloem.compiler.ir.Ref.Local(t), b, c.span().startLine()));
    out.add(new Stmt.If(cond, thenOut, elseOut, c.span().startLine()));
    return Expr.local(t);
  }

  private Expr call(CallExpr c, List<Stmt> out) {
    Ref ref = model.ref(c);
    if (ref instanceof Ref.BuiltinRef) {
      Builtin builtin = ((Ref.BuiltinRef) ref).builtin();
      Prim prim = Prim.ofFunction(builtin.word());
      if (prim == null) {
        throw unexpected(c);
      }
      List<Expr> args = new ArrayList<>();
      for (org.phloem.compiler.ast.Expr a : c.args()) {
        args.add(real(a, out));
      }
      return new Expr.Call(prim, args);
    }
    if (ref instanceof Ref.DeclRef && ((Ref.DeclRef) ref).decl() instanceof FnDecl) {
      return inliner.inline((FnDecl) ((Ref.DeclRef) ref).decl(), c.args(), out);
    }
    throw unexpected(c);
  }

  private Expr reduction(ReduceExpr r, List<Stmt> out) {
    int line = r.span().startLine();
    String acc = names.real(r.op().word());
    double start = r.op() == ReduceOp.PROD ? 1.0 : 0.0;
    out.add(new Stmt.Assign(new org.phloem.compiler.ir.Ref.Local(acc), Expr.num(start), line));
    Prim combine = r.op() == ReduceOp.PROD ? Prim.MUL : Prim.ADD;
    out.add(loops(r.indices(), line, body -> {
      Expr term = real(r.body(), body);
      body.add(new Stmt.Assign(new org.phloem.compiler.ir.Ref.Local(acc), Expr.call(combine, Expr.local(acc), term), line));
    }));
    if (r.op() != ReduceOp.MEAN) {
      return Expr.local(acc);
    }
    IExpr count = IExpr.of(1);
    for (LoopIndex index : r.indices()) {
      count = IExpr.times(count, tripCount(index));
    }
    return Expr.div(Expr.local(acc), new Expr.ToReal(count));
  }

  // ------------------------------------------------------------------------------- loops

  /**
   * Nested loops over {@code indices} (the first outermost). The loop variables are bound first, then
   * {@code body} fills the innermost body (it refers to them).
   */
  Stmt loops(List<LoopIndex> indices, int line, java.util.function.Consumer<List<Stmt>> body) {
    List<String> vars = new ArrayList<>();
    List<IExpr[]> bounds = new ArrayList<>();
    for (LoopIndex index : indices) {
      String v = names.integer(index.var().name());
      env.loops.put(index, v);
      vars.add(v);
    }
    for (int k = 0; k < indices.size(); k++) {
      LoopIndex index = indices.get(k);
      IExpr from;
      IExpr to;
      if (index instanceof DimIndex) {
        from = IExpr.of(0);
        to = indexing.size(dimOf(index));
      } else {
        RangeIndex range = (RangeIndex) index;
        from = integer(range.from());
        IExpr last = integer(range.to());
        to = last instanceof IExpr.Const c && c.value() < Integer.MAX_VALUE // ranges are inclusive
            ? IExpr.of(c.value() + 1)
            : indexing.ranges().arithmetic(IExpr.IOp.ADD, last, IExpr.of(1));
      }
      bounds.add(new IExpr[] {from, to});
      indexing.ranges().loop(vars.get(k), from, to);
    }
    List<Stmt> inner = new ArrayList<>();
    body.accept(inner);
    for (int k = indices.size() - 1; k >= 0; k--) {
      inner = List.of(new Stmt.For(vars.get(k), bounds.get(k)[0], bounds.get(k)[1], false, inner, line));
    }
    return inner.get(0);
  }

  private IExpr tripCount(LoopIndex index) {
    if (index instanceof DimIndex) {
      return indexing.size(dimOf(index));
    }
    RangeIndex range = (RangeIndex) index;
    IExpr.Bin span = indexing.ranges().arithmetic(IExpr.IOp.SUB, integer(range.to()), integer(range.from()));
    return indexing.ranges().arithmetic(IExpr.IOp.ADD, span, IExpr.of(1));
  }

  /**
   * Lowers {@code let}: an INT-typed value (say {@code let j = d - 1}, used as an index) goes to an
   * integer local, anything else to a real local.
   */
  /** True when {@code let} was lowered to an integer local (its value is index arithmetic). */
  private boolean integerLocal(org.phloem.compiler.ast.LetStmt let) {
    return names.locals().get(env.lets.get(let)) == org.phloem.compiler.ir.ScalarType.INT;
  }

  void let(org.phloem.compiler.ast.LetStmt let, List<Stmt> out, int line) {
    if (model.type(let.value()).isInt() && indexArithmetic(let.value())) {
      IExpr value = integer(let.value());
      String local = names.integer(let.name().name());
      indexing.ranges().let(local, value);
      env.lets.put(let, local);
      out.add(new Stmt.SetInt(local, value));
      return;
    }
    Expr value = real(let.value(), out);
    String local = names.real(let.name().name());
    env.lets.put(let, local);
    out.add(new Stmt.Assign(new org.phloem.compiler.ir.Ref.Local(local), value, line));
  }

  // ------------------------------------------------------------------------------- integers

  /** The integer value of an INT-typed expression (indices, bounds); these never need statements. */
  IExpr integer(org.phloem.compiler.ast.Expr e) {
    if (e instanceof NumberLit) {
      return IExpr.of((int) ((NumberLit) e).value());
    }
    if (e instanceof SizeExpr) {
      return indexing.size(dimOf(e));
    }
    if (e instanceof NameExpr) {
      Ref ref = model.ref(e);
      if (ref instanceof Ref.LoopRef) {
        return IExpr.local(env.loops.get(((Ref.LoopRef) ref).index()));
      }
      if (ref instanceof Ref.LetRef) {
        return IExpr.local(env.lets.get(((Ref.LetRef) ref).let()));
      }
      if (ref instanceof Ref.DeclRef && ((Ref.DeclRef) ref).decl() instanceof ConstDecl) {
        return IExpr.of(model.constValue((ConstDecl) ((Ref.DeclRef) ref).decl()).intValue());
      }
      throw unexpected(e);
    }
    if (e instanceof UnaryExpr && ((UnaryExpr) e).op() == UnaryOp.NEG) {
      IExpr operand = integer(((UnaryExpr) e).operand());
      // x * -1 rather than 0 - x: a chain of signs then needs two operand-stack slots, not one per sign.
      // (The checker keeps literals to 2^30, so negating a literal cannot wrap.)
      return operand instanceof IExpr.Const
          ? IExpr.of(-((IExpr.Const) operand).value())
          : written(indexing.ranges().arithmetic(IExpr.IOp.MUL, operand, IExpr.of(-1)), e);
    }
    if (e instanceof BinaryExpr) {
      BinaryExpr b = (BinaryExpr) e;
      IExpr.IOp op;
      switch (b.op()) {
        case ADD: op = IExpr.IOp.ADD; break;
        case SUB: op = IExpr.IOp.SUB; break;
        case MUL: op = IExpr.IOp.MUL; break;
        case MOD: op = IExpr.IOp.MOD; break;
        default: throw unexpected(e);
      }
      IExpr left = integer(b.left());
      IExpr right = integer(b.right());
      return written(op == IExpr.IOp.MOD ? new IExpr.Bin(op, left, right) : indexing.ranges().arithmetic(op, left, right), e);
    }
    throw unexpected(e);
  }

  /** {@code op}, noted as the lowering of {@code source} when a diagnosis asked ({@link #recordArithmetic}). */
  private IExpr written(IExpr.Bin op, org.phloem.compiler.ast.Expr source) {
    if (arithmetic != null) {
      arithmetic.put(op, source);
    }
    return op;
  }

  // ------------------------------------------------------------------------------- conditions

  /** The condition {@code e} (BOOL-typed). */
  Cond cond(org.phloem.compiler.ast.Expr e, List<Stmt> out) {
    if (e instanceof UnaryExpr && ((UnaryExpr) e).op() == UnaryOp.NOT) {
      return new Cond.Not(cond(((UnaryExpr) e).operand(), out));
    }
    if (e instanceof CallExpr && model.ref(e) instanceof Ref.BuiltinRef
        && ((Ref.BuiltinRef) model.ref(e)).builtin() == Builtin.ISMISSING) {
      return new Cond.IsNaN(real(((CallExpr) e).args().get(0), out));
    }
    if (e instanceof BinaryExpr) {
      BinaryExpr b = (BinaryExpr) e;
      switch (b.op()) {
        case AND: return new Cond.And(cond(b.left(), out), cond(b.right(), out));
        case OR: return new Cond.Or(cond(b.left(), out), cond(b.right(), out));
        default: break;
      }
      Cond.CmpOp op;
      switch (b.op()) {
        case LT: op = Cond.CmpOp.LT; break;
        case LE: op = Cond.CmpOp.LE; break;
        case GT: op = Cond.CmpOp.GT; break;
        case GE: op = Cond.CmpOp.GE; break;
        case EQ: op = Cond.CmpOp.EQ; break;
        case NE: op = Cond.CmpOp.NE; break;
        default: throw unexpected(e);
      }
      if (model.type(b.left()).isInt() && model.type(b.right()).isInt() && indexArithmetic(b.left()) && indexArithmetic(b.right())) {
        return new Cond.IntCompare(op, integer(b.left()), integer(b.right()));
      }
      return new Cond.Compare(op, real(b.left(), out), real(b.right(), out));
    }
    throw unexpected(e);
  }

  // ------------------------------------------------------------------------------- elements

  /** The declaration an indexed name refers to. */
  ArrayDecl declOf(org.phloem.compiler.ast.Node use) {
    Ref ref = model.ref(use);
    if (ref instanceof Ref.DeclRef && ((Ref.DeclRef) ref).decl() instanceof ArrayDecl) {
      return (ArrayDecl) ((Ref.DeclRef) ref).decl();
    }
    throw new InternalCompilerError("expected an array declaration for " + use + ", got " + ref);
  }

  /** The IR place of element {@code indices} of {@code decl} (a scalar local when it has no dims). */
  org.phloem.compiler.ir.Ref element(ArrayDecl decl, List<org.phloem.compiler.ast.Expr> indices) {
    Place place = places.get(decl);
    if (place.scalarLocal()) {
      return new org.phloem.compiler.ir.Ref.Local(place.irName());
    }
    List<IExpr> ints = new ArrayList<>();
    for (org.phloem.compiler.ast.Expr i : indices) {
      ints.add(integer(i));
    }
    org.phloem.compiler.ir.Ref.Elem ref = new org.phloem.compiler.ir.Ref.Elem(place.irName(), indexing.flat(place.dims(), ints));
    if (accesses != null) {
      accesses.put(ref, new ElementAccess(decl.name().name(), place.dims().stream().map(d -> d.name().name()).toList(), ints));
    }
    return ref;
  }

  /** The dim a {@code DimIndex} runs over or a {@code size(...)} names. */
  org.phloem.compiler.ast.DimDecl dimOf(org.phloem.compiler.ast.Node use) {
    return (org.phloem.compiler.ast.DimDecl) ((Ref.DeclRef) model.ref(use)).decl();
  }

  static InternalCompilerError unexpected(org.phloem.compiler.ast.Node e) {
    return new InternalCompilerError("lowering met an expression the checker should have rejected or typed differently: " + e);
  }
}

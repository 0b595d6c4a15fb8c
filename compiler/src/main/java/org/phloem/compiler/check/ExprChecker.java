package org.phloem.compiler.check;

import java.util.ArrayList;
import java.util.List;
import org.phloem.compiler.ast.ArrayDecl;
import org.phloem.compiler.ast.BinaryExpr;
import org.phloem.compiler.ast.BinaryOp;
import org.phloem.compiler.ast.CallExpr;
import org.phloem.compiler.ast.CondExpr;
import org.phloem.compiler.ast.ConstDecl;
import org.phloem.compiler.ast.DataDecl;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.DeclKind;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.DimIndex;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.FnDecl;
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
import org.phloem.compiler.source.Span;

/**
 * Checks one expression in a scope: resolves every name, gives every sub-expression a type and a unit
 * value, checks indexing, calls and units, and records all of it in the context's side tables. After
 * an error it still returns a plausible type so that checking goes on without echo errors.
 */
final class ExprChecker {
  private final CheckContext ctx;

  ExprChecker(CheckContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Checks {@code e}.
   *
   * @param scope the names visible
   * @param inFn the fn whose body this is, or null
   * @return its type
   */
  Type check(Expr e, Scope scope, FnDecl inFn) {
    Result r = visit(e, scope, inFn);
    ctx.types.put(e, r.type);
    ctx.units.put(e, r.unit);
    return r.type;
  }

  /** Checks {@code e} and reports if it is not a number. */
  Type number(Expr e, Scope scope, FnDecl inFn) {
    Type t = check(e, scope, inFn);
    if (!t.isNumber()) {
      ctx.error(ErrorKind.NOT_NUMBER, e.span());
      return Type.REAL;
    }
    return t;
  }

  /** Checks {@code e} and reports if it is not true/false; {@code what} names it ("A condition"). */
  void condition(Expr e, Scope scope, FnDecl inFn, String what) {
    Type t = check(e, scope, inFn);
    if (t.kind() != Type.Kind.BOOL) {
      ctx.error(ErrorKind.NOT_BOOL, e.span(), what, t.describe());
    }
  }

  /** Checks {@code e} and reports if it is not an integer; {@code what} names it ("A range bound"). */
  void integer(Expr e, Scope scope, FnDecl inFn, String what) {
    Type t = check(e, scope, inFn);
    if (!t.isInt()) {
      ctx.error(ErrorKind.NOT_INT, e.span(), what, t.describe());
    } else {
      indexLiterals(e, what.toLowerCase(java.util.Locale.ROOT), scope);
    }
  }

  /**
   * The largest integer literal an index or a range bound may hold. Index arithmetic is done in Java
   * ints: a bound near 2^31 wraps around ({@code 0..99999999999999999999} ran no step forward, since its
   * end plus one wrapped, and about 2^31 steps backward in the gradient); no dim can be this large.
   */
  static final int LARGEST_INDEX_LITERAL = 1 << 30;

  /**
   * Reports each integer literal, and each integer const, in {@code e} (index arithmetic) beyond {@link
   * #LARGEST_INDEX_LITERAL} (a const of 3000000000 would otherwise enter int arithmetic as 2147483647).
   */
  private void indexLiterals(Expr e, String what, Scope scope) {
    if (e instanceof NumberLit n) {
      if (n.integer() && !(Math.abs(n.value()) <= LARGEST_INDEX_LITERAL)) {
        ctx.error(ErrorKind.INTEGER_TOO_LARGE, n.span(), n.text(), what, LARGEST_INDEX_LITERAL, LARGEST_INDEX_LITERAL);
      }
    } else if (e instanceof NameExpr n && scope.lookup(n.name()) instanceof Ref.DeclRef d
        && d.decl() instanceof ConstDecl c && c.dims().isEmpty()) {
      ConstValue v = ctx.constants.valueOf(c);
      if (v != null && v.integer() && !(Math.abs(v.scalar()) <= LARGEST_INDEX_LITERAL)) {
        ctx.error(ErrorKind.INTEGER_TOO_LARGE, n.span(), "'" + n.name() + "' (" + (long) v.scalar() + ")", what,
            LARGEST_INDEX_LITERAL, LARGEST_INDEX_LITERAL);
      }
    } else if (e instanceof BinaryExpr b) {
      indexLiterals(b.left(), what, scope);
      indexLiterals(b.right(), what, scope);
    } else if (e instanceof UnaryExpr u) {
      indexLiterals(u.operand(), what, scope);
    }
  }

  /** The unit value recorded for a checked expression. */
  UnitValue unit(Expr e) {
    UnitValue u = ctx.units.get(e);
    return u == null ? UnitValue.UNKNOWN : u;
  }

  private record Result(Type type, UnitValue unit) {}

  private static final Result UNKNOWN_REAL = new Result(Type.REAL, UnitValue.UNKNOWN);

  private Result visit(Expr e, Scope scope, FnDecl inFn) {
    if (e instanceof NumberLit) {
      return new Result(((NumberLit) e).integer() ? Type.INT : Type.REAL, UnitValue.NUMBER);
    } else if (e instanceof NameExpr) {
      return name((NameExpr) e, scope);
    } else if (e instanceof IndexExpr) {
      IndexExpr ix = (IndexExpr) e;
      Ref r = indexed(ix, ix.name(), ix.indices(), scope, inFn);
      if (r instanceof Ref.DeclRef) {
        Decl d = ((Ref.DeclRef) r).decl();
        return new Result(Type.REAL, ctx.unitOf(d));
      }
      return UNKNOWN_REAL;
    } else if (e instanceof CallExpr) {
      return call((CallExpr) e, scope, inFn);
    } else if (e instanceof SizeExpr) {
      SizeExpr s = (SizeExpr) e;
      DimDecl d = dim(s.dim(), scope);
      if (d != null) {
        ctx.refs.put(s, new Ref.DeclRef(d));
      }
      return new Result(Type.INT, UnitValue.NUMBER);
    } else if (e instanceof UnaryExpr) {
      UnaryExpr u = (UnaryExpr) e;
      if (u.op() == UnaryOp.NOT) {
        condition(u.operand(), scope, inFn, "The operand of '!'");
        return new Result(Type.BOOL, UnitValue.UNKNOWN);
      }
      Type t = number(u.operand(), scope, inFn);
      return new Result(t.isInt() ? Type.INT : Type.REAL, unit(u.operand()));
    } else if (e instanceof BinaryExpr) {
      return binary((BinaryExpr) e, scope, inFn);
    } else if (e instanceof CondExpr) {
      CondExpr c = (CondExpr) e;
      condition(c.condition(), scope, inFn, "The condition of 'if ... then ... else'");
      number(c.then(), scope, inFn);
      number(c.otherwise(), scope, inFn);
      UnitValue ua = unit(c.then());
      UnitValue ub = unit(c.otherwise());
      boolean same = UnitRules.requireSame(ctx, c.span(),
          "The branches of 'if ... then ... else' have different units, '%s' and '%s'", ua, ub);
      // Always REAL, even with integer branches: the IR has no integer select, so an integer-typed
      // conditional would reach the lowering as something it cannot express.
      return new Result(Type.REAL, same ? ua.join(ub) : UnitValue.UNKNOWN);
    } else if (e instanceof ReduceExpr) {
      ReduceExpr r = (ReduceExpr) e;
      Scope inner = loopScope(r.indices(), scope, inFn);
      number(r.body(), inner, inFn);
      UnitValue u = r.op() == ReduceOp.PROD ? UnitValue.UNKNOWN : unit(r.body());
      return new Result(Type.REAL, u);
    }
    throw new org.phloem.compiler.diag.InternalCompilerError("unchecked expression " + e);
  }

  // ---------------------------------------------------------------- names

  private Result name(NameExpr n, Scope scope) {
    Ref r = scope.lookup(n.name());
    if (r == null) {
      ctx.hinted(ErrorKind.UNKNOWN_NAME, n.span(), Suggestions.hint(n.name(), scope.visibleNames()),
          n.name());
      return UNKNOWN_REAL;
    }
    ctx.refs.put(n, r);
    if (r instanceof Ref.LetRef) {
      Expr value = ((Ref.LetRef) r).let().value();
      Type t = ctx.types.getOrDefault(value, Type.REAL);
      return new Result(t, unit(value));
    } else if (r instanceof Ref.LoopRef) {
      DimDecl d = ((Ref.LoopRef) r).dim();
      return new Result(d == null ? Type.INT : Type.indexOf(d), UnitValue.NUMBER);
    } else if (r instanceof Ref.ArgRef) {
      return UNKNOWN_REAL;
    }
    Decl d = ((Ref.DeclRef) r).decl();
    if (d instanceof DimDecl) {
      ctx.error(ErrorKind.DIM_AS_VALUE, n.span(), n.name(), n.name(), n.name());
    } else if (d instanceof FnDecl) {
      ctx.error(ErrorKind.FN_AS_VALUE, n.span(), n.name(), n.name());
    } else if (d instanceof DataDecl) {
      ctx.error(ErrorKind.TABLE_AS_VALUE, n.span(), n.name());
    } else {
      ArrayDecl a = (ArrayDecl) d;
      if (!a.dims().isEmpty()) {
        ctx.error(ErrorKind.MISSING_INDICES, n.span(), n.name(), dimList(a), n.name(), exampleIndices(a));
      } else if (a instanceof ConstDecl) {
        ConstValue v = ctx.constants.valueOf((ConstDecl) a);
        Type t = v != null && v.integer() ? Type.INT : Type.REAL;
        return new Result(t, ctx.unitOf(a));
      }
      return new Result(Type.REAL, ctx.unitOf(a));
    }
    return UNKNOWN_REAL;
  }

  private static String dimList(ArrayDecl a) {
    List<String> names = new ArrayList<>();
    for (Ident i : a.dims()) {
      names.add(i.name());
    }
    return String.join(", ", names);
  }

  private static String exampleIndices(ArrayDecl a) {
    List<String> names = new ArrayList<>();
    for (Ident i : a.dims()) {
      names.add(i.name().substring(0, 1));
    }
    return String.join(", ", names);
  }

  /**
   * What to write instead of the integer arithmetic a modeller reaches for that gives a real number: a
   * clamped neighbour ({@code max(i - 1, 0)}) or a halved index ({@code (i + 1) / 2}); null otherwise.
   */
  private static String realIndexHint(Expr index) {
    if (index instanceof CallExpr c && (c.fn().name().equals("min") || c.fn().name().equals("max"))) {
      return "min and max give real numbers, even of integers; for a neighbour clamped at the edge write"
          + " e.g. 'if i > 0 then x[i - 1] else x[0]'";
    }
    if (index instanceof BinaryExpr b && b.op() == BinaryOp.DIV) {
      return "'/' divides exactly and gives a real number; an index can use + - * and % (remainder) of integers";
    }
    return null;
  }

  /**
   * Resolves and checks {@code name[indices]} (an element read, or an assignment's target), recording
   * the reference under {@code use}.
   *
   * @return what the name refers to, or null when it is unknown
   */
  Ref indexed(org.phloem.compiler.ast.Node use, Ident name, List<Expr> indices, Scope scope, FnDecl inFn) {
    List<Type> indexTypes = new ArrayList<>();
    for (Expr i : indices) {
      Type t = check(i, scope, inFn);
      indexTypes.add(t);
      if (!t.isInt()) {
        ctx.hinted(ErrorKind.INDEX_NOT_INT, i.span(), realIndexHint(i), t.describe());
      } else {
        indexLiterals(i, "an index", scope);
      }
    }
    Ref r = scope.lookup(name.name());
    if (r == null) {
      ctx.hinted(ErrorKind.UNKNOWN_NAME, name.span(), Suggestions.hint(name.name(), scope.visibleNames()),
          name.name());
      return null;
    }
    ctx.refs.put(use, r);
    if (!(r instanceof Ref.DeclRef) || !(((Ref.DeclRef) r).decl() instanceof ArrayDecl)) {
      if (r instanceof Ref.DeclRef && ((Ref.DeclRef) r).decl() instanceof DimDecl) {
        ctx.error(ErrorKind.DIM_AS_VALUE, name.span(), name.name(), name.name(), name.name());
      } else if (!indices.isEmpty()) {
        ctx.error(ErrorKind.INDEXING_SCALAR, name.span(), name.name());
      }
      return r;
    }
    ArrayDecl a = (ArrayDecl) ((Ref.DeclRef) r).decl();
    if (indices.isEmpty()) {
      if (!a.dims().isEmpty()) {
        ctx.error(ErrorKind.MISSING_INDICES, name.span(), name.name(), dimList(a), name.name(),
            exampleIndices(a));
      }
      return r;
    }
    if (a.dims().isEmpty()) {
      ctx.error(ErrorKind.INDEXING_SCALAR, name.span(), name.name());
      return r;
    }
    if (a.dims().size() != indices.size()) {
      int n = a.dims().size();
      String has = n == 1 ? "1 dimension (" + dimList(a) + ")" : n + " dimensions (" + dimList(a) + ")";
      Span at = indices.get(0).span().to(indices.get(indices.size() - 1).span());
      ctx.error(ErrorKind.WRONG_INDEX_COUNT, at, name.name(), has, indices.size(),
          indices.size() == 1 ? "index is" : "indices are");
      return r;
    }
    List<DimDecl> dims = ctx.dims.get(a);
    if (dims == null) {
      return r;
    }
    for (int k = 0; k < indices.size(); k++) {
      Type t = indexTypes.get(k);
      if (t.isIndex() && t.dim() != dims.get(k)) {
        ctx.error(ErrorKind.WRONG_DIMENSION_INDEX, indices.get(k).span(), indexText(indices.get(k)),
            t.dim().name().name(), k + 1, name.name(), dims.get(k).name().name());
      } else if (!t.isIndex()) {
        Long at = constantIndex(indices.get(k), scope);
        int size = at == null ? -1 : ctx.constants.dimSize(dims.get(k));
        if (at != null && (at < 0 || (size >= 0 && at >= size))) {
          String range = size < 0 ? "indices start at 0" : size == 1 ? "it has 1 element (index 0)"
              : "it has " + size + " elements (0 to " + (size - 1) + ")";
          ctx.error(ErrorKind.INDEX_OUT_OF_RANGE, indices.get(k).span(), at, dims.get(k).name().name(), name.name(),
              range);
        }
      }
    }
    return r;
  }

  /**
   * The value of an index that is known before the model runs (integer literals, integer consts, +, -,
   * *, the size of a fixed dim), or null. Quiet: what it cannot work out is checked at run time.
   */
  private Long constantIndex(Expr e, Scope scope) {
    if (e instanceof NumberLit) {
      NumberLit n = (NumberLit) e;
      return n.integer() && Math.abs(n.value()) < 1e15 ? (long) n.value() : null;
    }
    if (e instanceof UnaryExpr && ((UnaryExpr) e).op() == UnaryOp.NEG) {
      Long v = constantIndex(((UnaryExpr) e).operand(), scope);
      return v == null ? null : -v;
    }
    if (e instanceof NameExpr) {
      Ref r = scope.lookup(((NameExpr) e).name());
      if (r instanceof Ref.DeclRef && ((Ref.DeclRef) r).decl() instanceof ConstDecl
          && ((ConstDecl) ((Ref.DeclRef) r).decl()).dims().isEmpty()) {
        ConstValue v = ctx.constants.valueOf((ConstDecl) ((Ref.DeclRef) r).decl());
        return v != null && v.integer() && Math.abs(v.scalar()) < 1e15 ? (long) v.scalar() : null;
      }
      return null;
    }
    if (e instanceof SizeExpr) {
      Ref r = scope.lookup(((SizeExpr) e).dim().name());
      if (r instanceof Ref.DeclRef && ((Ref.DeclRef) r).decl() instanceof DimDecl) {
        int size = ctx.constants.dimSize((DimDecl) ((Ref.DeclRef) r).decl());
        return size >= 0 ? Long.valueOf(size) : null;
      }
      return null;
    }
    if (e instanceof BinaryExpr) {
      BinaryExpr b = (BinaryExpr) e;
      Long x = constantIndex(b.left(), scope);
      Long y = x == null ? null : constantIndex(b.right(), scope);
      if (y == null || Math.abs(x) > 1L << 40 || Math.abs(y) > 1L << 40) {
        return null;
      }
      switch (b.op()) {
        case ADD: return x + y;
        case SUB: return x - y;
        case MUL: return Math.abs(x) < 1L << 20 && Math.abs(y) < 1L << 20 ? x * y : null;
        default: return null;
      }
    }
    return null;
  }

  private static String indexText(Expr e) {
    Span s = e.span();
    if (s.startLine() == s.endLine()) {
      return s.file().line(s.startLine()).substring(s.startColumn() - 1, s.endColumn());
    }
    return "this index";
  }

  // ---------------------------------------------------------------- dims and loop indices

  /** Resolves a dim name, reporting when it is unknown or not a dim. */
  DimDecl dim(Ident name, Scope scope) {
    Ref r = scope.lookup(name.name());
    if (r instanceof Ref.DeclRef && ((Ref.DeclRef) r).decl() instanceof DimDecl) {
      return (DimDecl) ((Ref.DeclRef) r).decl();
    }
    if (r == null) {
      java.util.Collection<String> dims = ctx.globals.namesOf(DeclKind.DIM);
      String hint = Suggestions.hint(name.name(), dims);
      if (hint == null) { // no plausible typo: say which dims there are
        hint = dims.isEmpty() ? "No dim is declared; declare it with 'dim " + name.name() + "'."
            : "The declared dims are: " + String.join(", ", dims.stream().limit(12).toList()) + (dims.size() > 12 ? ", ..." : "") + ".";
      }
      ctx.hinted(ErrorKind.UNKNOWN_DIM, name.span(), hint, name.name());
    } else {
      ctx.error(ErrorKind.NOT_A_DIM, name.span(), name.name(), r.describe());
    }
    return null;
  }

  /**
   * A scope with the given loop indices defined, each resolved (a dim index's dim; a range's bounds
   * checked as integers in the scope of the indices before it).
   */
  Scope loopScope(List<LoopIndex> indices, Scope outer, FnDecl inFn) {
    Scope inner = outer.child();
    for (LoopIndex li : indices) {
      DimDecl d = null;
      if (li instanceof DimIndex) {
        d = dim(((DimIndex) li).dim(), outer);
        if (d != null) {
          ctx.refs.put(li, new Ref.DeclRef(d));
        }
      } else {
        RangeIndex r = (RangeIndex) li;
        integer(r.from(), inner, inFn, "A range bound");
        integer(r.to(), inner, inFn, "A range bound");
      }
      Span earlier = inner.define(li.var().name(), new Ref.LoopRef(li, d), li.var().span());
      if (earlier != null) {
        ctx.error(ErrorKind.DUPLICATE_LET, li.var().span(), li.var().name(), earlier.startLine());
      }
    }
    return inner;
  }

  // ---------------------------------------------------------------- calls

  private Result call(CallExpr c, Scope scope, FnDecl inFn) {
    List<Type> argTypes = new ArrayList<>();
    for (Expr a : c.args()) {
      argTypes.add(number(a, scope, inFn));
    }
    String name = c.fn().name();
    Decl global = ctx.globals.get(name);
    if (global instanceof FnDecl && Builtin.named(name) == null) {
      FnDecl f = (FnDecl) global;
      ctx.refs.put(c, new Ref.DeclRef(f));
      arity(c, f.params().size());
      if (inFn != null) {
        ctx.calls.computeIfAbsent(inFn, k -> new ArrayList<>()).add(new CheckContext.CallSite(f, c.fn().span()));
      }
      return UNKNOWN_REAL;
    }
    Builtin b = Builtin.named(name);
    if (b == null) {
      Ref r = scope.lookup(name);
      if (r != null) {
        ctx.error(ErrorKind.NOT_A_FN, c.fn().span(), name, r.describe());
      } else {
        List<String> fns = new ArrayList<>(ctx.globals.namesOf(DeclKind.FN));
        for (Builtin x : Builtin.values()) {
          fns.add(x.word());
        }
        ctx.hinted(ErrorKind.UNKNOWN_FN, c.fn().span(), Suggestions.hint(name, fns), name);
      }
      return UNKNOWN_REAL;
    }
    ctx.refs.put(c, new Ref.BuiltinRef(b));
    if (!arity(c, b.arity())) {
      return new Result(b == Builtin.ISMISSING ? Type.BOOL : Type.REAL, UnitValue.UNKNOWN);
    }
    return builtinResult(c, b, argTypes);
  }

  private boolean arity(CallExpr c, int expected) {
    int n = c.args().size();
    if (n == expected) {
      return true;
    }
    ctx.error(ErrorKind.WRONG_ARITY, c.span(), c.fn().name(), expected, expected == 1 ? "" : "s", n,
        n == 1 ? "was" : "were");
    return false;
  }

  private Result builtinResult(CallExpr c, Builtin b, List<Type> argTypes) {
    UnitValue u0 = unit(c.args().get(0));
    switch (b.unitRule()) {
      case NONE:
        return new Result(Type.BOOL, UnitValue.UNKNOWN);
      case SAME:
        if (c.args().size() == 2) {
          UnitValue u1 = unit(c.args().get(1));
          boolean same = UnitRules.requireSame(ctx, c.span(),
              b.word() + " needs both arguments in one unit, but they are in '%s' and '%s'", u0, u1);
          u0 = same ? u0.join(u1) : UnitValue.UNKNOWN;
        }
        // REAL even for integer arguments (min(1, 2)): integer code has no min, max or abs.
        return new Result(Type.REAL, u0);
      case SQRT:
        if (u0.known()) {
          Unit root = u0.unit().sqrt();
          return new Result(Type.REAL, root == null ? UnitValue.UNKNOWN : UnitValue.of(root));
        }
        return new Result(Type.REAL, u0);
      case POWER:
        return new Result(Type.REAL, power(u0, c.args().get(1)));
      default:
        if (u0.known() && !u0.unit().isDimensionless()) {
          ctx.error(ErrorKind.UNIT_NOT_DIMENSIONLESS, c.args().get(0).span(), b.word(), u0.unit());
          return UNKNOWN_REAL;
        }
        return new Result(Type.REAL, UnitValue.DIMENSIONLESS);
    }
  }

  /** The unit of base^exponent: raised when the exponent is an integer literal, else unknown. */
  private static UnitValue power(UnitValue base, Expr exponent) {
    Integer n = integerLiteral(exponent);
    if (n != null) {
      return base.pow(n);
    }
    return base.number() ? UnitValue.NUMBER : UnitValue.UNKNOWN;
  }

  private static Integer integerLiteral(Expr e) {
    if (e instanceof NumberLit && ((NumberLit) e).integer() && ((NumberLit) e).value() <= 64) {
      return (int) ((NumberLit) e).value();
    }
    if (e instanceof UnaryExpr && ((UnaryExpr) e).op() == UnaryOp.NEG) {
      Integer n = integerLiteral(((UnaryExpr) e).operand());
      return n == null ? null : -n;
    }
    return null;
  }

  // ---------------------------------------------------------------- operators

  private Result binary(BinaryExpr b, Scope scope, FnDecl inFn) {
    BinaryOp op = b.op();
    if (op.group() == BinaryOp.Group.LOGICAL) {
      condition(b.left(), scope, inFn, "The operand of '" + op.symbol() + "'");
      condition(b.right(), scope, inFn, "The operand of '" + op.symbol() + "'");
      return new Result(Type.BOOL, UnitValue.UNKNOWN);
    }
    Type l = number(b.left(), scope, inFn);
    Type r = number(b.right(), scope, inFn);
    UnitValue ul = unit(b.left());
    UnitValue ur = unit(b.right());
    if (op.group() == BinaryOp.Group.COMPARISON) {
      UnitRules.requireSame(ctx, b.span(), "Cannot compare '%s' with '%s'", ul, ur);
      return new Result(Type.BOOL, UnitValue.UNKNOWN);
    }
    switch (op) {
      case ADD:
      case SUB: {
        String verb = op == BinaryOp.ADD ? "Cannot add '%s' and '%s'" : "Cannot subtract '%2$s' from '%1$s'";
        boolean same = UnitRules.requireSame(ctx, b.span(), verb, ul, ur);
        constantOverflow(b, l, r, scope);
        // After a mismatch the result's unit is unknown, so the error is not echoed further out.
        return new Result(sumType(l, r, op), same ? ul.join(ur) : UnitValue.UNKNOWN);
      }
      case MUL:
        constantOverflow(b, l, r, scope);
        return new Result(l.isInt() && r.isInt() ? Type.INT : Type.REAL, ul.times(ur));
      case DIV:
        return new Result(Type.REAL, ul.dividedBy(ur));
      case MOD:
        // The remainder is defined for integers only (there is no real remainder in the IR).
        if (!l.isInt()) {
          ctx.error(ErrorKind.NOT_INT, b.left().span(), "The left operand of '%'", l.describe());
        } else if (!r.isInt()) {
          ctx.error(ErrorKind.NOT_INT, b.right().span(), "The right operand of '%'", r.describe());
        } else if (b.right() instanceof NumberLit && ((NumberLit) b.right()).value() == 0) {
          // Integer code would throw at run time; a zero divisor is a mistake worth naming here.
          ctx.error(ErrorKind.REMAINDER_BY_ZERO, b.right().span());
        }
        return new Result(l.isInt() && r.isInt() ? Type.INT : Type.REAL, ul);
      default:
        return new Result(Type.REAL, power(ul, b.right()));
    }
  }

  /**
   * Reports integer arithmetic on values known before the model runs (literals, integer consts, sizes of
   * fixed dims) whose result leaves int: indices and loop bounds are computed in Java ints, where
   * {@code 65536 * 65536} is 0, and would silently read the wrong element. Only the innermost such
   * operation is reported (its operands fit).
   */
  private void constantOverflow(BinaryExpr b, Type l, Type r, Scope scope) {
    if (!l.isInt() || !r.isInt()) {
      return;
    }
    Long x = constantIndex(b.left(), scope);
    Long y = x == null ? null : constantIndex(b.right(), scope);
    if (y == null || x != (int) (long) x || y != (int) (long) y) {
      return;
    }
    long value = b.op() == BinaryOp.ADD ? x + y : b.op() == BinaryOp.SUB ? x - y : x * y;
    if (value != (int) value) {
      String operands = x + " " + b.op().symbol() + " " + (y < 0 ? "(" + y + ")" : y.toString());
      ctx.error(ErrorKind.INTEGER_OVERFLOW, b.span(), indexText(b), operands, value, Integer.MIN_VALUE,
          Integer.MAX_VALUE);
    }
  }

  /** index ± integer stays an index of the same dim; other integer sums are plain integers. */
  private static Type sumType(Type l, Type r, BinaryOp op) {
    if (!l.isInt() || !r.isInt()) {
      return Type.REAL;
    }
    if (l.isIndex() && !r.isIndex()) {
      return l;
    }
    if (op == BinaryOp.ADD && r.isIndex() && !l.isIndex()) {
      return r;
    }
    return Type.INT;
  }
}

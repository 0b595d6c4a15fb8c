package org.phloem.compiler.check;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.phloem.compiler.ast.BinaryExpr;
import org.phloem.compiler.ast.CallExpr;
import org.phloem.compiler.ast.ConstDecl;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.IndexExpr;
import org.phloem.compiler.ast.NameExpr;
import org.phloem.compiler.ast.NumberLit;
import org.phloem.compiler.ast.SizeExpr;
import org.phloem.compiler.ast.UnaryExpr;
import org.phloem.compiler.ast.UnaryOp;
import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.diag.ErrorKind;

/**
 * Works out constant expressions before the model runs: literals, consts, arithmetic, built-in
 * functions, sizes of fixed dims. A constant's value is integer when its type is INT (integer literals
 * combined by +, -, *, %). Unknown names are left to the expression checker to report; anything that
 * refers to something only known at run time is reported here, once.
 */
final class ConstEvaluator {
  /** A constant number and whether it is an INT. */
  record Num(double value, boolean integer) {}

  private final Globals globals;
  private final Diagnostics diagnostics;
  private final Map<ConstDecl, ConstValue> constValues = new IdentityHashMap<>();
  private final Set<ConstDecl> constDone = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<ConstDecl> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<DimDecl, Integer> dimSizes = new IdentityHashMap<>();

  ConstEvaluator(Globals globals, Diagnostics diagnostics) {
    this.globals = globals;
    this.diagnostics = diagnostics;
  }

  /** The value of a const, or null when it is not constant (reported once). */
  ConstValue valueOf(ConstDecl c) {
    if (constDone.contains(c)) {
      return constValues.get(c);
    }
    if (!inProgress.add(c)) {
      diagnostics.error(ErrorKind.NOT_CONSTANT, c.name().span(),
          "The value of const '" + c.name().name() + "'", "it depends on itself");
      constDone.add(c);
      return null;
    }
    String what = "The value of const '" + c.name().name() + "'";
    double[] values = new double[c.value().elements().size()];
    boolean integer = true;
    boolean ok = true;
    for (int i = 0; i < values.length; i++) {
      Num n = eval(c.value().elements().get(i), what);
      if (n == null) {
        ok = false;
      } else {
        values[i] = n.value();
        integer &= n.integer();
      }
    }
    inProgress.remove(c);
    if (constDone.add(c) && ok) {
      constValues.put(c, new ConstValue(values, integer && !c.value().list()));
    }
    return constValues.get(c);
  }

  /** The fixed size of a dim, or -1 when the data sizes it (or its size is in error, reported). */
  int dimSize(DimDecl d) {
    Integer known = dimSizes.get(d);
    if (known != null) {
      return known;
    }
    int size = -1;
    if (d.size() != null) {
      String name = d.name().name();
      Num n = eval(d.size(), "The size of dim '" + name + "'");
      if (n != null) {
        if (!n.integer() || !(n.value() >= 1) || n.value() > Integer.MAX_VALUE) { // NaN too
          diagnostics.error(ErrorKind.DIM_SIZE, d.size().span(), name,
              "it is " + Unit.formatFactor(n.value()));
        } else {
          size = (int) n.value();
        }
      }
    }
    dimSizes.put(d, size);
    return size;
  }

  /**
   * The value of a constant expression, or null when it is not one.
   *
   * @param what what must be constant, for the message ("The prior mean of param 'eps'")
   */
  Num eval(Expr e, String what) {
    if (e instanceof NumberLit) {
      NumberLit n = (NumberLit) e;
      return new Num(n.value(), n.integer());
    } else if (e instanceof NameExpr) {
      NameExpr n = (NameExpr) e;
      return name(n.name(), n, what);
    } else if (e instanceof IndexExpr) {
      return element((IndexExpr) e, what);
    } else if (e instanceof UnaryExpr) {
      UnaryExpr u = (UnaryExpr) e;
      Num x = eval(u.operand(), what);
      if (x == null || u.op() == UnaryOp.NOT) {
        return u.op() == UnaryOp.NOT ? notConstant(e, what, "a true/false value is not a number") : null;
      }
      return new Num(-x.value(), x.integer());
    } else if (e instanceof BinaryExpr) {
      return binary((BinaryExpr) e, what);
    } else if (e instanceof CallExpr) {
      return call((CallExpr) e, what);
    } else if (e instanceof SizeExpr) {
      SizeExpr s = (SizeExpr) e;
      DimDecl d = globals.dim(s.dim().name());
      if (d == null) {
        return null;
      }
      int size = dimSize(d);
      return size < 0
          ? notConstant(e, what, "the size of '" + s.dim().name() + "' comes from the data")
          : new Num(size, true);
    }
    return notConstant(e, what, "this can only be worked out when the model runs");
  }

  private Num name(String name, org.phloem.compiler.ast.Node at, String what) {
    Decl d = globals.get(name);
    if (d == null) {
      return null;
    }
    if (!(d instanceof ConstDecl)) {
      return notConstant(at, what, "'" + name + "' is " + d.kind().withArticle());
    }
    ConstDecl c = (ConstDecl) d;
    if (!c.dims().isEmpty()) {
      return null;
    }
    ConstValue v = valueOf(c);
    return v == null ? null : new Num(v.scalar(), v.integer());
  }

  private Num element(IndexExpr e, String what) {
    Decl d = globals.get(e.name().name());
    if (d == null) {
      return null;
    }
    if (!(d instanceof ConstDecl)) {
      return notConstant(e.name(), what, "'" + e.name().name() + "' is " + d.kind().withArticle());
    }
    ConstDecl c = (ConstDecl) d;
    ConstValue v = valueOf(c);
    if (v == null || e.indices().size() != 1 || c.dims().size() != 1) {
      return null;
    }
    Num i = eval(e.indices().get(0), what);
    double[] values = v.values();
    if (i == null || !i.integer() || i.value() < 0 || i.value() >= values.length) {
      return i == null ? null : notConstant(e, what, "the index is not a constant within the dim");
    }
    return new Num(values[(int) i.value()], false);
  }

  private Num binary(BinaryExpr b, String what) {
    if (b.op().group() != org.phloem.compiler.ast.BinaryOp.Group.ARITHMETIC) {
      return notConstant(b, what, "only arithmetic can be worked out before the model runs");
    }
    Num l = eval(b.left(), what);
    Num r = eval(b.right(), what);
    if (l == null || r == null) {
      return null;
    }
    boolean ints = l.integer() && r.integer();
    double x = l.value();
    double y = r.value();
    switch (b.op()) {
      case ADD: return new Num(x + y, ints);
      case SUB: return new Num(x - y, ints);
      case MUL: return new Num(x * y, ints);
      case DIV: return new Num(x / y, false);
      case MOD:
        if (y == 0) {
          if (!(b.right() instanceof org.phloem.compiler.ast.NumberLit)) { // a literal 0: the checker said so
            diagnostics.error(ErrorKind.REMAINDER_BY_ZERO, b.right().span());
          }
          return null;
        }
        return new Num(x % y, ints);
      default: return new Num(Math.pow(x, y), false);
    }
  }

  private Num call(CallExpr c, String what) {
    Builtin b = Builtin.named(c.fn().name());
    if (b == null || globals.get(c.fn().name()) instanceof org.phloem.compiler.ast.FnDecl
        || b == Builtin.ISMISSING || c.args().size() != b.arity()) {
      return notConstant(c, what, "only built-in functions can be worked out before the model runs");
    }
    double[] a = new double[c.args().size()];
    for (int i = 0; i < a.length; i++) {
      Num n = eval(c.args().get(i), what);
      if (n == null) {
        return null;
      }
      a[i] = n.value();
    }
    return new Num(BuiltinMath.apply(b, a), false);
  }

  private Num notConstant(org.phloem.compiler.ast.Node at, String what, String why) {
    diagnostics.error(ErrorKind.NOT_CONSTANT, at.span(), what, why);
    return null;
  }
}

package org.phloem.compiler.check;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ast.ArrayDecl;
import org.phloem.compiler.ast.ConstDecl;
import org.phloem.compiler.ast.DataDecl;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.DeclKind;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.Ident;
import org.phloem.compiler.ast.Initializer;
import org.phloem.compiler.ast.InputDecl;
import org.phloem.compiler.ast.ParamDecl;
import org.phloem.compiler.ast.StateDecl;
import org.phloem.compiler.ast.UnitAnnotation;
import org.phloem.compiler.diag.ErrorKind;

/**
 * Checks declarations: units parse, dims exist, fixed dim sizes are positive integer constants, list
 * values fit their dim, const values and param priors are constants (and are worked out), state
 * initial values are well formed, inputs name declared tables.
 */
final class DeclChecker {
  private final CheckContext ctx;
  private final ExprChecker exprs;
  final Map<DimDecl, Integer> dimSizes = new IdentityHashMap<>();
  final Map<ConstDecl, ConstValue> constValues = new IdentityHashMap<>();
  final Map<ParamDecl, ParamPrior> priors = new IdentityHashMap<>();

  DeclChecker(CheckContext ctx, ExprChecker exprs) {
    this.ctx = ctx;
    this.exprs = exprs;
  }

  /** First pass, before any expression is read: units and dims, which expressions rely on. */
  void declareShapes(List<Decl> decls, Scope globals) {
    for (Decl d : decls) {
      if (d instanceof ArrayDecl) {
        ArrayDecl a = (ArrayDecl) d;
        Unit u = unit(a.unit());
        if (u != null) {
          ctx.declUnits.put(a, u);
        }
        List<DimDecl> dims = new ArrayList<>();
        for (Ident i : a.dims()) {
          DimDecl dim = exprs.dim(i, globals);
          if (dim != null) {
            dims.add(dim);
          }
        }
        if (dims.size() == a.dims().size()) {
          ctx.dims.put(a, List.copyOf(dims));
        }
      }
    }
  }

  private Unit unit(UnitAnnotation ann) {
    if (ann == null) {
      return null;
    }
    try {
      return UnitParser.parse(ann.text());
    } catch (UnitParser.UnitSyntaxException e) {
      ctx.error(ErrorKind.UNIT_SYNTAX, ann.span(), ann.text(), e.getMessage());
      return null;
    }
  }

  /** Second pass: everything else about each declaration. */
  void check(List<Decl> decls, Scope globals) {
    for (Decl d : decls) {
      if (d instanceof DimDecl) {
        DimDecl dim = (DimDecl) d;
        if (dim.size() != null) {
          exprs.check(dim.size(), globals, null);
        }
        dimSizes.put(dim, ctx.constants.dimSize(dim));
      } else if (d instanceof ConstDecl) {
        constDecl((ConstDecl) d, globals);
      } else if (d instanceof ParamDecl) {
        param((ParamDecl) d, globals);
      } else if (d instanceof StateDecl) {
        StateDecl s = (StateDecl) d;
        if (s.init() != null) {
          values(s, s.init(), globals, "initial value");
        }
      } else if (d instanceof DataDecl) {
        DataDecl data = (DataDecl) d;
        String refusal = org.phloem.runtime.data.DataRoot.lexicalRefusal(data.path());
        if (refusal != null) {
          ctx.error(ErrorKind.DATA_PATH_REFUSED, data.span(), refusal);
        }
        new DataDeclChecker(ctx).check((DataDecl) d);
      } else if (d instanceof InputDecl) {
        Ident table = ((InputDecl) d).table();
        if (table != null && !(ctx.globals.get(table.name()) instanceof DataDecl)) {
          ctx.hinted(ErrorKind.UNKNOWN_TABLE, table.span(),
              Suggestions.hint(table.name(), ctx.globals.namesOf(DeclKind.DATA)), table.name());
        }
      }
    }
  }

  private void constDecl(ConstDecl c, Scope globals) {
    if (values(c, c.value(), globals, "value")) {
      ConstValue v = ctx.constants.valueOf(c);
      if (v != null) {
        constValues.put(c, v);
      }
    }
  }

  private void param(ParamDecl p, Scope globals) {
    String name = "param '" + p.name().name() + "'";
    boolean ok = values(p, p.mean(), globals, "value");
    if (p.sd() != null) {
      ok &= values(p, p.sd(), globals, "sd");
    }
    if (p.lower() != null) {
      exprs.number(p.lower(), globals, null);
      exprs.number(p.upper(), globals, null);
    }
    if (!ok) {
      return;
    }
    double[] mean = evaluate(p.mean(), "The prior mean of " + name);
    double[] sd = p.sd() == null ? null : evaluate(p.sd(), "The prior sd of " + name);
    Double lower = p.lower() == null ? Double.valueOf(Double.NEGATIVE_INFINITY)
        : single(p.lower(), "The lower bound of " + name);
    Double upper = p.upper() == null ? Double.valueOf(Double.POSITIVE_INFINITY)
        : single(p.upper(), "The upper bound of " + name);
    if (mean == null || (p.sd() != null && sd == null) || lower == null || upper == null) {
      return;
    }
    boolean sane = true;
    if (sd != null) {
      for (double s : sd) {
        if (!(s > 0)) {
          prior(p.sd().span(), "The prior sd of " + name + " must be positive, but it is "
              + Unit.formatFactor(s) + ".");
          sane = false;
          break;
        }
      }
    }
    if (!(lower < upper)) {
      prior(p.lower().span().to(p.upper().span()), "The lower bound of " + name
          + " must be below its upper bound.");
      sane = false;
    } else {
      for (double m : mean) {
        if (m < lower || m > upper) {
          prior(p.mean().span(), "The value of " + name + " (" + Unit.formatFactor(m)
              + ") lies outside its bounds [" + Unit.formatFactor(lower) + ", "
              + Unit.formatFactor(upper) + "].");
          sane = false;
          break;
        }
      }
    }
    if (p.log()) {
      for (double m : mean) {
        if (!(m > 0)) {
          prior(p.mean().span(), "The value of " + name
              + " must be positive, since it is searched on a log scale ('log').");
          sane = false;
          break;
        }
      }
      if (lower <= 0 && p.lower() != null) {
        prior(p.lower().span(), "The lower bound of " + name
            + " must be positive, since it is searched on a log scale ('log').");
        sane = false;
      }
    }
    if (sane) {
      priors.put(p, new ParamPrior(mean, sd, lower, upper, p.log()));
    }
  }

  private void prior(org.phloem.compiler.source.Span at, String message) {
    ctx.error(ErrorKind.BAD_PRIOR, at, message);
  }

  private double[] evaluate(Initializer init, String what) {
    double[] out = new double[init.elements().size()];
    for (int i = 0; i < out.length; i++) {
      ConstEvaluator.Num n = ctx.constants.eval(init.elements().get(i), what);
      if (n == null) {
        return null;
      }
      out[i] = n.value();
    }
    return out;
  }

  private Double single(Expr e, String what) {
    ConstEvaluator.Num n = ctx.constants.eval(e, what);
    return n == null ? null : n.value();
  }

  /**
   * Checks the expressions of a declared value or list, its shape against the declaration's dims, and
   * the unit of each element against the declared unit.
   *
   * @return true when the shape is right
   */
  private boolean values(ArrayDecl d, Initializer init, Scope globals, String what) {
    UnitValue declared = ctx.unitOf(d);
    for (Expr e : init.elements()) {
      exprs.number(e, globals, null);
      UnitRules.requireSame(ctx, e.span(), "The " + what + " of '" + d.name().name()
          + "' is in '%2$s', but '" + d.name().name() + "' is in '%1$s'", declared, exprs.unit(e));
    }
    if (!init.list()) {
      return true;
    }
    String name = d.name().name();
    if (d.dims().isEmpty()) {
      ctx.error(ErrorKind.LIST_FOR_SCALAR, init.span(), name);
      return false;
    }
    if (d.dims().size() > 1) {
      ctx.error(ErrorKind.LIST_FOR_MULTI_DIM, init.span(), name, d.dims().size());
      return false;
    }
    List<DimDecl> dims = ctx.dims.get(d);
    if (dims == null) {
      return false;
    }
    DimDecl dim = dims.get(0);
    int size = ctx.constants.dimSize(dim);
    int n = init.elements().size();
    if (size < 0) {
      ctx.error(ErrorKind.LIST_FOR_DATA_DIM, init.span(), name, dim.name().name());
      return false;
    }
    if (size != n) {
      ctx.error(ErrorKind.ARRAY_LENGTH, init.span(), name, dim.name().name(), size, n,
          n == 1 ? " is" : "s are");
      return false;
    }
    return true;
  }
}

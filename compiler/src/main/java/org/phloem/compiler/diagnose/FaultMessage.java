package org.phloem.compiler.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.lower.Lowering;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.ModelLayout;

/**
 * Words the first non-finite store for a modeller: file and line, the variable and element (with dim
 * labels), the expression as written, the operand values, and the operation that produced the value
 * from finite operands when there is one (a log of a negative number, 0/0, an overflow).
 */
final class FaultMessage {
  private static final int MAX_OPERANDS = 8;

  private final IrProgram program;
  private final Map<String, DimInfo> dims;
  private final SourceLookup sources;
  private final String mainFile;
  private final String cost;

  FaultMessage(IrProgram program, List<DimInfo> dims, SourceLookup sources, String mainFile) {
    this.program = program;
    this.cost = program.function("forward").results().get(0);
    this.dims = new LinkedHashMap<>();
    dims.forEach(d -> this.dims.put(d.name(), d));
    this.sources = sources;
    this.mainFile = mainFile;
  }

  String describe(FirstNonFinite.Found f) {
    String target = modelName(f.assign().target().name());
    SourceLookup.Site site = sources.find(f.assign().line(), target);
    StringBuilder out = new StringBuilder();
    String file = site != null ? site.span().file().displayPath() : mainFile;
    out.append(file).append(", line ").append(f.assign().line()).append(": ")
        .append(what(f)).append(" became ").append(number(f.value())).append(where(f));
    String rhs = site != null && site.value() != null ? SourceLookup.text(site.value()) : null;
    String operands = operands(f);
    if (rhs != null || !operands.isEmpty()) {
      out.append(": ").append(rhs != null ? rhs : "").append(operands.isEmpty() ? "" : (rhs != null ? " with " : "with ") + operands);
    }
    out.append('\n');
    if (site != null) {
      int line = f.assign().line();
      out.append(String.format(Locale.ROOT, "  %5d | %s%n", line, site.span().file().line(line)));
    }
    String cause = cause(f.assign().value(), f.state());
    if (cause != null) {
      out.append("  ").append(cause).append('\n');
    }
    return out.toString();
  }

  // ------------------------------------------------------------------------------ the target

  private String what(FirstNonFinite.Found f) {
    Ref t = f.assign().target();
    if (t instanceof Ref.Local && t.name().equals(cost)) {
      return "the observation cost";
    }
    if (t instanceof Ref.Elem && f.element() >= 0) {
      return "'" + modelName(t.name()) + "[" + String.join(", ", indices(t.name(), f.element(), false)) + "]'";
    }
    return "'" + modelName(t.name()) + "'";
  }

  /** For an array element, the labels of its indices; for a local, the loops around it. */
  private String where(FirstNonFinite.Found f) {
    Ref t = f.assign().target();
    List<String> parts = new ArrayList<>();
    if (t instanceof Ref.Elem && f.element() >= 0) {
      for (String label : indices(t.name(), f.element(), true)) {
        if (label != null) {
          parts.add(label);
        }
      }
      return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }
    return LoopWords.at(f.loops(), dims);
  }

  /** The row-major indices of {@code flat} in array {@code name}: numbers, or labels ("day '2001-03-04'"). */
  private List<String> indices(String name, int flat, boolean labels) {
    ModelLayout.ArraySlot slot = program.array(name);
    List<String> dimNames = slot == null ? List.of() : slot.dims();
    int[] at = new int[dimNames.size()];
    int rest = flat;
    for (int k = dimNames.size() - 1; k >= 0; k--) {
      DimInfo d = dims.get(dimNames.get(k));
      int size = d == null || d.size() == 0 ? 1 : d.size();
      at[k] = rest % size;
      rest /= size;
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < at.length; k++) {
      out.add(labels ? LoopWords.label(dims, dimNames.get(k), at[k]) : Integer.toString(at[k]));
    }
    if (!labels && at.length == 0) {
      out.add(Integer.toString(flat));
    }
    return out;
  }

  // ------------------------------------------------------------------------------ the operands

  /** The operands that are not finite; when all are finite, all of them (up to a few). */
  private String operands(FirstNonFinite.Found f) {
    Map<String, String> all = new LinkedHashMap<>();
    Map<String, String> bad = new LinkedHashMap<>();
    for (Ref r : reads(f.assign().value(), new ArrayList<>())) {
      String name = display(r, f.state());
      double v = f.state().valueOf(new Expr.Get(r));
      String text = name + " = " + number(v) + (Double.isNaN(v) && isInput(r) ? " (missing in the data)" : "");
      all.putIfAbsent(name, text);
      if (!Double.isFinite(v)) {
        bad.putIfAbsent(name, text);
      }
    }
    List<String> shown = new ArrayList<>((bad.isEmpty() ? all : bad).values());
    if (shown.size() > MAX_OPERANDS) {
      shown = shown.subList(0, MAX_OPERANDS);
      shown.add("...");
    }
    return String.join(", ", shown);
  }

  private static List<Ref> reads(Expr e, List<Ref> out) {
    if (e instanceof Expr.Get) {
      out.add(((Expr.Get) e).ref());
    } else if (e instanceof Expr.Call) {
      ((Expr.Call) e).args().forEach(a -> reads(a, out));
    } else if (e instanceof Expr.Select) {
      reads(((Expr.Select) e).ifTrue(), out);
      reads(((Expr.Select) e).ifFalse(), out);
    }
    return out;
  }

  private String display(Ref r, IrInterpreter state) {
    if (r instanceof Ref.Elem) {
      if (r.name().equals(Lowering.PARAMS)) {
        int slot = state.valueOf(((Ref.Elem) r).index());
        return "parameter slot " + slot;
      }
      int flat = state.valueOf(((Ref.Elem) r).index());
      return modelName(r.name()) + "[" + String.join(", ", indices(r.name(), flat, false)) + "]";
    }
    return modelName(r.name());
  }

  private boolean isInput(Ref r) {
    ModelLayout.ArraySlot slot = program.array(r.name());
    return slot != null && slot.fill() == ModelLayout.Fill.INPUT;
  }

  // ------------------------------------------------------------------------------ the cause

  /** The innermost operation that made a non-finite value out of finite operands, in words; or null. */
  private static String cause(Expr value, IrInterpreter state) {
    Expr.Call c = culprit(value, state);
    if (c == null) {
      return null;
    }
    List<Double> args = new ArrayList<>();
    c.args().forEach(a -> args.add(state.valueOf(a)));
    double result = state.valueOf(c);
    Prim p = c.prim();
    String call;
    if (p.infix()) {
      call = number(args.get(0)) + " " + p.symbol() + " " + number(args.get(1));
    } else if (p == Prim.NEG) {
      call = "-" + number(args.get(0));
    } else {
      List<String> as = new ArrayList<>();
      args.forEach(a -> as.add(number(a)));
      call = p.symbol() + "(" + String.join(", ", as) + ")";
    }
    return "where " + call + " = " + number(result) + why(p, args, result) + ".";
  }

  private static Expr.Call culprit(Expr e, IrInterpreter state) {
    if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      double v = state.valueOf(s);
      Expr taken = Double.compare(v, state.valueOf(s.ifTrue())) == 0 ? s.ifTrue() : s.ifFalse();
      return culprit(taken, state);
    }
    if (!(e instanceof Expr.Call)) {
      return null;
    }
    Expr.Call c = (Expr.Call) e;
    boolean finiteArgs = true;
    for (Expr a : c.args()) {
      Expr.Call inner = culprit(a, state);
      if (inner != null) {
        return inner;
      }
      finiteArgs &= Double.isFinite(state.valueOf(a));
    }
    return finiteArgs && !Double.isFinite(state.valueOf(c)) ? c : null;
  }

  private static String why(Prim p, List<Double> args, double result) {
    if (p == Prim.DIV && args.get(1) == 0) {
      return " (division by zero)";
    }
    if (Double.isNaN(result)) {
      switch (p) {
        case LOG: case LOG10: case SQRT: case ASIN: case ACOS: case POW:
          return " (outside the domain of " + p.symbol() + ")";
        default:
          return "";
      }
    }
    return " (overflow: beyond the largest double, about 1.8e308)";
  }

  // ------------------------------------------------------------------------------ names and numbers

  /** The model's name for an IR name: fresh-name suffixes ({@code x$2}) dropped. */
  static String modelName(String ir) {
    return ir.replaceAll("\\$\\d+$", "");
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e").replaceAll("\\.$", "");
  }
}

package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.compiler.optimize.AvailableValues;
import org.phloem.compiler.optimize.Rewrite;

/**
 * One evaluation per value in the reverse code of one assignment. The linearizer hoists every operand a
 * rule refers to into a temporary of its own, and a rule asking for {@code sin(u)} computes it even when
 * the primal already has it in another temporary: NIST ENSO's {@code b5 cos(2πx/b4) + b6 sin(2πx/b4)}
 * got four temporaries for {@code 2πx} and two for each quotient, and its reverse block evaluated ten
 * sines and cosines where six distinct values exist (Kirby2: {@code pow(x, 2)} twice). Here a
 * temporary whose value (with the temporaries dropped before read as what replaced them) equals an
 * earlier temporary's value is dropped and read as that temporary, and a subexpression of a later
 * statement equal to a temporary's value reads the temporary. The JIT merges repeated arithmetic
 * itself, but calls of the sin, cos, exp, ... stubs it evaluates each time.
 *
 * <p>Values stay bit for bit: a dropped expression is the same operations on the same operands as the
 * one kept, and the operands are not written in between (a written name retires every value that reads
 * it). Only temporaries of this block assigned once in it are dropped or kept as holders, and only
 * values that are calls (never a plain read: the read variable may be written later in the block).
 */
final class CommonTemporaries {
  private final Set<String> temps;
  private final Map<String, Expr> alias = new HashMap<>();
  // a temporary's value with the temporaries it reads written out: equal values have equal expansions,
  // however the temporaries split them up
  private final Map<String, Expr> expansion = new HashMap<>();
  private final AvailableValues<Expr> available = new AvailableValues<>();
  private final Set<String> holders = new HashSet<>();

  /** @param temps the linearizer's temporaries of one reverse block */
  CommonTemporaries(Set<String> temps) {
    this.temps = temps;
  }

  /**
   * The next statements of the block (straight-line assignments) with repeated values computed once;
   * {@code code} unchanged when it has other statements.
   */
  List<Stmt> block(List<Stmt> code) {
    for (Stmt s : code) {
      if (!(s instanceof Stmt.Assign)) {
        return code;
      }
    }
    List<Stmt> out = new ArrayList<>(code.size());
    for (Stmt s : code) {
      Stmt.Assign a = (Stmt.Assign) s;
      Expr v = rewrite(a.value());
      String target = a.target().name();
      boolean temp = a.target() instanceof Ref.Local && temps.contains(target) && assignments(code, target) == 1;
      if (temp) {
        expansion.put(target, expand(a.value()));
      }
      if (temp && v instanceof Expr.Get && holders.contains(((Expr.Get) v).ref().name())) {
        alias.put(target, v); // the same value as an earlier temporary: read that one
        continue;
      }
      out.add(v.equals(a.value()) ? a : new Stmt.Assign(a.target(), v, a.line()));
      available.invalidate(Set.of(target));
      Expr key = temp ? expansion.get(target) : null;
      if (key instanceof Expr.Call && v instanceof Expr.Call && !Reads.all(key).contains(target)) {
        available.put(key, new Expr.Get(a.target()), target);
        holders.add(target);
        if (((Expr.Call) key).prim() == Prim.NEG && ((Expr.Call) key).args().get(0) instanceof Expr.Call) {
          // cos's partial is -sin(u): sin(u) is minus it, exactly (a sign flip)
          available.putIfAbsent(((Expr.Call) key).args().get(0), Expr.neg(new Expr.Get(a.target())), target);
        }
      }
    }
    return out;
  }

  /** {@code e}, evaluated after the statements given so far, reading the temporaries that hold its parts. */
  Expr rewrite(Expr e) {
    return Rewrite.expr(e, x -> {
      if (x instanceof Expr.Get && ((Expr.Get) x).ref() instanceof Ref.Local && alias.containsKey(((Expr.Get) x).ref().name())) {
        return alias.get(((Expr.Get) x).ref().name());
      }
      Expr plain = withoutDoubleNegation(x);
      Expr held = plain instanceof Expr.Call ? available.get(expand(plain)) : null;
      return held != null ? held : plain;
    });
  }

  /** {@code --x} is {@code x}, exactly. */
  private static Expr withoutDoubleNegation(Expr e) {
    if (e instanceof Expr.Call && ((Expr.Call) e).prim() == Prim.NEG) {
      Expr a = ((Expr.Call) e).args().get(0);
      if (a instanceof Expr.Call && ((Expr.Call) a).prim() == Prim.NEG) {
        return ((Expr.Call) a).args().get(0);
      }
    }
    return e;
  }

  /** {@code e} with the temporaries seen so far written out. */
  private Expr expand(Expr e) {
    return Rewrite.expr(e, x -> {
      if (x instanceof Expr.Get && ((Expr.Get) x).ref() instanceof Ref.Local && expansion.containsKey(((Expr.Get) x).ref().name())) {
        return expansion.get(((Expr.Get) x).ref().name());
      }
      return withoutDoubleNegation(x);
    });
  }

  private static int assignments(List<Stmt> code, String name) {
    int n = 0;
    for (Stmt s : code) {
      if (((Stmt.Assign) s).target().name().equals(name)) {
        n++;
      }
    }
    return n;
  }
}

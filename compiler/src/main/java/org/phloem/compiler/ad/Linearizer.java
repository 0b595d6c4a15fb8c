package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Ref;

/**
 * Linearizes one right-hand side: writes it as a list of temporaries, a primal expression using them,
 * and the partial derivative of the whole expression with respect to each active variable read
 * ({@code e ≈ Σ cₖ · leafₖ}). The tangent emits {@code ẏ = Σ cₖ · leafₖ̇}; the adjoint emits {@code
 * leafₖ̄ += cₖ · ȳ}. Both get their partials from one {@link DerivativeRules} table.
 *
 * <p>Work is shared: an operand a partial refers to is computed once into a temporary when it is not a
 * plain read; a primitive's value is put in a temporary when its rule reuses it (exp, sqrt, ...), and
 * the primal then reads that temporary; a partial that scales several leaves is computed once. Inactive
 * subexpressions are left untouched. The primal evaluates the same floating-point operations in the
 * same order as the original, so its value is identical bit for bit.
 */
final class Linearizer {

  /** {@code name = value}, computed before the derivative code. */
  record Temp(String name, Expr value) {}

  /** The partial derivative {@code coefficient} of the expression with respect to {@code leaf}. */
  record Term(Ref leaf, Expr coefficient) {}

  /**
   * A linearized expression.
   *
   * @param temps temporaries in evaluation order
   * @param primal the expression's value, reading the temporaries
   * @param terms one per active variable read (equal references merged), no zero coefficients
   */
  record Linear(List<Temp> temps, Expr primal, List<Term> terms) {

    /** The temporaries {@code exprs} need, directly or through other temporaries, in order. */
    List<Temp> tempsNeededBy(Collection<Expr> exprs) {
      Set<String> needed = new HashSet<>();
      for (Expr e : exprs) {
        needed.addAll(Reads.all(e));
      }
      List<Temp> out = new ArrayList<>();
      for (int k = temps.size() - 1; k >= 0; k--) {
        Temp t = temps.get(k);
        if (needed.contains(t.name())) {
          out.add(0, t);
          needed.addAll(Reads.all(t.value()));
        }
      }
      return out;
    }

    /** The coefficients of all terms. */
    List<Expr> coefficients() {
      List<Expr> out = new ArrayList<>();
      for (Term t : terms) {
        out.add(t.coefficient());
      }
      return out;
    }
  }

  private final DerivativeRules rules;
  private final Names names;

  Linearizer(DerivativeRules rules, Names names) {
    this.rules = rules;
    this.names = names;
  }

  /**
   * Linearizes {@code e}.
   *
   * @param active which variable reads carry a derivative
   */
  Linear linearize(Expr e, Predicate<Ref> active) {
    return linearize(e, active, null);
  }

  /**
   * Linearizes {@code e}, where a rule asking for the whole expression's value gets {@code value}
   * (an expression already holding it, such as the assignment's target after the store) instead of a
   * recomputation. Null: none available.
   */
  Linear linearize(Expr e, Predicate<Ref> active, Expr value) {
    List<Temp> temps = new ArrayList<>();
    Node n = new Walk(active, temps, value).node(e);
    Map<Ref, Expr> merged = new LinkedHashMap<>();
    for (Term t : n.terms) {
      merged.merge(t.leaf(), t.coefficient(), Simplify::plus);
    }
    List<Term> terms = new ArrayList<>();
    merged.forEach((leaf, c) -> {
      if (!Simplify.isZero(c)) {
        terms.add(new Term(leaf, c));
      }
    });
    return new Linear(List.copyOf(temps), n.primal, List.copyOf(terms));
  }

  private static final class Node {
    final Expr primal;
    final List<Term> terms;

    Node(Expr primal, List<Term> terms) {
      this.primal = primal;
      this.terms = terms;
    }
  }

  private final class Walk {
    private final Predicate<Ref> active;
    private final List<Temp> temps;
    private final Expr rootValue;
    private boolean atRoot = true;

    Walk(Predicate<Ref> active, List<Temp> temps, Expr rootValue) {
      this.active = active;
      this.temps = temps;
      this.rootValue = rootValue;
    }

    Expr hoist(Expr value) {
      String name = names.fresh("t");
      temps.add(new Temp(name, value));
      return Expr.local(name);
    }

    Node node(Expr e) {
      if (e instanceof Expr.Get) {
        Ref r = ((Expr.Get) e).ref();
        return new Node(e, active.test(r) ? List.of(new Term(r, Expr.num(1))) : List.of());
      }
      if (e instanceof Expr.Select) {
        if (activeRead(e)) {
          throw new IllegalStateException("internal error: an active select must be turned into an if before linearizing: " + e);
        }
        return new Node(e, List.of());
      }
      if (!(e instanceof Expr.Call)) {
        return new Node(e, List.of()); // literals, integers: no derivative
      }
      Expr.Call c = (Expr.Call) e;
      boolean root = atRoot;
      atRoot = false;
      int n = c.args().size();
      Node[] kids = new Node[n];
      boolean anyActive = false;
      for (int i = 0; i < n; i++) {
        kids[i] = node(c.args().get(i));
        anyActive |= !kids[i].terms.isEmpty();
      }
      Expr[] primals = new Expr[n];
      for (int i = 0; i < n; i++) {
        primals[i] = kids[i].primal;
      }
      if (!anyActive) {
        return new Node(new Expr.Call(c.prim(), List.of(primals)), List.of());
      }
      Ops ops = new Ops(c, primals, root ? rootValue : null);
      List<Term> terms = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (kids[i].terms.isEmpty()) {
          continue;
        }
        Expr d = rules.partial(c.prim(), i, ops);
        if (Simplify.isZero(d)) {
          continue;
        }
        if (kids[i].terms.size() > 1 && !Simplify.trivial(d)) {
          d = hoist(d);
        }
        for (Term t : kids[i].terms) {
          terms.add(new Term(t.leaf(), Simplify.times(t.coefficient(), d)));
        }
      }
      return new Node(ops.primal(), terms);
    }

    private boolean activeRead(Expr e) {
      boolean[] found = {false};
      collectRefs(e, r -> found[0] |= active.test(r));
      return found[0];
    }

    private void collectRefs(Expr e, java.util.function.Consumer<Ref> sink) {
      if (e instanceof Expr.Get) {
        sink.accept(((Expr.Get) e).ref());
      } else if (e instanceof Expr.Call) {
        ((Expr.Call) e).args().forEach(a -> collectRefs(a, sink));
      } else if (e instanceof Expr.Select) {
        collectRefs(((Expr.Select) e).ifTrue(), sink);
        collectRefs(((Expr.Select) e).ifFalse(), sink);
      }
    }

    /** The operands of one primitive, hoisted into temporaries only when a partial refers to them. */
    private final class Ops implements DerivativeRules.Operands {
      private final Expr.Call call;
      private final Expr[] primals;
      private final Expr known;
      private Expr result;

      Ops(Expr.Call call, Expr[] primals, Expr known) {
        this.call = call;
        this.primals = primals;
        this.known = known;
      }

      @Override
      public Expr arg(int i) {
        if (!Simplify.trivial(primals[i])) {
          primals[i] = hoist(primals[i]);
        }
        return primals[i];
      }

      @Override
      public Expr result() {
        if (known != null) {
          return known;
        }
        if (result == null) {
          for (int i = 0; i < primals.length; i++) {
            arg(i);
          }
          result = hoist(new Expr.Call(call.prim(), List.of(primals)));
        }
        return result;
      }

      Expr primal() {
        return result != null ? result : new Expr.Call(call.prim(), List.of(primals));
      }
    }
  }
}

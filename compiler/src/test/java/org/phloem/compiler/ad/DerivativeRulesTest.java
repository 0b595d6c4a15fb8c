package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;

/** Every derivative rule against central finite differences of {@link Prim#apply} on its domain. */
class DerivativeRulesTest {

  /** A primitive, the box its operands are drawn from, and the relative tolerance. */
  record Row(Prim prim, double aLo, double aHi, double bLo, double bHi, double tolerance) {
    @Override
    public String toString() {
      return prim + " on [" + aLo + ", " + aHi + "]" + (prim.arity() == 2 ? " x [" + bLo + ", " + bHi + "]" : "");
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(Prim.ADD, -5, 5, -5, 5, 1e-9),
        new Row(Prim.SUB, -5, 5, -5, 5, 1e-9),
        new Row(Prim.MUL, -5, 5, -5, 5, 1e-9),
        new Row(Prim.DIV, -5, 5, 0.5, 5, 1e-9),
        new Row(Prim.NEG, -5, 5, 0, 0, 1e-9),
        new Row(Prim.POW, 0.1, 4, -3, 3, 1e-8),
        new Row(Prim.EXP, -5, 5, 0, 0, 1e-9),
        new Row(Prim.LOG, 0.05, 20, 0, 0, 1e-8),
        new Row(Prim.LOG10, 0.05, 20, 0, 0, 1e-8),
        new Row(Prim.SQRT, 0.05, 20, 0, 0, 1e-8),
        new Row(Prim.ABS, -5, 5, 0, 0, 1e-9),
        new Row(Prim.MIN, -5, 5, -5, 5, 1e-9),
        new Row(Prim.MAX, -5, 5, -5, 5, 1e-9),
        new Row(Prim.TANH, -4, 4, 0, 0, 1e-8),
        new Row(Prim.SINH, -4, 4, 0, 0, 1e-9),
        new Row(Prim.COSH, -4, 4, 0, 0, 1e-9),
        new Row(Prim.SIN, -6, 6, 0, 0, 1e-8),
        new Row(Prim.COS, -6, 6, 0, 0, 1e-8),
        new Row(Prim.TAN, -1.4, 1.4, 0, 0, 1e-8),
        new Row(Prim.ASIN, -0.95, 0.95, 0, 0, 1e-8),
        new Row(Prim.ACOS, -0.95, 0.95, 0, 0, 1e-8),
        new Row(Prim.ATAN, -5, 5, 0, 0, 1e-9));
  }

  @Test
  void rows_coverEveryPrimitive() {
    Set<Prim> covered = EnumSet.noneOf(Prim.class);
    rows().forEach(r -> covered.add(r.prim()));
    assertEquals(EnumSet.allOf(Prim.class), covered);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void rule_matchesCentralDifferences(Row row) {
    Random random = new Random(row.prim().ordinal() * 7919L + 1);
    int checked = 0;
    while (checked < 50) {
      double a = row.aLo() + random.nextDouble() * (row.aHi() - row.aLo());
      double b = row.bLo() + random.nextDouble() * (row.bHi() - row.bLo());
      if (nearKink(row.prim(), a, b)) {
        continue;
      }
      for (int i = 0; i < row.prim().arity(); i++) {
        double rule = partial(DerivativeRules.standard(), row.prim(), i, a, b);
        double fd = centralDifference(row.prim(), i, a, b);
        double err = Math.abs(rule - fd) / Math.max(Math.abs(fd), 1e-6);
        assertTrue(err <= row.tolerance(), row.prim() + " d/d" + (i == 0 ? "a" : "b") + " at a=" + a + ", b=" + b
            + ": rule " + rule + ", finite differences " + fd);
      }
      checked++;
    }
  }

  private static boolean nearKink(Prim p, double a, double b) {
    switch (p) {
      case ABS: return Math.abs(a) < 1e-3;
      case MIN: case MAX: return Math.abs(a - b) < 1e-3;
      default: return false;
    }
  }

  @Test
  void kinks_takeTheDerivativeOfTheBranchTaken() {
    DerivativeRules r = DerivativeRules.standard();
    assertEquals(1.0, partial(r, Prim.MIN, 0, 2, 2), "min(a, b) is a at a tie");
    assertEquals(0.0, partial(r, Prim.MIN, 1, 2, 2));
    assertEquals(1.0, partial(r, Prim.MAX, 0, 2, 2), "max(a, b) is a at a tie");
    assertEquals(0.0, partial(r, Prim.MAX, 1, 2, 2));
    assertEquals(1.0, partial(r, Prim.ABS, 0, 0.0, 0), "abs has slope +1 at 0");
    assertEquals(-1.0, partial(r, Prim.ABS, 0, -1e-300, 0));
    assertEquals(0.0, partial(r, Prim.MIN, 0, 3, 1));
    assertEquals(1.0, partial(r, Prim.MAX, 0, 3, 1));
  }

  @Test
  void table_isTotal_everyPrimitiveHasARuleForEveryOperand() {
    for (Prim p : Prim.values()) {
      for (int i = 0; i < p.arity(); i++) {
        assertNotNull(partialExpr(DerivativeRules.standard(), p, i), p + " operand " + i);
      }
    }
  }

  @Test
  void table_withAMissingRule_failsLoudly() {
    Map<Prim, DerivativeRules.Rule> rules = new EnumMap<>(Prim.class);
    for (Prim p : Prim.values()) {
      if (p != Prim.ATAN) {
        rules.put(p, DerivativeRules.zero());
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DerivativeRules(rules));
    assertTrue(e.getMessage().contains("ATAN"), e.getMessage());
  }

  /** The fourth-order central difference of {@code p} in operand {@code i}. */
  private static double centralDifference(Prim p, int i, double a, double b) {
    double x = i == 0 ? a : b;
    double h = 1e-3 * Math.max(Math.abs(x), 1e-2);
    double[] f = new double[4];
    double[] steps = {h, -h, 2 * h, -2 * h};
    for (int k = 0; k < 4; k++) {
      f[k] = i == 0 ? p.apply(a + steps[k], b) : p.apply(a, b + steps[k]);
    }
    return (8 * (f[0] - f[1]) - (f[2] - f[3])) / (12 * h);
  }

  private static Expr partialExpr(DerivativeRules rules, Prim p, int i) {
    return rules.partial(p, i, new DerivativeRules.Operands() {
      @Override
      public Expr arg(int k) {
        return Expr.local(k == 0 ? "a" : "b");
      }

      @Override
      public Expr result() {
        return Expr.local("y");
      }
    });
  }

  /** Evaluates the rule's expression on the interpreter, with y = prim(a, b) available as the result. */
  static double partial(DerivativeRules rules, Prim p, int i, double a, double b) {
    Map<String, ScalarType> locals = new LinkedHashMap<>();
    for (String n : List.of("a", "b", "y", "d")) {
      locals.put(n, ScalarType.REAL);
    }
    List<Expr> args = p.arity() == 1 ? List.of(Expr.local("a")) : List.of(Expr.local("a"), Expr.local("b"));
    IrFunction f = new IrFunction("rule", List.of(), List.of("d"), locals, List.of(
        new Stmt.Assign(new Ref.Local("a"), Expr.num(a), 0),
        new Stmt.Assign(new Ref.Local("b"), Expr.num(b), 0),
        new Stmt.Assign(new Ref.Local("y"), new Expr.Call(p, args), 0),
        new Stmt.Assign(new Ref.Local("d"), partialExpr(rules, p, i), 0)));
    return new IrInterpreter(new HashMap<>(), Map.of()).run(f)[0];
  }
}

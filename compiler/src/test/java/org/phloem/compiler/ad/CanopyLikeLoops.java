package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phloem.compiler.ad.Ir.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Supplier;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.phloem.compiler.analysis.Recomputable;
import org.phloem.compiler.codegen.ClassEmitter;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * The canopy's loop shape for the property tests of recomputation and hoisting: a tile loop (3 tiles)
 * setting per-tile values, around a layer loop (3 layers) whose body the test generates, summed into a
 * work array and a cost through sin; parameters p[0..2] read as x0..x2.
 */
final class CanopyLikeLoops {
  static final int TILES = 3;
  static final int LAYERS = 3;

  private CanopyLikeLoops() {}

  /** The forward's statements: {@code inner} is the layer loop's body; it adds into {@code sum}, may read {@code area} and {@code temp}. */
  static List<Stmt> body(String tile, String layer, String area, String temp, String sum, List<Stmt> inner) {
    return List.of(
        set("J", n(0)),
        set("x0", at("p", 0)),
        set("x1", at("p", 1)),
        set("x2", at("p", 2)),
        loop(tile, c(0), c(TILES),
            set(area, mul(at("in", i(tile)), f(Prim.EXP, mul(n(0.3), v("x0"))))),
            set(temp, add(at("in", i(tile)), v("x1"))),
            set(sum, n(0)),
            new Stmt.For(layer, c(0), c(LAYERS), false, inner, 0),
            store("G", i(tile), mul(v(sum), v(temp)))),
        loop("e0", c(0), c(TILES), set("J", add(v("J"), f(Prim.SIN, at("G", i("e0")))))),
        set("J", add(v("J"), mul(v("x2"), v("x2")))));
  }

  /** A model named {@code name} whose forward is {@code body}. */
  static Model model(String name, List<Stmt> body) {
    return new Model.Builder(name).dim("tile", TILES)
        .input("in", new double[] {0.3, -0.8, 1.1}, "tile")
        .work("G", "tile")
        .param("p", 3, -1, 1)
        .build(function("forward", List.of("p"), "J", body.toArray(new Stmt[0])));
  }

  /** Runs {@code work} with Recomputable's many-iterations threshold set to {@code threshold}, restoring it after. */
  static <T> T withManyIterations(String threshold, Supplier<T> work) {
    return withProperty(Recomputable.MANY_ITERATIONS_PROPERTY, threshold, work);
  }

  /** Runs {@code work} with system property {@code key} set to {@code value}, restoring it after. */
  static <T> T withProperty(String key, String value, Supplier<T> work) {
    String before = System.setProperty(key, value);
    try {
      return work.get();
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  /** The model's forward and gradient, printed (a failing property's message). */
  static String forwardAndGradient(Model m) {
    return IrPrinter.print(m.program().function("forward")) + "\ngradient:\n" + IrPrinter.print(m.program().function("gradient"));
  }

  /** The model's generated class passes ASM's CheckClassAdapter. */
  static void assertClassVerifies(Model m) {
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(ClassEmitter.emit(m.program())), CanopyLikeLoops.class.getClassLoader(), false,
        new PrintWriter(problems));
    assertEquals("", problems.toString(), forwardAndGradient(m));
  }

  /** The first descending loop over {@code index} in {@code code} (a reverse sweep's loop), or null. */
  static Stmt.For findDescending(List<Stmt> code, String index) {
    for (Stmt s : code) {
      if (s instanceof Stmt.For) {
        Stmt.For f = (Stmt.For) s;
        if (f.index().equals(index) && f.descending()) {
          return f;
        }
        Stmt.For inner = findDescending(f.body(), index);
        if (inner != null) {
          return inner;
        }
      } else if (s instanceof Stmt.If) {
        Stmt.For inner = findDescending(((Stmt.If) s).then(), index);
        if (inner == null) {
          inner = findDescending(((Stmt.If) s).otherwise(), index);
        }
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }
  /** How many calls of {@code prims} {@code code} makes, nested statements included (not the branches of a select). */
  static int calls(List<Stmt> code, java.util.Set<Prim> prims) {
    int n = 0;
    for (Stmt s : code) {
      if (s instanceof Stmt.Assign) {
        n += calls(((Stmt.Assign) s).value(), prims);
      } else if (s instanceof Stmt.If) {
        n += calls(((Stmt.If) s).then(), prims) + calls(((Stmt.If) s).otherwise(), prims);
      } else if (s instanceof Stmt.For) {
        n += calls(((Stmt.For) s).body(), prims);
      }
    }
    return n;
  }

  /** How many calls of {@code prims} {@code e} makes (not in the branches of a select). */
  static int calls(org.phloem.compiler.ir.Expr e, java.util.Set<Prim> prims) {
    if (!(e instanceof org.phloem.compiler.ir.Expr.Call)) {
      return 0;
    }
    org.phloem.compiler.ir.Expr.Call c = (org.phloem.compiler.ir.Expr.Call) e;
    int n = prims.contains(c.prim()) ? 1 : 0;
    for (org.phloem.compiler.ir.Expr a : c.args()) {
      n += calls(a, prims);
    }
    return n;
  }
}

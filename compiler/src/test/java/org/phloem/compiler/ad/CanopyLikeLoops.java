package org.phloem.compiler.ad;

import static org.phloem.compiler.ad.Ir.*;

import java.util.List;
import java.util.function.Supplier;
import org.phloem.compiler.analysis.Recomputable;
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
    String before = System.setProperty(Recomputable.MANY_ITERATIONS_PROPERTY, threshold);
    try {
      return work.get();
    } finally {
      if (before == null) {
        System.clearProperty(Recomputable.MANY_ITERATIONS_PROPERTY);
      } else {
        System.setProperty(Recomputable.MANY_ITERATIONS_PROPERTY, before);
      }
    }
  }
}

package org.phloem.compiler.ad;

import static org.phloem.compiler.ad.Ir.*;
import static org.phloem.compiler.ir.Cond.CmpOp.*;
import static org.phloem.compiler.ir.Prim.*;

import java.util.List;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.OutputInfo;

/** The hand-built programs the AD transforms are tested on (the shapes the lowering produces). */
final class TestModels {
  private TestModels() {}

  static List<Model> all() {
    return List.of(straightLine(), dalec(), nested(), branchy(), observed());
  }

  /**
   * Straight-line code: scalar and array assignment and overwrite (also of the variable read), an
   * integer local used in index arithmetic and incremented in a loop whose bound is an integer local,
   * and every primitive.
   */
  static Model straightLine() {
    List<String> p = List.of("p");
    return new Model.Builder("straight")
        .dim("two", 2).dim("four", 4)
        .work("arr", "two").work("buf", "four").work("out", "four")
        .output("out", OutputInfo.Role.OUTPUT)
        .param("x0", 1, 0.3, 0.9).param("y0", 1, 0.2, 0.8).param("z0", 1, 0.5, 1.5)
        .build(function("forward", p, "J",
            set("J", n(0)),
            set("x", at("p", 0)), set("y", at("p", 1)), set("z", at("p", 2)),
            set("x", mul(x(), v("y"))),                                    // overwrite, self-read
            set("y", add(f(EXP, x()), mul(v("y"), v("z")))),
            set("x", div(x(), v("y"))),
            store("arr", 0, x()),
            store("arr", 1, mul(at("arr", 0), at("arr", 0))),
            store("arr", 0, add(f(SIN, at("arr", 1)), v("z"))),            // array overwrite
            store("arr", 1, mul(at("arr", 1), at("arr", 0))),
            store("buf", 0, v("z")),
            seti("k", c(0)), seti("m", c(3)),
            loop("j", c(0), i("m"),                                        // bound is an int local
                seti("k", iadd(i("k"), c(1))),
                store("buf", i("k"), add(mul(at("buf", isub(i("k"), c(1))), x()), f(COS, v("y"))))),
            set("w", f(SQRT, add(mul(v("y"), v("y")), n(1)))),
            set("u", add(f(LOG10, add(f(TANH, v("w")), n(2))), f(SINH, mul(n(0.5), x())))),
            set("u", add(v("u"), sub(f(COSH, v("z")), f(TAN, mul(n(0.3), x()))))),
            set("u", add(v("u"), mul(f(ASIN, mul(n(0.5), x())), f(ACOS, mul(n(0.4), v("z")))))),
            set("u", add(v("u"), f(NEG, f(ATAN, f(POW, v("z"), v("y")))))),
            set("u", add(v("u"), f(LOG, add(f(ABS, sub(x(), v("z"))), n(1))))),
            set("u", add(v("u"), f(MAX, x(), mul(n(0.5), v("z"))))),
            set("u", add(v("u"), f(MIN, x(), v("y")))),
            loop("j", c(0), size("four"), store("out", i("j"), mul(at("buf", i("j")), v("u")))),
            set("J", add(add(at("arr", 0), mul(at("arr", 1), x())), mul(v("u"), at("buf", 3))))));
  }

  private static org.phloem.compiler.ir.Expr x() {
    return v("x");
  }

  /**
   * A DALEC-like carbon model: three pools (foliage, roots, wood) updated over 200 time steps,
   * temperature-dependent turnover, net ecosystem exchange as an output, and observations of it with
   * gaps (NaN) skipped in the cost.
   */
  static Model dalec() {
    return dalec(200);
  }

  /** {@link #dalec()} over {@code steps} time steps. */
  static Model dalec(int steps) {
    double[] temp = new double[steps];
    double[] light = new double[steps];
    double[] obs = new double[steps];
    double[] sd = new double[steps];
    for (int t = 0; t < steps; t++) {
      temp[t] = 12 + 10 * Math.sin(2 * Math.PI * t / 73.0);
      light[t] = 0.6 + 0.4 * Math.cos(2 * Math.PI * t / 37.0);
      obs[t] = t % 3 == 1 ? Double.NaN : -2 + 0.5 * Math.sin(t * 0.7);
      sd[t] = 0.5 + 0.1 * (t % 5);
    }
    IExpr t = i("t");
    Stmt observe = when(notNaN(at("obs", t)),
        List.of(set("r", div(sub(at("nee", t), at("obs", t)), at("sd", t))),
            set("J", add(v("J"), mul(mul(n(0.5), v("r")), v("r")))),
            store("model", t, at("nee", t))),
        List.of(store("model", t, n(Double.NaN))));
    return new Model.Builder("dalec")
        .dim("time", steps)
        .input("temp", temp, "time").input("light", light, "time").input("obs", obs, "time").input("sd", sd, "time")
        .work("nee", "time").work("model", "time")
        .output("nee", OutputInfo.Role.OUTPUT).output("model", OutputInfo.Role.OBSERVATION_MODEL)
        .param("af", 1, 0.2, 0.4).param("ar", 1, 0.1, 0.3).param("kf", 1, 0.01, 0.05).param("kr", 1, 0.01, 0.05)
        .param("kw", 1, 0.001, 0.01).param("q10", 1, 1.5, 2.5)
        .param("cf0", 1, 50, 150).param("cr0", 1, 50, 150).param("cw0", 1, 500, 1500)
        .build(function("forward", List.of("p"), "J",
            set("J", n(0)),
            set("af", at("p", 0)), set("ar", at("p", 1)), set("kf", at("p", 2)), set("kr", at("p", 3)),
            set("kw", at("p", 4)), set("q10", at("p", 5)),
            set("cf", at("p", 6)), set("cr", at("p", 7)), set("cw", at("p", 8)),
            loop("t", c(0), size("time"),
                set("gpp", mul(div(mul(n(10), v("cf")), add(v("cf"), n(100))), at("light", t))),
                set("ra", mul(n(0.4), v("gpp"))),
                set("npp", sub(v("gpp"), v("ra"))),
                set("rate", f(POW, v("q10"), div(sub(at("temp", t), n(10)), n(10)))),
                set("lf", mul(mul(v("kf"), v("rate")), v("cf"))),
                set("lr", mul(mul(v("kr"), v("rate")), v("cr"))),
                set("cf", sub(add(v("cf"), mul(v("af"), v("npp"))), v("lf"))),
                set("cr", sub(add(v("cr"), mul(v("ar"), v("npp"))), v("lr"))),
                set("cw", sub(add(v("cw"), mul(sub(sub(n(1), v("af")), v("ar")), v("npp"))), mul(v("kw"), v("cw")))),
                store("nee", t, sub(add(add(v("ra"), v("lf")), mul(n(0.01), v("lr"))), v("gpp"))),
                observe)));
  }

  /**
   * Nested loops over a [site, time] state array with an array parameter, x[t-1] index arithmetic, a
   * triangular loop (bound reads the enclosing index), and a work array overwritten (and read
   * nonlinearly) on every pass of an outer loop.
   */
  static Model nested() {
    int sites = 3;
    int steps = 25;
    double[] forcing = new double[sites * steps];
    double[] obs = new double[sites * steps];
    for (int k = 0; k < forcing.length; k++) {
      forcing[k] = 0.5 + 0.4 * Math.sin(k * 0.37);
      obs[k] = 0.3 + 0.2 * Math.cos(k * 0.21);
    }
    IExpr s = i("s");
    IExpr row = imul(s, size("time"));
    IExpr here = iadd(row, i("t"));
    IExpr prev = isub(here, c(1));
    return new Model.Builder("nested")
        .dim("site", sites).dim("time", steps)
        .input("forcing", forcing, "site", "time").input("obs", obs, "site", "time")
        .work("kv", "site").work("x", "site", "time").work("buf", "site").work("tot", "site")
        .output("x", OutputInfo.Role.OUTPUT).output("tot", OutputInfo.Role.OUTPUT)
        .param("k", sites, 0.05, 0.3, "site").param("a", 1, 0.5, 1.5).param("b", 1, 0.1, 0.5)
        .build(function("forward", List.of("p"), "J",
            set("J", n(0)),
            loop("i", c(0), size("site"), store("kv", i("i"), at("p", iadd(c(0), i("i"))))),
            set("a", at("p", 3)), set("b", at("p", 4)),
            loop("s", c(0), size("site"),
                store("x", row, mul(v("a"), at("forcing", row))),
                loop("t", c(1), size("time"),
                    store("x", here, add(mul(at("x", prev), sub(n(1), at("kv", s))),
                        div(mul(mul(v("b"), f(SIN, at("forcing", here))), at("x", prev)),
                            add(n(1), mul(at("x", prev), at("x", prev))))))),
                loop("t", c(0), size("time"),
                    set("d", sub(at("x", here), at("obs", here))),
                    set("J", add(v("J"), mul(v("d"), v("d"))))),
                store("tot", s, n(0)),
                loop("j", c(0), iadd(s, c(1)),
                    store("tot", s, add(at("tot", s), mul(at("kv", i("j")), at("x", iadd(row, i("j")))))))),
            loop("s", c(0), size("site"), store("buf", s, at("kv", s))),
            loop("it", c(0), c(3),
                loop("s", c(0), size("site"),
                    store("buf", s, add(mul(mul(at("buf", s), at("buf", s)), n(0.5)), mul(at("kv", s), at("tot", s)))))),
            loop("s", c(0), size("site"), set("J", add(v("J"), mul(n(0.1), at("buf", s)))))));
  }

  /**
   * Branches: an if/else on an active real (the reverse sweep needs the branch taken), selects with
   * active branches, one with a condition on an input only, and min/max/abs kinks, in a loop.
   */
  static Model branchy() {
    int steps = 30;
    double[] u = new double[steps];
    for (int k = 0; k < steps; k++) {
      u[k] = Math.sin(k * 1.3) * 1.5;
    }
    IExpr t = i("t");
    return new Model.Builder("branchy")
        .dim("time", steps)
        .input("u", u, "time")
        .param("a", 1, 0.2, 1.2).param("b", 1, 0.1, 1.0).param("c", 1, 0.3, 1.5)
        .build(function("forward", List.of("p"), "J",
            set("J", n(0)),
            set("a", at("p", 0)), set("b", at("p", 1)), set("c", at("p", 2)),
            loop("t", c(0), size("time"),
                set("z", add(mul(v("a"), at("u", t)), v("b"))),
                when(cmp(GT, v("z"), n(0.5)),
                    List.of(set("y", mul(f(SQRT, v("z")), v("c")))),
                    List.of(set("y", add(sub(v("c"), mul(v("z"), v("z"))), f(MAX, v("a"), v("b")))))),
                set("w", select(cmp(LT, v("y"), v("c")), f(EXP, mul(n(0.1), v("y"))),
                    f(LOG, add(n(1), f(ABS, v("y")))))),
                set("q", add(add(f(MIN, v("w"), n(3)), f(ABS, sub(v("z"), v("c")))), f(MAX, n(0), v("y")))),
                set("h", select(cmp(GT, at("u", t), n(0)), v("q"), f(NEG, v("q")))),
                set("J", add(v("J"), add(mul(mul(v("h"), v("h")), n(0.01)), f(ATAN, v("w")))))),
            set("J", add(v("J"), mul(f(POW, add(f(ABS, v("a")), n(1)), v("b")), n(0.001))))));
  }

  /**
   * A model loop, then its observations in a loop of their own, as {@code ObserveLowering} writes them
   * (the observed value and its sd into locals, the NaN test, the modelled value, the residual, ½r² into
   * J, the reporting array): every local of the observation loop can be computed again in the reverse
   * sweep, from inputs and from the model output, which nothing overwrites after the model loop.
   */
  static Model observed() {
    int steps = 40;
    double[] drive = new double[steps];
    double[] obs = new double[steps];
    double[] rel = new double[steps];
    for (int k = 0; k < steps; k++) {
      drive[k] = 1 + 0.5 * Math.sin(k * 0.4);
      obs[k] = k % 4 == 2 ? Double.NaN : 0.8 + 0.3 * Math.cos(k * 0.9);
      rel[k] = 0.1 + 0.05 * (k % 3);
    }
    IExpr t = i("t");
    IExpr d = i("d");
    return new Model.Builder("observed")
        .dim("time", steps)
        .input("drive", drive, "time").input("obs", obs, "time").input("rel", rel, "time")
        .work("flux", "time").work("obs1$model", "time")
        .output("flux", OutputInfo.Role.OUTPUT).output("obs1$model", OutputInfo.Role.OBSERVATION_MODEL)
        .param("k", 1, 0.05, 0.3).param("c0", 1, 1, 3)
        .build(function("forward", List.of("p"), "J",
            set("J", n(0)),
            set("k", at("p", 0)), set("c", at("p", 1)),
            loop("t", c(0), size("time"), store("flux", t, n(0))),
            loop("t", c(0), size("time"),
                set("loss", mul(mul(v("k"), v("c")), at("drive", t))),
                set("c", add(sub(v("c"), v("loss")), n(0.2))),
                store("flux", t, mul(v("loss"), add(at("drive", t), n(1))))),
            loop("d", c(0), size("time"),
                set("observed", at("obs", d)),
                set("obs_sd", f(MAX, n(0.1), mul(at("rel", d), f(ABS, at("obs", d))))),
                when(new org.phloem.compiler.ir.Cond.Or(new org.phloem.compiler.ir.Cond.IsNaN(v("observed")),
                        new org.phloem.compiler.ir.Cond.IsNaN(v("obs_sd"))),
                    List.of(store("obs1$model", d, n(Double.NaN))),
                    List.of(
                        set("modelled", at("flux", d)),
                        store("obs1$model", d, v("modelled")),
                        set("residual", div(sub(v("modelled"), v("observed")), v("obs_sd"))),
                        set("J", add(v("J"), mul(n(0.5), mul(v("residual"), v("residual"))))))))));
  }
}

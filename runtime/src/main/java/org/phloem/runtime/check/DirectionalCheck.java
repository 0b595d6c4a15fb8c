package org.phloem.runtime.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.phloem.runtime.CompiledModel;

/**
 * The light check {@code phloem watch} runs after every save: the adjoint gradient along one random
 * direction v, gᵀv, against a central difference of the cost along v (step ε^⅓, the full check's, with
 * its rounding floor 100·ε·|J|/h). When the two disagree beyond the tolerance, the full check's gradient
 * row logic decides ({@link ModelCheck}): Ridders' extrapolation and its own error estimate, then the
 * kink/jump examination with one-sided differences. One gradient and two costs when all is well (up to
 * 20 more, and 26 for the kink examination, when not), where the full check takes about 20 costs per
 * parameter and more per direction.
 *
 * <p>What it cannot see: an error in one gradient component whose share of gᵀv is below the tolerance
 * (a parameter with a tiny effect), and errors that cancel along v. The tangent and Hessian-vector code
 * is not run. The full check does all of that, per parameter.
 */
public final class DirectionalCheck {
  private DirectionalCheck() {}

  private static boolean sameBits(double a, double b) {
    return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
  }

  /**
   * The outcome.
   *
   * @param cost the observation cost at the point
   * @param adjoint gᵀv from the adjoint gradient
   * @param finiteDifference dJ(p + t·v)/dt at t = 0: one central difference, or Ridders' extrapolation when that disagreed
   * @param relativeError |adjoint − fd| / max(|adjoint|, |fd|, noise), as the full check's gradient rows
   * @param flagged a failure: above the tolerance, beyond the difference's own error and not a kink
   * @param nonSmooth what one-sided differences found when the central ones disagreed
   */
  public record Result(double cost, double adjoint, double finiteDifference, double relativeError, boolean flagged, NonSmooth nonSmooth) {
    /** One line: "passed: gradient·v ... (adjoint) vs ... (central differences), rel.err ...". */
    public String describe() {
      String verdict = flagged ? "FAILED" : "passed";
      String note = nonSmooth == NonSmooth.KINK ? " (kink along v: the slope changes within the step; not a failure)"
          : nonSmooth == NonSmooth.JUMP ? " (the cost jumps along v: an if-then-else whose branches do not meet)" : "";
      return String.format(Locale.ROOT, "%s: gradient·v %.14e (adjoint) vs %.14e (central differences), rel.err %.1e%s", verdict,
          adjoint, finiteDifference, relativeError, note);
    }
  }

  /**
   * The direction v, the step h and the central difference of the cost along v at a point: all the
   * check needs besides the gradient, so that {@code phloem watch} can compute it on the model's
   * forward class (the same cost code, already run) while the gradient's class is still being compiled.
   *
   * @param point where (physical units)
   * @param v the direction
   * @param h the step
   * @param central (J(p + h·v) − J(p − h·v)) / 2h
   */
  public record Central(double[] point, double[] v, double h, double central) {}

  /**
   * The central difference along the check's direction at {@code p}, from {@code model}'s cost (any
   * class of the model: only its cost, bounds and priors are used).
   */
  public static Central central(CompiledModel model, double[] p, CheckOptions options) {
    Step s = Step.at(model, p, options);
    return new Central(p.clone(), s.v(), s.h(), s.central(model, p));
  }

  /**
   * The direction v at {@code p} (the full check's first, kept away from the bounds), the room along it
   * before a bound, and the central difference's step h (ε^⅓, less near a bound).
   */
  private record Step(double[] v, double room, double h) {
    static Step at(CompiledModel model, double[] p, CheckOptions options) {
      double[] lo = model.info().lowerBounds();
      double[] hi = model.info().upperBounds();
      double[] scale = ModelCheck.typicalMagnitudes(model.info(), p);
      double[] v = ModelCheck.awayFromBounds(ModelCheck.direction(new Random(options.seed()), scale), p, lo, hi, scale);
      double room = ModelCheck.roomAlong(p, v, lo, hi);
      return new Step(v, room, Math.min(ModelCheck.CBRT_EPS, 0.5 * room));
    }

    /** (J(p + h·v) − J(p − h·v)) / 2h from {@code model}'s cost. */
    double central(CompiledModel model, double[] p) {
      return (model.cost(ModelCheck.shifted(p, v, h)) - model.cost(ModelCheck.shifted(p, v, -h))) / (2 * h);
    }
  }

  /**
   * Checks gᵀv at {@code p} (physical units) along the first random direction of the full check with
   * {@code options} (same seed, so the same v), against {@code options}' gradient tolerance.
   */
  public static Result run(CompiledModel model, double[] p, CheckOptions options) {
    return run(model, p, options, null);
  }

  /**
   * As {@link #run(CompiledModel, double[], CheckOptions)}, the central difference taken from
   * {@code known} (asked for after the gradient; null from it: computed here) when it was computed at
   * {@code p} with the direction and step {@code model} gives there, on a class whose cost at {@code p},
   * {@code knownCost}, is bit for bit the cost {@code model}'s gradient returns; otherwise computed again
   * on {@code model}. So the result is the one {@code model} alone gives whenever the two classes'
   * costs agree, as they do for one program (the same forward code).
   */
  public static Result run(CompiledModel model, double[] p, CheckOptions options, Supplier<Central> known, double knownCost) {
    return run(model, p, options, new Known(known, knownCost));
  }

  /** A central difference asked for after the gradient (it may be under way beside it), and the cost of its class at p. */
  private record Known(Supplier<Central> central, double cost) {
    /** The central difference when it is {@code step}'s at {@code p} on a class whose cost at p is {@code cost}; else null. */
    Central matching(double[] p, Step step, double cost) {
      if (!sameBits(this.cost, cost)) {
        return null;
      }
      Central c = central.get();
      return c != null && Arrays.equals(c.point(), p) && Arrays.equals(c.v(), step.v()) && sameBits(c.h(), step.h()) ? c : null;
    }
  }

  private static Result run(CompiledModel model, double[] p, CheckOptions options, Known known) {
    int n = p.length;
    Step step = Step.at(model, p, options);
    double[] v = step.v();
    double h = step.h();
    double room = step.room();
    double[] g = new double[n];
    double j0 = model.gradient(p, g);
    double gv = 0;
    for (int i = 0; i < n; i++) {
      gv += g[i] * v[i];
    }
    double noise = 100 * ModelCheck.EPS * Math.abs(j0) / h;
    // one central difference first (two costs): enough whenever the derivative is right and J smooth
    Central given = known == null ? null : known.matching(p, step, j0);
    double central = given != null ? given.central() : step.central(model, p);
    double centralErr = ModelCheck.relative(gv, central, noise);
    if (centralErr <= options.gradientTolerance()) {
      return new Result(j0, gv, central, centralErr, false, NonSmooth.NONE);
    }
    // a disagreement: Ridders' extrapolation and the kink examination, as the full check's gradient rows
    double start = Math.min(ModelCheck.RIDDERS_START, 0.5 * room);
    Ridders.Result r = Ridders.derivative(t -> new double[] {model.cost(ModelCheck.shifted(p, v, t))}, start);
    double fd = r.derivative()[0];
    double err = ModelCheck.relative(gv, fd, noise);
    boolean flagged = !(err <= options.gradientTolerance()) && !(Math.abs(gv - fd) <= 10 * r.error()[0]);
    NonSmooth found = NonSmooth.NONE;
    if (!(err <= options.gradientTolerance())) { // also when within Ridders' error: that may be a jump
      final double slope = gv;
      found = ModelCheck.nonSmooth(Kinks.examine(t -> new double[] {model.cost(ModelCheck.shifted(p, v, t))}, new double[] {slope},
          new boolean[] {true}, start, true), false);
      flagged = found == NonSmooth.JUMP || (flagged && found != NonSmooth.KINK);
    }
    return new Result(j0, gv, fd, err, flagged, found);
  }
}

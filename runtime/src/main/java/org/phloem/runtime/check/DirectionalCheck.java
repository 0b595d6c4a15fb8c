package org.phloem.runtime.check;

import java.util.Locale;
import java.util.Random;
import org.phloem.runtime.CompiledModel;

/**
 * The light check {@code phloem watch} runs after every save: the adjoint gradient along one random
 * direction v, gᵀv, against Ridders' central differences of the cost along v, with the noise floor,
 * Ridders' own error estimate and the kink/jump examination of the full check ({@link ModelCheck}). One
 * gradient and a few cost evaluations (up to 20, plus 26 when the two disagree), where the full check
 * takes that per parameter and more per direction.
 *
 * <p>What it cannot see: an error in one gradient component whose share of gᵀv is below the tolerance
 * (a parameter with a tiny effect), and errors that cancel along v. The tangent and Hessian-vector code
 * is not run. The full check does all of that, per parameter.
 */
public final class DirectionalCheck {
  private DirectionalCheck() {}

  /**
   * The outcome.
   *
   * @param cost the observation cost at the point
   * @param adjoint gᵀv from the adjoint gradient
   * @param finiteDifference dJ(p + t·v)/dt at t = 0 by Ridders' central differences
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
   * Checks gᵀv at {@code p} (physical units) along the first random direction of the full check with
   * {@code options} (same seed, so the same v), against {@code options}' gradient tolerance.
   */
  public static Result run(CompiledModel model, double[] p, CheckOptions options) {
    int n = p.length;
    double[] lo = model.info().lowerBounds();
    double[] hi = model.info().upperBounds();
    double[] v = ModelCheck.direction(new Random(options.seed()), ModelCheck.typicalMagnitudes(model.info(), p));
    double[] g = new double[n];
    double j0 = model.gradient(p, g);
    double gv = 0;
    for (int i = 0; i < n; i++) {
      gv += g[i] * v[i];
    }
    double room = ModelCheck.roomAlong(p, v, lo, hi);
    double h = Math.min(ModelCheck.CBRT_EPS, 0.5 * room);
    double start = Math.min(ModelCheck.RIDDERS_START, 0.5 * room);
    Ridders.Result r = Ridders.derivative(t -> new double[] {model.cost(ModelCheck.shifted(p, v, t))}, start);
    double fd = r.derivative()[0];
    double noise = 100 * ModelCheck.EPS * Math.abs(j0) / h;
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

package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Refused trust-region steps are not stalls (session 6): on a stiff curved valley, residuals 1000(p2 − p1²)
 * and 1 − p1 (Rosenbrock with a stiffness of 1000, flat priors, minimum 0 at (1, 1)), the first steps along
 * the valley's tangent leave the curved floor and are refused while the radius shrinks. Counted as stalls,
 * three refusals ended the phase GRADIENT_SMALL after 0 (or 2) iterations and the verdict said STALLED with a
 * large gradient, as on three CCDAS starts; now the radius shrinks until a step is taken, and the phase
 * reaches the minimum. Measured before the change, with the same starts: STALLED at (0.5, 0.25) after 0
 * iterations, at (0.1, 0.5) after 2.
 */
class RefusedStepsTest {

  static AnalyticModel valley(double p1, double p2) {
    return AnalyticModel.builder("valley").flat("p1", p1).flat("p2", p2)
        .observations(new double[] {0, 0}, new double[] {1, 1})
        .formula(p -> new Dual2[] {p[1].minus(p[0].square()).times(1000), p[0].negate().plus(1)});
  }

  static void reachesTheMinimum(double p1, double p2) {
    FitResult r = Fitter.fit(valley(p1, p2), FitOptions.defaults().withMethod(FitOptions.Method.NEWTON).withStart(new double[] {p1, p2})
        .withNewtonIterations(500));
    assertEquals(FitStatus.CONVERGED, r.status(), r.summary());
    assertEquals(1, r.parameters()[0], 1e-8);
    assertEquals(1, r.parameters()[1], 1e-8);
    assertTrue(r.cost() < 1e-20, "J = " + r.cost());
  }

  @Test
  void fromTheValleyFloor_theRadiusShrinksUntilAStepIsTaken() {
    reachesTheMinimum(0.5, 0.25);
  }

  @Test
  void fromAPointOfNegativeCurvature_too() {
    // ∂²J/∂p1² = (2000 p1)² − 2000·1000(p2 − p1²) = 4e4 − 9.8e5 < 0 at (0.1, 0.5) (scales 0.1 and 0.5: still negative)
    reachesTheMinimum(0.1, 0.5);
  }
}

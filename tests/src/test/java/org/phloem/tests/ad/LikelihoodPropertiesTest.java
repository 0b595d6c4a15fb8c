package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.Likelihood;
import org.phloem.runtime.ObservationInfo;

/**
 * The likelihoods of {@code observe} on random models: each random program gets a lognormal, a
 * student_t and a normal observation whose sds depend on a parameter {@code sig} (so their log σ terms
 * are in the cost), and the derivatives of the whole cost must agree with finite differences, the
 * tangent with the adjoint, the Hessian-vector product with differences of the gradient.
 */
class LikelihoodPropertiesTest {

  /** Appended to every random model: each likelihood, with a fitted sd. */
  static final String OBSERVATIONS = String.join("\n",
      "observe exp(x[d]) ~ lognormal(exp(obs[d]), 0.5 * sig) for d in day",
      "observe z[d] ~ student_t(4, obs[d], sig) for d in day if d != 2",
      "observe tot ~ normal(1, sig * (1 + 0.1 * tanh(a)))",
      "");

  @Provide
  Arbitrary<Program> programs() {
    return ProgramArbitraries.programs();
  }

  @Property(tries = 80)
  void derivativesOfEveryLikelihood_agreeWithReferences(@ForAll("programs") Program program, @ForAll @IntRange(max = 1000) int point) {
    GeneratedModelPropertiesTest.check(withLikelihoods(program.toString()), point);
  }

  /** The lowering tells the runtime which observations have fitted sds and which distribution each states. */
  @Property(tries = 5)
  void observationInfo_saysWhichSdsAreFitted(@ForAll("programs") Program program) {
    CompiledModel m = GeneratedModelPropertiesTest.compile(withLikelihoods(program.toString())).model();
    var obs = m.info().observations();
    int n = obs.size();
    assertEquals(ModelText.OBSERVATIONS.split("\n").length + 3, n);
    for (int k = 0; k < n - 3; k++) {
      assertEquals(Likelihood.NORMAL, obs.get(k).likelihood());
      assertTrue(obs.get(k).sumOfSquares(), "fixed sds: " + obs.get(k));
    }
    ObservationInfo lognormal = obs.get(n - 3);
    ObservationInfo studentT = obs.get(n - 2);
    assertEquals(Likelihood.LOGNORMAL, lognormal.likelihood());
    assertEquals(Likelihood.STUDENT_T, studentT.likelihood());
    assertEquals(4, studentT.nu());
    assertTrue(lognormal.sdFitted() && studentT.sdFitted() && obs.get(n - 1).sdFitted());
  }

  static String withLikelihoods(String text) {
    return text.replace("param e0 = 0.4\n", "param e0 = 0.4\nparam sig = 0.7 sd 0.2 in [0.2, 2]\n") + OBSERVATIONS;
  }
}

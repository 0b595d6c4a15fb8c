package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/**
 * A random program (found by {@link LikelihoodPropertiesTest}, jqwik seed 5071068517847444771) whose
 * checkpointed gradient, split into helper methods, was rejected by the JVM's verifier ("Bad local
 * variable type", exit 3 from {@code phloem check}): a loop emitted as one fill call never stored its
 * index, which the split-method frame analysis counts as written, and a later call handed that index
 * to a helper. Fails without the index store in {@code StatementEmitter}'s fill loop.
 */
class FillLoopIndexVerifyTest {
  /** The program's statements, between the declarations and observations every generated model shares. */
  private static final String PROGRAM = ModelText.HEADER + String.join("\n",
      "fn f1(u1, u2) = sinh(tanh((1.5 * (-0.7))))",
      "fn f2(u) {",
      "  let q = (m2[2, 1] - (pool[2] - 1.5))",
      "  if (x[1] <= b && s < v[0]) {",
      "    return tan(tanh(sinh(tanh(x[3]))))",
      "  } else if min(e0, m2[3, 1]) >= size(day) {",
      "    return f1(1.5, sqrt(1 + z[2] * z[2]))",
      "  }",
      "  return min((1 - 1), (u / (1.5 + sin(y))))",
      "}",
      "for i1 in 1..2 {",
      "}",
      "for t in day {",
      "  s = tanh(0.8 * s + a * obs[t] - b * r + 0.1 * e0 * v[t % 3])",
      "  y += 0.1 * cos(pow(1 + cosh(atan(m2[t, 0])) ^ 2, tanh(tot)))",
      "}",
      "for i2 in 1..2 {",
      "  y = tanh((-sin(v[1])))",
      "  pool[i2] = sin((tot + pow(1 + v[(i2 + 1) % size(k)] ^ 2, tanh(atan(2)))))",
      "}",
      "m2[2, 0] = tanh(0.5)",
      "for i3 in 1..2 {",
      "  s = tanh(0.5)",
      "  pool[i3] = sin(2)",
      "}",
      "tot = cos((-asin(0.9 * tanh((c0 - c0)))))",
      "m2[2, 1] = cos((-(-exp(tanh(m2[3, 2])))))",
      "let l4 = m2[0, 0]",
      "") + ModelText.OBSERVATIONS;

  @Test
  void checkpointedGradientOfASplitSweep_loadsAndAgrees() {
    String text = LikelihoodPropertiesTest.withLikelihoods(PROGRAM);
    // loading the class is what failed (VerifyError); then every derivative property of the class
    assertDoesNotThrow(() -> GeneratedModelPropertiesTest.compile(text), "the generated class loads");
    GeneratedModelPropertiesTest.check(text, 24);
  }
}

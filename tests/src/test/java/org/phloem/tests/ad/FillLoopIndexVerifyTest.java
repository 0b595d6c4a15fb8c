package org.phloem.tests.ad;

import org.junit.jupiter.api.Test;

/**
 * A random program (found by {@link LikelihoodPropertiesTest}, jqwik seed 5071068517847444771) whose
 * checkpointed gradient, split into helper methods, was rejected by the JVM's verifier ("Bad local
 * variable type", exit 3 from {@code phloem check}): a loop emitted as one fill call never stored its
 * index, which the split-method frame analysis counts as written, and a later call handed that index
 * to a helper. Fails without the index store in {@code StatementEmitter}'s fill loop.
 */
class FillLoopIndexVerifyTest {
  private static final String PROGRAM = String.join("\n",
        "model generated \"a random program\"",
        "dim day = 4",
        "dim k = 3",
        "const c0 = 0.7",
        "const obs[day] = {0.4, -0.3, 0.9, 0.1}",
        "const w[k] = {0.5, -0.2, 0.9}",
        "param a = 0.8 sd 0.3 in [0.2, 2]",
        "param b = 0.3 sd 0.2 in [-1, 1]",
        "param r = 0.5 sd 0.2 in [0.1, 2] log",
        "param e0 = 0.4",
        "param v[k] = {0.5, 0.9, 1.2} sd 0.3 in [0.1, 3]",
        "state s = a",
        "state pool[k] = {1, 0.5, -0.5}",
        "var y",
        "var x[day]",
        "var m2[day, k]",
        "output tot",
        "output z[day]",
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
        "observe x[d] ~ normal(obs[d], 0.5) for d in day",
        "observe z[d] ~ normal(obs[d], 1) for d in day if d > 1",
        "observe pool[j] ~ normal(w[j], 0.7) for j in k",
        "observe m2[d, j] ~ normal(0.2, 1.5) for d in day, j in k if j != 1 && d >= 1",
        "observe tot ~ normal(1, 2)",
        "observe y ~ normal(0.5, 1)",
        "observe s ~ normal(0.3, 0.4)",
        "");

  @Test
  void checkpointedGradientOfASplitSweep_loadsAndAgrees() {
    GeneratedModelPropertiesTest.check(LikelihoodPropertiesTest.withLikelihoods(PROGRAM), 24);
  }
}

package org.phloem.tests.lower;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.BoundData;

/** Models that once reached the lowering or code generator as internal errors. */
class LoweringRegressionTest {

  private static CompiledModel load(String text) throws Exception {
    Compilation c = Pipeline.compile("regression.phl", text, Path.of("."), true);
    return c.loaded().bind(new BoundData(Map.of(), Map.of(), Map.of()));
  }

  @Test
  void conditionalWithIntegerBranches_assignedToAReal() throws Exception {
    CompiledModel m = load("model r \"repro\"\nparam a = 1 sd 1\noutput v\nv = if a > 0 then 0 else 1\n");
    m.cost(new double[] {2});
    assertEquals(0.0, m.output(0)[0]);
    m.cost(new double[] {-2});
    assertEquals(1.0, m.output(0)[0]);
  }

  @Test
  void modelNamesThatTheCompilerAlsoUses_areKeptApart() throws Exception {
    // 'p' and 'J' once collided with the parameter vector and the cost local.
    CompiledModel m = load("model r \"repro\"\nparam p = 1 sd 1\nparam J = 3 sd 1\noutput v\nv = 2 * p + J\n"
        + "observe v ~ normal(4, 1)\n");
    double cost = m.cost(new double[] {1.5, 3});
    assertEquals(6.0, m.output(0)[0]);
    assertEquals(0.5 * 4, cost, 0.0);
    double[] g = new double[2];
    m.gradient(new double[] {1.5, 3}, g);
    assertArrayEquals(new double[] {2 * 2, 2}, g, 1e-12);
  }

  @Test
  void fnArgumentNamedLikeAnArray_isItsOwnLocal() throws Exception {
    CompiledModel m = load("model r \"repro\"\ndim i = 3\nconst x[i] = {1, 2, 3}\nparam b = 2 sd 1\n"
        + "fn curve(b, x) = b * x\noutput v[i]\nfor k in i { v[k] = curve(b, x[k]) }\n");
    m.cost(new double[] {2});
    assertArrayEquals(new double[] {2, 4, 6}, m.output(0), 0.0);
  }
}

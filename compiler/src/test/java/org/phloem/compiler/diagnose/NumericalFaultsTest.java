package org.phloem.compiler.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.DataException;

/**
 * Models that go NaN or infinite in known places (worked out by hand from their equations) and the
 * explanation {@link NumericalFaults} gives: file, line, variable, index, expression, the operands and
 * the operation at fault.
 */
class NumericalFaultsTest {
  @TempDir
  Path noData;

  /** pool = 10 - 3(d + 1) is first negative at d = 3, where log(pool / 10) = log(-0.2). */
  @Test
  void logOfANegative_namesTheElementTheOperandAndTheDomain() throws Exception {
    String text = String.join("\n",
        "model dry \"a pool that runs dry, then its log\"",
        "dim day = 30",
        "const full = 10 unit gC/m2",
        "param loss = 3 sd 1 unit gC/m2",
        "state pool = 10 unit gC/m2",
        "output ratio[day]",
        "for d in day {",
        "  pool = pool - loss",
        "  ratio[d] = log(pool / full)",
        "}");
    String message = diagnose("dry.phl", text).orElseThrow();
    assertTrue(message.startsWith("Output 'ratio' is NaN at element 3"), message);
    assertTrue(message.contains("dry.phl, line 9: 'ratio[3]' became NaN: log(pool / full) with pool = -2"), message);
    assertTrue(message.contains("    9 |   ratio[d] = log(pool / full)"), message);
    assertTrue(message.contains("where log(-0.2) = NaN (outside the domain of log)"), message);
  }

  /** a = k (d - 3) is zero at d = 3: a / a = 0 / 0. The fault is in a let, located by the loop index. */
  @Test
  void zeroOverZero_inALet_namesTheLoopIndex() throws Exception {
    String text = String.join("\n",
        "model zero \"0/0\"",
        "dim day = 10",
        "param k = 1 sd 1",
        "output y[day]",
        "for d in day {",
        "  let a = k * (d - 3)",
        "  let b = a / a",
        "  y[d] = b + 1",
        "}");
    String message = diagnose("zero.phl", text).orElseThrow();
    assertTrue(message.contains("zero.phl, line 7: 'b' became NaN at d = 3: a / a with a = 0"), message);
    assertTrue(message.contains("where 0 / 0 = NaN (division by zero)"), message);
  }

  /**
   * x doubles from 1e300 each step: 2e300 at t = 0, ... 1.6e301 at t = 2; exp(800) alone already
   * overflows. Here the growth is by multiplication, so the fault is the product at the step where
   * x exceeds the largest double: x = 1e300 * 2^(t+1) > 1.797e308 first at t + 1 = 28, t = 27.
   */
  @Test
  void overflow_namesTheStepAndTheOperation() throws Exception {
    String text = String.join("\n",
        "model grow \"unbounded growth\"",
        "dim step = 40",
        "param rate = 2 sd 1",
        "state x = 1e300",
        "output trace[step]",
        "for t in step {",
        "  x = x * rate",
        "  trace[t] = x",
        "}");
    String message = diagnose("grow.phl", text).orElseThrow();
    assertTrue(message.contains("grow.phl, line 7: 'x' became Infinity at t = 27: x * rate"), message);
    assertTrue(message.contains("(overflow"), message);
  }

  /**
   * A zero sd in an observation is refused when the model runs, before it can make the cost infinite:
   * the observe line and the value are named.
   */
  @Test
  void aZeroSd_isRefusedWithTheObserveLine() throws Exception {
    String text = String.join("\n",
        "model obs \"an observation with sd zero\"",
        "param a = 1 sd 1",
        "output y",
        "y = a * 2",
        "observe y ~ normal(3, a - 1)");
    org.phloem.runtime.ModelFault e = org.junit.jupiter.api.Assertions.assertThrows(org.phloem.runtime.ModelFault.class,
        () -> diagnose("obs.phl", text));
    assertTrue(e.getMessage().contains("(model line 5) is 0.0") && e.getMessage().contains("must be positive"), e.getMessage());
  }

  @Test
  void finiteRun_hasNothingToSay() throws Exception {
    String text = "model fine \"all finite\"\nparam a = 1 sd 1\noutput y\ny = exp(a)\nobserve y ~ normal(3, 1)\n";
    assertEquals(Optional.empty(), diagnose("fine.phl", text));
  }

  /** Names the model gives its variables survive the compiler's renaming (a let named like the cost). */
  @Test
  void renamedLocals_areReportedByTheirModelNames() throws Exception {
    String text = String.join("\n",
        "model names \"a let named J and a state named p\"",
        "param a = -1 sd 1",
        "state p = 1",
        "output y",
        "for i in 0..2 {",
        "  let J = sqrt(a)",
        "  p = p + J",
        "}",
        "y = p");
    String message = diagnose("names.phl", text).orElseThrow();
    assertTrue(message.contains("names.phl, line 6: 'J' became NaN at i = 0: sqrt(a) with a = -1"), message);
    assertFalse(message.contains("$"), message);
  }

  private Optional<String> diagnose(String name, String text) throws CompileException, DataException {
    Compilation c = Pipeline.compile(name, text, null, false);
    CompiledModel m = c.bind(noData);
    return NumericalFaults.diagnose(c, m, m.info().priorMeans());
  }
}

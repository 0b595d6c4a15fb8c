package org.phloem.tests.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.MethodTooLargeException;
import org.phloem.compiler.codegen.ClassEmitter;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.ModelCheck;
import org.phloem.runtime.data.DimSpec;

/**
 * A model with 300 equations in one loop body, whose Hessian-vector sweep is far over the 64 KB the JVM
 * allows in one method: emitted whole it cannot be compiled at all (as every model this size failed
 * before sweeps were split); split, it compiles into methods HotSpot compiles, its cost equals the IR
 * interpreter's bit for bit, and its derivatives pass the model check against finite differences.
 */
class HugeLoopBodyTest {
  private static final int EQUATIONS = 300;

  /** {@code v0 .. v299}: each a nonlinear mix of the three before it, the state and both parameters. */
  static String modelText() {
    StringBuilder t = new StringBuilder();
    t.append("model huge \"").append(EQUATIONS).append(" equations in one loop body\"\n");
    t.append("dim day = 30\n");
    t.append("param a = 0.5 sd 0.1 in [0.1, 0.9]\n");
    t.append("param b = 0.3 sd 0.1 in [0.05, 0.9]\n");
    t.append("state s = 0.1\n");
    t.append("output y[day]\n");
    t.append("for d in day {\n");
    t.append("  let v0 = s + a\n");
    t.append("  let v1 = b * v0 + 0.1\n");
    t.append("  let v2 = sin(v1) * a\n");
    for (int k = 3; k < EQUATIONS; k++) {
      t.append(String.format("  let v%d = 0.5 * v%d + a * sin(v%d) - b * tanh(v%d * s) / (1 + v%d * v%d)%n",
          k, k - 1, k - 2, k - 3, k - 1, k - 1));
    }
    t.append("  s = 0.9 * s + 0.1 * tanh(v").append(EQUATIONS - 1).append(")\n");
    t.append("  y[d] = s + 0.01 * v").append(EQUATIONS - 1).append("\n");
    t.append("}\n");
    t.append("observe y[d] ~ normal(0.4, 0.2) for d in day\n");
    return t.toString();
  }

  @Test
  void emittedWhole_itExceedsTheJvmLimit() throws Exception {
    Compilation c = compile();
    assertThrows(MethodTooLargeException.class, () -> ClassEmitter.emit(c.program(), ClassEmitter.NO_SPLITTING));
  }

  @Test
  void split_itCompilesIntoJitSizedMethodsAndRuns() throws Exception {
    Compilation c = compile();
    Map<String, Integer> sizes = MethodSizes.of(c.loaded().bytes());
    int largest = sizes.values().stream().max(Integer::compare).orElseThrow();
    assertTrue(largest <= ClassEmitter.JIT_LIMIT, "largest method: " + largest + " bytes");

    CompiledModel model = c.bind(Files.createTempDirectory("huge"));
    double[] p = model.info().priorMeans();
    double cost = model.cost(p);
    assertTrue(Double.isFinite(cost) && cost > 0, "cost " + cost);
    assertEquals(Double.doubleToRawLongBits(interpretedCost(c.program(), p)), Double.doubleToRawLongBits(cost),
        "compiled cost vs the IR interpreter");

    CheckReport report = ModelCheck.run(model, p, CheckOptions.defaults());
    assertTrue(report.passed(), report::format);
  }

  private static Compilation compiled;

  /** Compiled once: differentiating 300 equations takes seconds. */
  private static synchronized Compilation compile() throws Exception {
    if (compiled == null) {
      compiled = Pipeline.compile("huge.phl", modelText(), null, true);
    }
    return compiled;
  }

  /** The forward function run by the interpreter on freshly allocated arrays (the model reads no data). */
  private static double interpretedCost(IrProgram program, double[] p) {
    Map<String, Integer> dims = new HashMap<>();
    for (DimSpec d : program.dims()) {
      dims.put(d.name(), d.fixedSize());
    }
    Map<String, double[]> arrays = new HashMap<>();
    for (ModelLayout.ArraySlot a : program.arrays()) {
      int size = 1;
      for (String d : a.dims()) {
        size *= dims.get(d);
      }
      double[] values = new double[size];
      if (a.fill() == ModelLayout.Fill.CONSTANT) {
        for (int i = 0; i < size; i++) {
          values[i] = a.values()[a.values().length == size ? i : 0]; // one value per element, or one for all
        }
      }
      arrays.put(a.name(), values);
    }
    arrays.put(program.function("forward").arguments().get(0), p.clone());
    return new IrInterpreter(arrays, dims).run(program.function("forward"))[0];
  }
}

package org.phloem.compiler.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Main;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;

/**
 * Random models whose reads are shifted off their loop index ({@code x[i + k]}, {@code w[i, j + k]}) or
 * indexed by a literal never end in exit 3: a literal out of range is refused at compile time where it
 * is written; a shift that leaves the dim at run time is a model error (exit 1) naming the file, line,
 * variable, index value and the dim's size; a shift guarded by an {@code if} that keeps it inside runs.
 */
class ShiftedIndexPropertyTest {
  @Property(tries = 200)
  void shiftedIndices_neverGiveAnInternalError(@ForAll @IntRange(min = 1, max = 6) int n,
      @ForAll @IntRange(min = 1, max = 4) int m, @ForAll @IntRange(min = -3, max = 3) int shift,
      @ForAll @IntRange(min = -3, max = 3) int inner, @ForAll @IntRange(min = -2, max = 8) int literal,
      @ForAll boolean guarded) {
    String read = guarded
        ? "if i + " + paren(shift) + " >= 0 && i + " + paren(shift) + " < " + n + " { z[i] = x[i + " + paren(shift) + "] }"
        : "z[i] = x[i + " + paren(shift) + "] + w[i, j + " + paren(inner) + "]";
    String text = "model shifted \"shifted indices\"\n"
        + "dim t = " + n + "\n"
        + "dim u = " + m + "\n"
        + "param a = 0.5 sd 1\n"
        + "var x[t]\n"
        + "var w[t, u]\n"
        + "output z[t]\n"
        + "output c\n"
        + "for i in t { x[i] = a + 0.1 }\n"
        + "for i in t { for j in u { w[i, j] = a * x[i] } }\n"
        + "for i in t { for j in u { " + read + " } }\n"
        + "c = x[" + literal + "]\n"
        + "observe z[i] ~ normal(1, 1) for i in t\n";
    Compilation c;
    try {
      c = Pipeline.compile("shifted.phl", text, null, true);
    } catch (CompileException e) {
      assertTrue(literal < 0 || literal >= n, "refused a model whose literal index is in range:\n" + e.getMessage());
      assertEquals(12, e.diagnostics().get(0).span().startLine(), e.getMessage());
      assertTrue(e.getMessage().contains("outside dim 't'"), e.getMessage());
      return;
    }
    assertTrue(literal >= 0 && literal < n, "compiled x[" + literal + "] over a dim of " + n);
    boolean leaves = !guarded && (shift != 0 || inner != 0);
    try {
      CompiledModel model = c.bind(Path.of("."));
      double[] p = model.info().priorMeans();
      model.cost(p);
      model.gradient(p, new double[p.length]);
      assertTrue(!leaves, "an index left its dim without a message:\n" + text);
    } catch (Exception e) {
      StringWriter printed = new StringWriter();
      int exit = Main.report(e, new PrintWriter(printed));
      String message = printed.toString();
      assertEquals(1, exit, message + "\n" + text);
      assertTrue(leaves, "a model whose indices stay inside failed:\n" + message + "\n" + text);
      assertTrue(message.contains("shifted.phl, line 11: index "), message);
      assertTrue(message.contains("of 'x' is outside dim 't', which has " + n)
          || message.contains("of 'w' is outside dim 'u', which has " + m), message);
    }
  }

  private static String paren(int k) {
    return k < 0 ? "(" + k + ")" : Integer.toString(k);
  }
}

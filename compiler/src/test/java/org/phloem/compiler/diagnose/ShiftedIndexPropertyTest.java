package org.phloem.compiler.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Main;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.lower.Lowering;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;

/**
 * Random models whose reads are shifted off their loop index ({@code x[i + k]}, {@code w[i, j + k]}) or
 * indexed by a literal never end in exit 3: a literal out of range is refused at compile time where it
 * is written; a shift that leaves the dim at run time is a model error (exit 1) naming the file, line,
 * variable, index value, the dim's size and the loop indices' values when it happened; a shift guarded by an {@code if} that keeps it inside runs.
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
      // the pass of the two loops at which it happened: the first (i, j), in the order they run, where
      // x[i + shift] (read first) or w[i, j + inner] leaves its dim
      String at = null;
      for (int i = 0; i < n && at == null; i++) {
        for (int j = 0; j < m && at == null; j++) {
          if (i + shift < 0 || i + shift >= n || j + inner < 0 || j + inner >= m) {
            at = "), at i = " + i + ", j = " + j + "\n";
          }
        }
      }
      assertTrue(message.contains(at), "expected '" + at.strip() + "' in\n" + message);
    }
  }

  /**
   * The hole the flat array's own bounds cannot see: an inner index that leaves its dim while the flat
   * offset stays inside the array ({@code w[i, j - 1]} at {@code j = 0}, {@code i > 0}, reads the end of
   * the previous row). The outer index is kept to rows 1 .. n - 2 by an {@code if} and each inner shift
   * is smaller than its dim, so every flat offset lies inside the array (asserted below by running the
   * forward IR without checks): only the per-dim check can report it. With the inner shifts guarded too,
   * the model must run (the check cannot be proven away there, so it must not fire falsely).
   */
  @Property(tries = 200)
  void innerIndexLeavingItsDimInsideTheArray_isNamedNotRead(@ForAll @IntRange(min = 3, max = 6) int n,
      @ForAll @IntRange(min = 1, max = 4) int m, @ForAll @IntRange(min = 1, max = 3) int q,
      @ForAll boolean threeDims, @ForAll @IntRange(min = -1, max = 1) int outer,
      @ForAll @IntRange(min = -3, max = 3) int rawInner, @ForAll @IntRange(min = -3, max = 3) int rawInnermost,
      @ForAll boolean innerGuarded, @ForAll boolean viaGradient) throws Exception {
    int s1 = rawInner % m;
    int s2 = threeDims ? rawInnermost % q : 0;
    String decl = threeDims ? "var v[t, u, s]\n" : "var v[t, u]\n";
    String fill = threeDims
        ? "for i in t, j in u, l in s { v[i, j, l] = a * (i + 1) + j + 0.5 * l }\n"
        : "for i in t, j in u { v[i, j] = a * (i + 1) + j }\n";
    String guard = "i + " + paren(outer) + " >= 1 && i + " + paren(outer) + " < " + (n - 1);
    if (innerGuarded) {
      guard += " && j + " + paren(s1) + " >= 0 && j + " + paren(s1) + " < " + m;
      if (threeDims) {
        guard += " && l + " + paren(s2) + " >= 0 && l + " + paren(s2) + " < " + q;
      }
    }
    String read = threeDims
        ? "v[i + " + paren(outer) + ", j + " + paren(s1) + ", l + " + paren(s2) + "]"
        : "v[i + " + paren(outer) + ", j + " + paren(s1) + "]";
    String loops = threeDims ? "for i in t, j in u, l in s" : "for i in t, j in u";
    String text = "model spill \"an inner index spilling into the next row\"\n"
        + "dim t = " + n + "\n"
        + "dim u = " + m + "\n"
        + "dim s = " + q + "\n"
        + "param a = 0.5 sd 1\n"
        + decl
        + "output z[t]\n"
        + fill
        + loops + " { if " + guard + " { z[i] += " + read + " } }\n"
        + "observe z[i] ~ normal(1, 1) for i in t\n";
    Compilation c = Pipeline.compile("spill.phl", text, null, true);
    GeneratedModel model = (GeneratedModel) c.bind(Path.of("."));
    double[] p = model.info().priorMeans();
    assertTrue(flatOffsetsStayInside(c, model, p), "the test meant the flat offsets to stay inside:\n" + text);
    boolean leaves = !innerGuarded && (s1 != 0 || s2 != 0);
    try {
      if (viaGradient) {
        model.gradient(p, new double[p.length]);
      } else {
        model.cost(p);
      }
      assertTrue(!leaves, "an inner index left its dim and read a neighbour silently:\n" + text);
    } catch (Exception e) {
      StringWriter printed = new StringWriter();
      int exit = Main.report(e, new PrintWriter(printed));
      String message = printed.toString();
      assertEquals(1, exit, message + "\n" + text);
      assertTrue(leaves, "a model whose indices stay inside failed:\n" + message + "\n" + text);
      java.util.regex.Matcher said = java.util.regex.Pattern
          .compile("spill\\.phl, line 9: index (-?\\d+) of 'v' is outside dim '([us])', which has (\\d+) element")
          .matcher(message);
      assertTrue(said.find(), message);
      int index = Integer.parseInt(said.group(1));
      int size = Integer.parseInt(said.group(3));
      assertEquals(said.group(2).equals("u") ? m : q, size, message);
      assertTrue(index < 0 || index >= size, message);
      assertTrue(said.group(2).equals("u") ? s1 != 0 : s2 != 0, "blamed a dim whose index was not shifted:\n" + message);
    }
  }

  /** True when the forward IR, run without any per-dim check, keeps every flat offset in its array. */
  private static boolean flatOffsetsStayInside(Compilation c, GeneratedModel model, double[] p) {
    IrProgram forward = Lowering.lower(c.checked(), new java.util.IdentityHashMap<>());
    Map<String, double[]> arrays = NumericalFaults.arrays(forward, model, model.info().dims());
    arrays.put(Lowering.PARAMS, p.clone());
    Map<String, Integer> sizes = new HashMap<>();
    model.info().dims().forEach(d -> sizes.put(d.name(), d.size()));
    boolean[] inside = {true};
    new IrInterpreter(arrays, sizes).onAccess((ref, flat, length, state) -> inside[0] &= flat >= 0 && flat < length)
        .run(forward.function("forward"));
    return inside[0];
  }

  private static String paren(int k) {
    return k < 0 ? "(" + k + ")" : Integer.toString(k);
  }
}

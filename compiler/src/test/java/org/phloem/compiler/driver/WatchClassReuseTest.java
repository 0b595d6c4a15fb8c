package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.phloem.compiler.codegen.ClassEmitter;
import org.phloem.compiler.codegen.LiteralsAsData;
import org.phloem.compiler.codegen.LoadedClasses;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;

/**
 * The classes {@code phloem watch} runs: literals read from a constant array, so that an edit of a
 * number compiles to the bytes of a class already loaded; the values computed stay those of the class
 * {@code check} and {@code fit} run, bit for bit.
 */
class WatchClassReuseTest {
  @TempDir Path dir;

  @Test
  void aChangedNumber_reusesTheClass_aChangedExpressionDoesNot() throws Exception {
    String base = Files.readString(Cli.misra1a(dir)).replace("normal(y[i], 1)", "normal(y[i], 2)");
    LoadedClasses classes = new LoadedClasses(4);
    LoadedModel a = LoadedModel.load(compile(base).program(), classes);
    assertFalse(a.reused());
    IrProgram number = compile(base.replace("normal(y[i], 2)", "normal(y[i], 3.5)")).program();
    LoadedModel b = LoadedModel.load(number, classes);
    assertTrue(b.reused());
    assertArrayEquals(a.bytes(), b.bytes());
    // found by the shape of its code, not emitted again: the bytes emitting would give
    assertArrayEquals(ClassEmitter.emit(LiteralsAsData.of(number)), b.bytes());
    IrProgram moved = compile("// a comment: every line below moves\n\n" + base).program();
    LoadedModel c = LoadedModel.load(moved, classes);
    assertTrue(c.reused());
    assertArrayEquals(ClassEmitter.emit(LiteralsAsData.of(moved)), c.bytes());
    assertFalse(LoadedModel.load(compile(base.replace("exp(-b2 * x[i])", "exp(-(x[i] * b2))")).program(), classes).reused());
    // an edit undone: the first class again
    assertTrue(LoadedModel.load(compile(base).program(), classes).reused());
  }

  @Test
  void theWatchClass_computesWhatThePlainClassComputes_bitForBit() throws Exception {
    String text = Files.readString(Cli.misra1a(dir)).replace("normal(y[i], 1)", "normal(y[i], 2.5)")
        .replace("b1 * (1 - exp(-b2 * x[i]))", "b1 * (1 - exp(-b2 * x[i])) + 0.3 * b2 ^ 1.7");
    Compilation c = compile(text);
    CompiledModel plain = c.bind(Cli.data());
    LoadedModel watched = LoadedModel.load(c.program(), new LoadedClasses(1));
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(watched.bytes()), getClass().getClassLoader(), false, new PrintWriter(problems));
    assertEquals("", problems.toString());
    CompiledModel hoisted = watched.bind(((GeneratedModel) plain).data());
    for (double[] p : new double[][] {plain.info().priorMeans(), {238.9, 5.5e-4}, {180, 1.3e-3}}) {
      double[] g1 = new double[2];
      double[] g2 = new double[2];
      assertEquals(Double.doubleToRawLongBits(plain.cost(p)), Double.doubleToRawLongBits(hoisted.cost(p)));
      assertEquals(plain.gradient(p, g1), hoisted.gradient(p, g2));
      assertArrayEquals(g1, g2);
      double[] v = {1.5, -2e-5};
      double[] hv1 = new double[2];
      double[] hv2 = new double[2];
      assertEquals(plain.tangent(p, v), hoisted.tangent(p, v));
      plain.hessianVector(p, v, hv1);
      hoisted.hessianVector(p, v, hv2);
      assertArrayEquals(hv1, hv2);
    }
  }

  private Compilation compile(String text) throws Exception {
    return Pipeline.compile("watched.phl", text, dir, true);
  }
}

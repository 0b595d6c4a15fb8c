package org.phloem.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.ad.CheckpointOptions;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.BoundData;

/**
 * Sweeps split into helper methods compute what the whole methods compute, bit for bit: on random
 * programs (every sweep, plain and checkpointed, every output), at budgets that cut every statement
 * into its own helper and at budgets that leave loops whole inside helpers. Split classes pass ASM's
 * verifier, which also checks that a helper never reads a local it has neither loaded nor written.
 */
class MethodSplittingTest {
  /**
   * Every statement its own helper; small runs of statements; whole inner loops in helpers; the default,
   * where only a time loop holding two or more nests is cut, a method per nest.
   */
  private static final int[] BUDGETS = {1, 40, 150, ClassEmitter.DEFAULT_BUDGET};
  private static final double[] P = {0.7, -0.4, 1.1};
  private static final double[] DIR = {0.3, -0.8, 0.5};

  @Provide
  Arbitrary<IrProgram> programs() {
    return RandomSplitIr.programs();
  }

  @Property(tries = 80)
  void randomProgram_splitSweepsGiveTheWholeSweepsBits(@ForAll("programs") IrProgram forward, @ForAll boolean binomial) {
    // the nested schedule, or the binomial one with 2 snapshots (its schedule questions split too)
    IrProgram program = AutoDiff.differentiate(forward, binomial ? CheckpointOptions.revolve(2) : CheckpointOptions.always(0, 2));
    CompiledModel whole = LoadedModel.load(program, ClassEmitter.NO_SPLITTING).bind(RandomSplitIr.data());
    assertBits(interpretedCost(program), whole.cost(P), "whole forward vs the interpreter");
    for (int budget : BUDGETS) {
      byte[] bytes = ClassEmitter.emit(program, budget);
      assertEquals("", problems(bytes), "budget " + budget);
      CompiledModel split = LoadedModel.load(program, budget).bind(RandomSplitIr.data());
      for (boolean checkpointed : new boolean[] {false, true}) {
        ((GeneratedModel) whole).setCheckpointing(checkpointed);
        ((GeneratedModel) split).setCheckpointing(checkpointed);
        assertSameSweeps(whole, split, "budget " + budget + (checkpointed ? ", checkpointed" : ""));
      }
    }
  }

  @Test
  void sample_splitAtEveryStatement_matchesTheInterpreter() {
    IrProgram program = SampleIr.program();
    byte[] bytes = ClassEmitter.emit(program, 1);
    assertEquals("", problems(bytes));
    assertTrue(methodNames(bytes).size() > 10, "expected a helper per statement: " + methodNames(bytes));
    double[] x = {0.5, 1.0, Double.NaN, 2.0, -0.3};
    CompiledModel split = LoadedModel.load(program, 1).bind(new BoundData(Map.of("day", x.length), Map.of(), Map.of("x", x)));
    double[] p = {0.3, 1.2, -0.7};
    Map<String, double[]> arrays = new HashMap<>();
    arrays.put("x", x);
    arrays.put("b", new double[2]);
    arrays.put("y", new double[x.length]);
    arrays.put("w", new double[2]);
    arrays.put("p", p.clone());
    double interpreted = new IrInterpreter(arrays, Map.of("day", x.length, "two", 2)).run(program.function("forward"))[0];
    assertBits(interpreted, split.cost(p), "cost");
    assertBits(arrays.get("y"), split.output(0), "output y");
  }

  @Test
  void wholeSweeps_areOneMethodEach_andSmallOnesStayWhole() {
    IrProgram program = SampleIr.program();
    List<String> whole = methodNames(ClassEmitter.emit(program, ClassEmitter.NO_SPLITTING));
    assertEquals(List.of("<init>", "copy", "runForward"), whole);
    assertEquals(whole, methodNames(ClassEmitter.emit(program)), "the sample is far below the default budget");
  }

  /**
   * A statement reading 300 arrays: its helper would need more than the JVM's 255 argument slots, so it
   * takes only the frames and loads the arrays from the model's fields, as a sweep's method does.
   */
  @Test
  void aHelperTouchingMoreArraysThanAMethodCanTake_loadsThemItself() {
    int count = 300;
    List<ModelLayout.ArraySlot> arrays = new ArrayList<>();
    List<Stmt> body = new ArrayList<>();
    Expr sum = Expr.local("J");
    for (int k = 0; k < count; k++) {
      arrays.add(new ModelLayout.ArraySlot("a" + k, List.of(), ModelLayout.Fill.WORK, null));
      body.add(new Stmt.Assign(new Ref.Elem("a" + k, IExpr.of(0)), Expr.mul(Expr.elem("p", IExpr.of(0)), new Expr.Num(k + 0.5)), 0));
      sum = Expr.add(sum, Expr.call(org.phloem.compiler.ir.Prim.SIN, Expr.elem("a" + k, IExpr.of(0))));
    }
    body.add(new Stmt.Assign(new Ref.Local("J"), sum, 0));
    Map<String, ScalarType> locals = new LinkedHashMap<>();
    locals.put("J", ScalarType.REAL);
    IrProgram base = SampleIr.program();
    IrProgram program = new IrProgram("wide", "", "wide.phl", List.of(), List.of(), List.of(), List.of(base.params().get(0)),
        arrays, List.of(), List.of(), Map.of("forward", new IrFunction("forward", List.of("p"), List.of("J"), locals, body)));
    byte[] bytes = ClassEmitter.emit(program, 1);
    assertEquals("", problems(bytes));
    double[] p = {0.37};
    CompiledModel split = LoadedModel.load(program, 1).bind(new BoundData(Map.of(), Map.of(), Map.of()));
    CompiledModel whole = LoadedModel.load(program, ClassEmitter.NO_SPLITTING).bind(new BoundData(Map.of(), Map.of(), Map.of()));
    double expected = 0;
    for (int k = 0; k < count; k++) {
      expected += Math.sin(p[0] * (k + 0.5)); // the same operations in the same order
    }
    assertBits(expected, whole.cost(p), "whole");
    assertBits(expected, split.cost(p), "split");
  }

  @Test
  void aBudgetMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> ClassEmitter.emit(SampleIr.program(), 0));
  }

  private static void assertSameSweeps(CompiledModel whole, CompiledModel split, String where) {
    assertBits(whole.cost(P), split.cost(P), where + ": cost");
    assertBits(whole.output(0), split.output(0), where + ": output after forward");
    double[] g1 = new double[P.length];
    double[] g2 = new double[P.length];
    assertBits(whole.gradient(P, g1), split.gradient(P, g2), where + ": cost of the gradient sweep");
    assertBits(g1, g2, where + ": gradient");
    assertBits(whole.tangent(P, DIR), split.tangent(P, DIR), where + ": tangent");
    assertBits(whole.outputTangent(0), split.outputTangent(0), where + ": output tangent");
    double[] hv1 = new double[P.length];
    double[] hv2 = new double[P.length];
    assertBits(whole.hessianVector(P, DIR, hv1), split.hessianVector(P, DIR, hv2), where + ": cost of the Hessian-vector sweep");
    assertBits(hv1, hv2, where + ": Hessian-vector product");
  }

  private static double interpretedCost(IrProgram program) {
    Map<String, double[]> arrays = new HashMap<>();
    arrays.put("in", RandomSplitIr.INPUT.clone());
    arrays.put("A", new double[RandomSplitIr.N]);
    arrays.put("p", P.clone());
    return new IrInterpreter(arrays, Map.of("n", RandomSplitIr.N, "three", 3)).run(program.function("forward"))[0];
  }

  static void assertBits(double a, double b, String what) {
    assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), () -> what + ": " + a + " vs " + b);
  }

  static void assertBits(double[] a, double[] b, String what) {
    assertEquals(a.length, b.length, what);
    for (int i = 0; i < a.length; i++) {
      assertBits(a[i], b[i], what + "[" + i + "]");
    }
  }

  static String problems(byte[] bytes) {
    StringWriter out = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(bytes), MethodSplittingTest.class.getClassLoader(), false, new PrintWriter(out));
    return out.toString();
  }

  static List<String> methodNames(byte[] bytes) {
    List<String> names = new ArrayList<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        names.add(name);
        return null;
      }
    }, ClassReader.SKIP_CODE);
    return names;
  }
}

package org.phloem.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.codegen.MethodSplittingTest.assertBits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.ad.CheckpointOptions;
import org.phloem.compiler.ir.Bodies;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.TapeLimitError;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DimSpec;

/**
 * Loops emitted as {@link TapeRun}s (their pushes and pops as stores and loads of the tape's array at
 * computed positions) record and take back exactly what one {@code pushD}/{@code popD} per value would:
 * on random programs (loops up and down, bounds that may be 0, loops nested in loops and branches, in
 * every sweep, plain and checkpointed) the generated class gives the interpreter's bits, which runs
 * every push and pop one by one, and leaves the tape empty. A position off by one, pops in the wrong
 * order or a wrong trip count changes the derivatives' bits or unbalances the tape (checked by hand
 * with each broken, see the session notes).
 */
class TapeRunPropertiesTest {
  private static final double[] P = {0.7, -0.4, 1.1};
  private static final double[] DIR = {0.3, -0.8, 0.5};

  @Provide
  Arbitrary<IrProgram> programs() {
    return RandomSplitIr.programs();
  }

  @Property(tries = 120)
  void randomProgram_tapeRunsGiveTheInterpretersBits(@ForAll("programs") IrProgram forward, @ForAll boolean binomial) {
    IrProgram program = AutoDiff.differentiate(forward, binomial ? CheckpointOptions.revolve(2) : CheckpointOptions.always(0, 2));
    List<String> shapes = new ArrayList<>();
    program.functions().values().forEach(f -> shapes(f.body(), shapes));
    Statistics.label("tape runs").collect(!shapes.isEmpty());
    Statistics.label("several values per iteration").collect(shapes.contains("several"));
    Statistics.label("pops upwards").collect(shapes.contains("pops up"));
    // the generator makes such loops often (about half the programs have tape runs): a floor far below that
    Statistics.label("tape runs").coverage(c -> c.check(true).count(n -> n >= 5));
    double[] gi = new double[P.length];
    double ji = interpret(program, "gradient", P.clone(), gi)[0];
    double[] hvi = new double[P.length];
    double jhi = interpret(program, "hessianVector", P.clone(), DIR.clone(), hvi)[0];
    for (int budget : new int[] {ClassEmitter.NO_SPLITTING, 150}) {
      assertEquals("", MethodSplittingTest.problems(ClassEmitter.emit(program, budget)), "budget " + budget);
      GeneratedModel model = (GeneratedModel) LoadedModel.load(program, budget).bind(RandomSplitIr.data());
      for (boolean checkpointed : new boolean[] {false, true}) {
        model.setCheckpointing(checkpointed);
        String where = "budget " + budget + (checkpointed ? ", checkpointed" : "");
        double[] g = new double[P.length];
        double[] hv = new double[P.length];
        double j = model.gradient(P, g);
        assertEquals(0, model.tape().depth(), where + ": tape left after the gradient");
        double jh = model.hessianVector(P, DIR, hv);
        assertEquals(0, model.tape().depth(), where + ": tape left after the Hessian-vector product");
        if (checkpointed) {
          // the checkpointed sweeps give the plain sweeps' numbers, a zero's sign aside (ad.Checks)
          assertSameNumbers(new double[] {ji, jhi}, new double[] {j, jh}, where + ": costs");
          assertSameNumbers(gi, g, where + ": gradient");
          assertSameNumbers(hvi, hv, where + ": Hessian-vector product");
        } else {
          assertBits(ji, j, where + ": cost of the gradient");
          assertBits(gi, g, where + ": gradient");
          assertBits(jhi, jh, where + ": cost of the Hessian-vector product");
          assertBits(hvi, hv, where + ": Hessian-vector product");
        }
      }
    }
  }

  /**
   * A loop recording two values per iteration upwards, and one recording one per iteration downwards over
   * a bound that is 0 on some calls: emitted with no per-value tape call in the plain gradient, and its
   * gradient is the hand-derived one.
   */
  @Test
  void aLoopOfPushes_hasNoPerValueTapeCall_andTheHandDerivedGradient() {
    IrProgram program = AutoDiff.differentiate(twoPushesPerStep(), CheckpointOptions.off());
    byte[] bytes = ClassEmitter.emit(program, ClassEmitter.NO_SPLITTING);
    assertEquals("", MethodSplittingTest.problems(bytes));
    assertTrue(tapeRuns(program) >= 2, "expected the state loop and its reverse as tape runs");
    assertEquals(List.of("reserveReals", "advanceReals", "recordedReals", "dropReals"), tapeCalls(bytes, "runGradient").stream()
        .filter(c -> !c.equals("realTop")).distinct().toList());
    CompiledModel m = LoadedModel.load(program, ClassEmitter.NO_SPLITTING).bind(new BoundData(Map.of(), Map.of(), Map.of()));
    double[] p = {0.9, -0.2, 0.4};
    double[] g = new double[3];
    double[] gi = new double[3];
    assertBits(interpret(program, "gradient", p.clone(), gi)[0], m.gradient(p, g), "cost");
    assertBits(gi, g, "gradient");
    // J = sum_s c[s] after 3 steps of c[s] = sin(c[s]) * p[s] + c[s] * c[s] * 0.1, from c[s] = p[s]
    for (int s = 0; s < 3; s++) {
      double c = p[s];
      double dc = 1;
      for (int t = 0; t < 3; t++) {
        double next = Math.sin(c) * p[s] + c * c * 0.1;
        dc = (Math.cos(c) * p[s] + 0.2 * c) * dc + Math.sin(c);
        c = next;
      }
      assertEquals(dc, g[s], 1e-12 * Math.max(1, Math.abs(dc)), "dJ/dp[" + s + "]");
    }
  }

  /**
   * A loop recording 3 values per iteration over 2^30 iterations asks the tape for 3·2^30 values, beyond
   * int: the generated code must pass the true count, which the tape refuses with its limit error before
   * the loop runs. (With the count in int arithmetic it wrapped around to a negative number, the tape
   * reserved nothing, and the stores ran off its array: an index fault, which the command line could not
   * place and reported as a bug of Phloem's.) The same program over 4 iterations gives the interpreter's
   * bits, so the loop is a tape run that works.
   */
  @Test
  void aLoopRecordingMoreThanATapeHolds_isRefusedWithTheTapeLimit() {
    IrProgram small = AutoDiff.differentiate(threePushesPerStep(4), CheckpointOptions.off());
    assertEquals(List.of(3), tapeRunsRecording(small), "expected the loop as a tape run of 3 values per iteration");
    assertEquals("", MethodSplittingTest.problems(ClassEmitter.emit(small, ClassEmitter.NO_SPLITTING)));
    double[] p = {0.9, -0.2, 0.4};
    BoundData none = new BoundData(Map.of(), Map.of(), Map.of());
    double[] g = new double[3];
    double[] gi = new double[3];
    assertBits(interpret(small, "gradient", p.clone(), gi)[0],
        LoadedModel.load(small, ClassEmitter.NO_SPLITTING).bind(none).gradient(p, g), "cost");
    assertBits(gi, g, "gradient");

    IrProgram huge = AutoDiff.differentiate(threePushesPerStep(1 << 30), CheckpointOptions.off());
    assertEquals(List.of(3), tapeRunsRecording(huge));
    CompiledModel model = LoadedModel.load(huge, ClassEmitter.NO_SPLITTING).bind(none);
    TapeLimitError e = assertThrows(TapeLimitError.class, () -> model.gradient(p, new double[3]));
    assertTrue(e.getMessage().contains((3L << 30) + " real values"), e.getMessage());
    // the command line words it as the size of the run, not as a bug
    java.io.StringWriter text = new java.io.StringWriter();
    assertEquals(1, org.phloem.compiler.driver.Main.report(new RuntimeException(e), new java.io.PrintWriter(text)));
    assertTrue(text.toString().contains("ran out of tape") && text.toString().contains("3221225472 real values")
        && !text.toString().contains("internal error") && !text.toString().contains("\tat "), text.toString());
  }

  /** {@code a = p[0], b = p[1], c = p[2]; for t < trips { a = sin(a) * p[0]; b = ...; c = ... }; J = a + b + c}. */
  private static IrProgram threePushesPerStep(int trips) {
    List<Stmt> body = new ArrayList<>();
    List<Stmt> step = new ArrayList<>();
    String[] names = {"a", "b", "c"};
    for (int k = 0; k < 3; k++) {
      Expr pk = Expr.elem("p", IExpr.of(k));
      body.add(new Stmt.Assign(new Ref.Local(names[k]), pk, 0));
      step.add(new Stmt.Assign(new Ref.Local(names[k]), Expr.mul(Expr.call(Prim.SIN, Expr.local(names[k])), pk), 0));
    }
    body.add(new Stmt.For("t", IExpr.of(0), IExpr.of(trips), false, step, 0));
    body.add(new Stmt.Assign(new Ref.Local("J"), Expr.add(Expr.add(Expr.local("a"), Expr.local("b")), Expr.local("c")), 0));
    Map<String, ScalarType> locals = new LinkedHashMap<>();
    for (String r : List.of("J", "a", "b", "c")) {
      locals.put(r, ScalarType.REAL);
    }
    locals.put("t", ScalarType.INT);
    double[] unbounded = {Double.NEGATIVE_INFINITY};
    return new IrProgram("long_run", "", "long_run.phl", List.of(),
        List.of(new DimSpec("three", 3, 0)), List.of(),
        List.of(new ModelLayout.ParamLayout("p", List.of("three"), new double[] {0}, new double[] {1}, unbounded,
            new double[] {Double.POSITIVE_INFINITY}, false, "", "", 0)),
        List.of(), List.of(), List.of(), Map.of("forward", new IrFunction("forward", List.of("p"), List.of("J"), locals, body)));
  }

  /** {@code c[s] = p[s]; for t < 3 { for s < 3 { c[s] = sin(c[s]) * p[s] + c[s] * c[s] * 0.1 } }; J = sum c}. */
  private static IrProgram twoPushesPerStep() {
    IExpr s = IExpr.local("s");
    Expr c = Expr.elem("c", s);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Assign(new Ref.Local("J"), new Expr.Num(0), 0));
    body.add(new Stmt.For("s0", IExpr.of(0), IExpr.of(3), false,
        List.of(new Stmt.Assign(new Ref.Elem("c", IExpr.local("s0")), Expr.elem("p", IExpr.local("s0")), 0)), 0));
    Stmt update = new Stmt.Assign(new Ref.Elem("c", s),
        Expr.add(Expr.mul(Expr.call(Prim.SIN, c), Expr.elem("p", s)), Expr.mul(Expr.mul(c, c), new Expr.Num(0.1))), 0);
    body.add(new Stmt.For("t", IExpr.of(0), IExpr.of(3), false, List.of(new Stmt.For("s", IExpr.of(0), IExpr.of(3), false,
        List.of(update), 0)), 0));
    body.add(new Stmt.For("s1", IExpr.of(0), IExpr.of(3), false, List.of(new Stmt.Assign(new Ref.Local("J"),
        Expr.add(Expr.local("J"), Expr.elem("c", IExpr.local("s1"))), 0)), 0));
    Map<String, ScalarType> locals = new LinkedHashMap<>();
    locals.put("J", ScalarType.REAL);
    for (String i : List.of("s0", "t", "s", "s1")) {
      locals.put(i, ScalarType.INT);
    }
    double[] unbounded = {Double.NEGATIVE_INFINITY};
    return new IrProgram("pushes", "", "pushes.phl", List.of(),
        List.of(new DimSpec("three", 3, 0)), List.of(),
        List.of(new ModelLayout.ParamLayout("p", List.of("three"), new double[] {0}, new double[] {1}, unbounded,
            new double[] {Double.POSITIVE_INFINITY}, false, "", "", 0)),
        List.of(new ModelLayout.ArraySlot("c", List.of("three"), ModelLayout.Fill.WORK, null)),
        List.of(), List.of(), Map.of("forward", new IrFunction("forward", List.of("p"), List.of("J"), locals, body)));
  }

  /** Runs {@code function} of {@code program} on the interpreter, every array fresh, the arguments in order. */
  private static double[] interpret(IrProgram program, String function, double[]... args) {
    Map<String, double[]> arrays = new HashMap<>();
    for (ModelLayout.ArraySlot a : program.arrays()) {
      int size = 1;
      for (String d : a.dims()) {
        size *= program.dims().stream().filter(x -> x.name().equals(d)).findFirst().orElseThrow().fixedSize();
      }
      arrays.put(a.name(), a.fill() == ModelLayout.Fill.INPUT ? RandomSplitIr.INPUT.clone() : new double[size]);
    }
    IrFunction f = program.function(function);
    for (int k = 0; k < args.length; k++) {
      arrays.put(f.arguments().get(k), args[k]);
    }
    Map<String, Integer> dims = new HashMap<>();
    program.dims().forEach(d -> dims.put(d.name(), d.fixedSize()));
    return new IrInterpreter(arrays, dims).run(f);
  }

  /** The kinds of tape run in {@code body}: "pushes up/down", "pops up/down", and "several" per loop of more than 1 value per iteration. */
  private static void shapes(List<Stmt> body, List<String> out) {
    for (Stmt.For f : tapeRunLoops(body, new ArrayList<>())) {
      TapeRun run = TapeRun.of(f);
      out.add((run.records() ? "pushes " : "pops ") + (f.descending() ? "down" : "up"));
      if (run.perIteration() > 1) {
        out.add("several");
      }
    }
  }

  /** How many loops of the program's functions are tape runs. */
  private static int tapeRuns(IrProgram program) {
    List<Stmt.For> loops = new ArrayList<>();
    program.functions().values().forEach(f -> tapeRunLoops(f.body(), loops));
    return loops.size();
  }

  /** The values per iteration of every loop of the gradient that is a tape run recording. */
  private static List<Integer> tapeRunsRecording(IrProgram program) {
    return tapeRunLoops(program.function("gradient").body(), new ArrayList<>()).stream().map(TapeRun::of)
        .filter(TapeRun::records).map(TapeRun::perIteration).toList();
  }

  /** Adds every loop in {@code body} (at any depth) that is a tape run to {@code out}, outer loops first. */
  private static List<Stmt.For> tapeRunLoops(List<Stmt> body, List<Stmt.For> out) {
    for (Stmt s : body) {
      if (s instanceof Stmt.For f && TapeRun.of(f) != null) {
        out.add(f);
      }
      Bodies.of(s).forEach(nested -> tapeRunLoops(nested, out));
    }
    return out;
  }

  /** The Tape methods {@code method} calls, in order. */
  private static List<String> tapeCalls(byte[] bytes, String method) {
    List<String> calls = new ArrayList<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        if (!name.equals(method)) {
          return null;
        }
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String callee, String desc, boolean itf) {
            if (owner.equals("org/phloem/runtime/Tape")) {
              calls.add(callee);
            }
          }
        };
      }
    }, 0);
    return calls;
  }

  private static void assertSameNumbers(double[] a, double[] b, String what) {
    assertEquals(a.length, b.length, what);
    for (int i = 0; i < a.length; i++) {
      boolean same = a[i] == b[i] || (Double.isNaN(a[i]) && Double.isNaN(b[i]));
      assertTrue(same, what + "[" + i + "]: " + a[i] + " vs " + b[i]);
    }
  }
}

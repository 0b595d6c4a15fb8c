package org.phloem.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.ad.CheckpointOptions;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.CompiledModel;

/**
 * A time-step loop (a loop whose body holds two or more loop nests) is cut a method per nest at any
 * budget: its header stays in the sweep's method, each nest goes to a helper with the scalar statements
 * before it, and the code computes the same bits as the whole method (the random programs of
 * {@link MethodSplittingTest} check that for every sweep at the default budget too).
 */
class TimeStepNestsTest {
  private static final Stmt FIRST_NEST = loop("j0", store(Expr.call(Prim.SIN, Expr.local("x0"))));
  private static final Stmt SCALAR = new Stmt.Assign(new Ref.Local("x1"), Expr.add(Expr.local("x1"), Expr.elem("A", IExpr.of(2))), 0);
  private static final Stmt SECOND_NEST = loop("j0", store(Expr.call(Prim.TANH, Expr.add(Expr.local("x1"), Expr.elem("A", IExpr.local("j0"))))));

  @Test
  void aTimeStepLoop_keepsItsHeader_andEachNestBecomesAHelper() {
    IrFunction forward = RandomSplitIr.program(List.of(FIRST_NEST, SCALAR, SECOND_NEST)).function("forward");
    Piece root = MethodSplitter.plan(forward, "runForward", ClassEmitter.DEFAULT_BUDGET, true);
    Piece.Loop step = timeLoop(root.body());
    assertEquals(2, step.body().size(), "one call per nest: " + step.body());
    Piece first = assertInstanceOf(Piece.Call.class, step.body().get(0)).helper();
    Piece second = assertInstanceOf(Piece.Call.class, step.body().get(1)).helper();
    assertEquals(List.of(new Piece.Inline(FIRST_NEST)), first.body());
    assertEquals(List.of(new Piece.Inline(SCALAR), new Piece.Inline(SECOND_NEST)), second.body());
  }

  @Test
  void aLoopWithOneNest_orTheRuleOff_leavesASmallSweepWhole() {
    IrFunction oneNest = RandomSplitIr.program(List.of(FIRST_NEST, SCALAR)).function("forward");
    assertEquals(Piece.inline(oneNest.body()), MethodSplitter.plan(oneNest, "runForward", ClassEmitter.DEFAULT_BUDGET, true).body());
    IrFunction twoNests = RandomSplitIr.program(List.of(FIRST_NEST, SCALAR, SECOND_NEST)).function("forward");
    assertEquals(Piece.inline(twoNests.body()), MethodSplitter.plan(twoNests, "runForward", ClassEmitter.DEFAULT_BUDGET, false).body());
  }

  @Test
  void theNestMethods_giveTheWholeMethodsBits_andPassTheVerifier() {
    IrProgram program = RandomSplitIr.program(List.of(FIRST_NEST, SCALAR, SECOND_NEST));
    byte[] bytes = ClassEmitter.emit(program, ClassEmitter.DEFAULT_BUDGET);
    assertEquals("", MethodSplittingTest.problems(bytes));
    CompiledModel split = LoadedModel.load(program, ClassEmitter.DEFAULT_BUDGET).bind(RandomSplitIr.data());
    CompiledModel whole = LoadedModel.load(program, ClassEmitter.NO_SPLITTING).bind(RandomSplitIr.data());
    double[] p = {0.4, -0.9, 1.3};
    MethodSplittingTest.assertBits(whole.cost(p), split.cost(p), "cost");
    MethodSplittingTest.assertBits(whole.output(0), split.output(0), "output A");
    assertTrue(bytes.length > ClassEmitter.emit(program, ClassEmitter.NO_SPLITTING).length, "the split class has helpers");
  }

  @Test
  void theCheckpointedSweeps_keepTheirNestsTogether() {
    IrProgram program = AutoDiff.differentiate(RandomSplitIr.program(List.of(FIRST_NEST, SCALAR, SECOND_NEST)), CheckpointOptions.always(0, 2));
    byte[] bytes = ClassEmitter.emit(program, ClassEmitter.DEFAULT_BUDGET);
    assertEquals("", MethodSplittingTest.problems(bytes));
    List<String> names = MethodSplittingTest.methodNames(bytes);
    assertTrue(names.stream().anyMatch(n -> n.startsWith("runGradient$")), "the plain gradient's nests are helpers: " + names);
    assertTrue(names.stream().noneMatch(n -> n.startsWith("runGradientCheckpointed$") || n.startsWith("runHessianVectorCheckpointed$")),
        "the checkpointed sweeps stay whole: " + names);
  }

  /** The time loop {@code t} among the root's nodes. */
  private static Piece.Loop timeLoop(List<Piece.Node> nodes) {
    for (Piece.Node n : nodes) {
      if (n instanceof Piece.Loop l && l.loop().index().equals("t")) {
        return l;
      }
    }
    throw new AssertionError("the time loop's header is not in the sweep's method: " + nodes);
  }

  private static Stmt loop(String index, Stmt body) {
    return new Stmt.For(index, IExpr.of(0), IExpr.of(RandomSplitIr.N), false, List.of(body), 0);
  }

  private static Stmt store(Expr value) {
    return new Stmt.Assign(new Ref.Elem("A", IExpr.local("j0")), value, 0);
  }
}

package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.ModelLayout;
import org.phloem.tests.support.Repo;

/**
 * {@code phloem watch}'s light check runs the gradient alone ({@link AutoDiff#gradientOnly}) while the
 * tangent and Hessian-vector code are still being compiled. On every shipped model that program holds
 * exactly the functions of {@link AutoDiff#differentiate} a gradient runs ({@code gradient}, and where
 * there are any {@code gradientCheckpointed} and {@code plainTapeBytes}), equal statement for statement,
 * lines included, and the arrays they use with the same shapes; nothing else but the forward program,
 * its {@code forward} function unchanged.
 */
class GradientOnlyTest {
  static List<String> everyModel() {
    return ModelFiles.all();
  }

  @ParameterizedTest
  @MethodSource("everyModel")
  void theGradientAlone_isTheGradientOfAllTheDerivatives(String where) throws Exception {
    IrProgram forward = Pipeline.compile(Repo.model(where), false).forward();
    IrProgram all = AutoDiff.differentiate(forward);
    IrProgram gradient = AutoDiff.gradientOnly(forward);

    assertSameFunctions(all, f -> f.equals("forward") || f.equals("gradient") || f.equals(AutoDiff.GRADIENT_CHECKPOINTED)
        || f.equals(AutoDiff.PLAIN_TAPE_BYTES), gradient, where);
    // the forward code unchanged: watch computes the light check's costs on the forward class, trusting
    // them as the gradient class's (it also compares the two classes' cost at the point, bit for bit)
    assertEquals(forward.function("forward"), gradient.function("forward"), where + ": the forward function");
    assertEquals(forward.arrays(), gradient.arrays().subList(0, forward.arrays().size()), where);
    for (ModelLayout.ArraySlot slot : gradient.arrays()) {
      ModelLayout.ArraySlot same = all.array(slot.name());
      assertTrue(same != null && same.dims().equals(slot.dims()) && same.fill() == slot.fill(), where + ": array " + slot.name());
    }
    assertEquals(forward.outputs(), gradient.outputs(), where + ": outputs without tangents");
  }

  /**
   * The light check's program ({@link AutoDiff#plainGradient}): the gradient alone's functions but its
   * checkpointed gradient, each the same statement for statement (so {@code plainTapeBytes}, which decides
   * whether a bound model checkpoints, counts what it counts there), and arrays it has, same shapes.
   */
  @ParameterizedTest
  @MethodSource("everyModel")
  void thePlainGradient_isTheGradientAloneWithoutItsCheckpointedVariant(String where) throws Exception {
    IrProgram forward = Pipeline.compile(Repo.model(where), false).forward();
    IrProgram gradient = AutoDiff.gradientOnly(forward);
    IrProgram plain = AutoDiff.plainGradient(forward);

    assertSameFunctions(gradient, f -> !f.equals(AutoDiff.GRADIENT_CHECKPOINTED), plain, where);
    assertEquals(gradient.arrays().subList(0, plain.arrays().size()), plain.arrays(), where + ": arrays");
    assertEquals(gradient.outputs(), plain.outputs(), where + ": outputs");
  }

  /** {@code actual} has exactly the functions of {@code from} that {@code kept} keeps, in order, each equal statement for statement. */
  private static void assertSameFunctions(IrProgram from, Predicate<String> kept, IrProgram actual, String where) {
    List<String> expected = from.functions().keySet().stream().filter(kept).toList();
    assertEquals(expected, List.copyOf(actual.functions().keySet()), where);
    for (String f : expected) {
      assertEquals(from.function(f), actual.function(f), where + ": function " + f);
    }
  }
}

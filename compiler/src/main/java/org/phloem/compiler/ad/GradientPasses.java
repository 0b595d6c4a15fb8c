package org.phloem.compiler.ad;

import java.util.Set;
import java.util.function.BiFunction;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;

/**
 * How the passes that rework the finished gradient functions ({@link ReductionSplit},
 * {@link ElementAccumulators}, {@link CarriedElements}) are applied: to each named function the program
 * holds, one after the other (a pass may add arrays the next function's run must see), unless the pass's
 * switch property is set to {@code false} (to measure it, and in the tests that show what it does).
 */
final class GradientPasses {
  private GradientPasses() {}

  /**
   * {@code program} after {@code pass} ran on each of {@code functions} it holds; {@code pass} gets the
   * program as it stands and the function, and returns the program with that function reworked (or the
   * program unchanged).
   */
  static IrProgram onEach(IrProgram program, Set<String> functions, String switchProperty,
      BiFunction<IrProgram, IrFunction, IrProgram> pass) {
    if (!Boolean.parseBoolean(System.getProperty(switchProperty, "true"))) {
      return program;
    }
    IrProgram out = program;
    for (String name : functions) {
      if (out.functions().containsKey(name)) {
        out = pass.apply(out, out.function(name));
      }
    }
    return out;
  }
}

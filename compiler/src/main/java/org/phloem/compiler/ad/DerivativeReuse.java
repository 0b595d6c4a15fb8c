package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrOutput;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.LineNumbers;
import org.phloem.runtime.ModelLayout;

/**
 * For {@code phloem watch}: differentiates programs with their statements numbered instead of lined
 * ({@link LineNumbers}), and keeps the last. When the next program is the same code but for its lines
 * (a comment or a blank line added or removed, in any file of the model), its numbered form is the
 * last one, so the last derivatives are reused, only their lines put back from the new program:
 * the program {@link AutoDiff#differentiate} would return (derivative code copies the lines of the
 * statements it comes from and never looks at them), without the tens to hundreds of milliseconds that
 * takes for the larger models. Any other change is differentiated again. All the derivatives and the
 * gradient alone ({@link AutoDiff#gradientOnly}, and without its checkpointed variant: {@link
 * AutoDiff#plainGradient}) are kept apart, each with its last program.
 */
public final class DerivativeReuse {
  /** The last program differentiated with all derivatives, and with the gradient alone, each with what it gave. */
  private final Last all = new Last(AutoDiff::differentiate);
  private final Last gradient = new Last(AutoDiff::gradientOnly);
  private final Last plainGradient = new Last(AutoDiff::plainGradient);

  /** A program with derivatives, and whether they were the last ones, lines moved. */
  public record Result(IrProgram program, boolean reused) {}

  /** {@code forward} with its derivatives, as {@link AutoDiff#differentiate(IrProgram)} gives them; reused when only lines moved. */
  public Result differentiate(IrProgram forward) {
    return all.differentiate(forward);
  }

  /**
   * {@code forward} with its gradient alone, as {@link AutoDiff#gradientOnly} gives it; reused when only
   * lines moved since it was last asked for (kept apart from {@link #differentiate}'s: {@code phloem
   * watch} runs its light check on the class with the gradient alone, which the JIT has compiled).
   */
  public Result gradientOnly(IrProgram forward) {
    return gradient.differentiate(forward);
  }

  /** {@code forward} with its plain gradient alone, as {@link AutoDiff#plainGradient} gives it; reused as {@link #gradientOnly}'s. */
  public Result plainGradient(IrProgram forward) {
    return plainGradient.differentiate(forward);
  }

  /** One kind of derivatives: the last numbered program and what differentiating it gave. */
  private static final class Last {
    private final UnaryOperator<IrProgram> differentiating;
    private LineNumbers last;
    private IrProgram lastDerivatives;

    Last(UnaryOperator<IrProgram> differentiating) {
      this.differentiating = differentiating;
    }

    synchronized Result differentiate(IrProgram forward) {
      LineNumbers numbers = LineNumbers.of(forward);
      boolean reused = last != null && last.sameCode(numbers);
      if (!reused) {
        lastDerivatives = differentiating.apply(numbers.numbered());
      }
      last = numbers;
      return new Result(restore(lastDerivatives, numbers), reused);
    }
  }

  /**
   * {@code derivatives} of the numbered code, as derivatives of {@code numbers}' program: its own
   * declarations, arrays and functions, then those differentiation added, lines put back.
   */
  private static IrProgram restore(IrProgram derivatives, LineNumbers numbers) {
    IrProgram forward = numbers.program();
    Map<String, IrFunction> functions = new LinkedHashMap<>();
    for (IrFunction f : derivatives.functions().values()) {
      functions.put(f.name(), forward.functions().containsKey(f.name()) ? forward.function(f.name()) : numbers.restore(f));
    }
    // differentiation appends its arrays, and only names tangent arrays of the outputs
    List<ModelLayout.ArraySlot> arrays = new ArrayList<>(forward.arrays());
    arrays.addAll(derivatives.arrays().subList(forward.arrays().size(), derivatives.arrays().size()));
    List<IrOutput> outputs = new ArrayList<>();
    for (int k = 0; k < forward.outputs().size(); k++) {
      String tangent = derivatives.outputs().get(k).tangentArray();
      outputs.add(tangent == null ? forward.outputs().get(k) : forward.outputs().get(k).withTangent(tangent));
    }
    return new IrProgram(forward.name(), forward.title(), forward.sourceFile(), forward.tables(), forward.dims(), forward.inputs(),
        forward.params(), arrays, outputs, forward.observations(), functions);
  }
}

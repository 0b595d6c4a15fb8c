package org.phloem.compiler.diagnose;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.lower.Lowering;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.OutputInfo;

/**
 * Explains a NaN or infinite cost or output: where in the model file the first non-finite value
 * appeared, in which variable and element, from which expression and operand values. Instead of
 * "cost is NaN", a modeller reads
 *
 * <pre>
 * dalec_core.phl, line 82: 'resp_lit' became NaN at d = 16: p8 * cl * temp_rate with cl = NaN
 *      82 |   let resp_lit = p8 * cl * temp_rate
 * </pre>
 *
 * <p>How: the generated class does not record where values go, so the forward IR is run again in the
 * {@link IrInterpreter} over the same inputs, constants and parameters, with a listener that stops at the
 * first assignment storing NaN or an infinity. The interpreter computes exactly what the generated code
 * computes (both use the same {@code Prim.apply}), so the first fault it sees is the run's.
 */
public final class NumericalFaults {
  private NumericalFaults() {}

  /**
   * Runs {@code model} at {@code p} and, when its cost or one of its declared outputs is NaN or
   * infinite, explains where the first non-finite value appeared.
   *
   * @param compilation the compilation the model was bound from
   * @param model the bound model (as {@code compilation.bind(...)} returns it)
   * @param p the parameter vector, physical units
   * @return the explanation, one paragraph; empty when the cost and every output are finite
   */
  public static Optional<String> diagnose(Compilation compilation, CompiledModel model, double[] p) {
    double cost = model.cost(p);
    String symptom = symptom(model, cost);
    if (symptom == null) {
      return Optional.empty();
    }
    if (!(model instanceof GeneratedModel)) {
      return Optional.of(symptom + " (this kind of model cannot be traced to a line).");
    }
    IrProgram forward = Lowering.lowerAsWritten(compilation.checked());
    List<DimInfo> dims = model.info().dims();
    Map<String, double[]> arrays = arrays(forward, (GeneratedModel) model, dims);
    arrays.put(Lowering.PARAMS, p.clone());
    Map<String, Integer> sizes = new HashMap<>();
    dims.forEach(d -> sizes.put(d.name(), d.size()));

    Set<Integer> observeLines = new HashSet<>();
    for (ObservationInfo o : forward.observations()) {
      observeLines.add(o.line());
    }
    IrFunction run = forward.function("forward");
    FirstNonFinite watch = new FirstNonFinite(observeLines);
    try {
      new IrInterpreter(arrays, sizes).onStore(watch).run(run);
    } catch (FirstNonFinite.Stop stop) {
      FaultMessage words = new FaultMessage(forward, dims, new SourceLookup(compilation.checked()),
          compilation.checked().mainFile().displayPath());
      return Optional.of(symptom + "; the first non-finite value:\n" + words.describe(stop.found));
    }
    return Optional.of(symptom + ", but re-running the model found no assignment that stored a non-finite value.");
  }

  /** "The cost is NaN" or "Output 'gpp' is Infinity at element 3"; null when all is finite. */
  private static String symptom(CompiledModel model, double cost) {
    if (!Double.isFinite(cost)) {
      return "The observation cost is " + FaultMessage.number(cost);
    }
    List<OutputInfo> outputs = model.info().outputs();
    for (int k = 0; k < outputs.size(); k++) {
      if (outputs.get(k).role() != OutputInfo.Role.OUTPUT) {
        continue; // observation arrays hold NaN for every missing observation, by design
      }
      double[] values = model.output(k);
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          return "Output '" + outputs.get(k).name() + "' is " + FaultMessage.number(values[i]) + " at element " + i;
        }
      }
    }
    return null;
  }

  /** Every array the forward code indexes, filled as the generated class fills its own. */
  static Map<String, double[]> arrays(IrProgram forward, GeneratedModel model, List<DimInfo> dims) {
    Map<String, Integer> sizes = new HashMap<>();
    dims.forEach(d -> sizes.put(d.name(), d.size()));
    Map<String, double[]> out = new HashMap<>();
    for (ModelLayout.ArraySlot slot : forward.arrays()) {
      int n = 1;
      for (String d : slot.dims()) {
        n *= sizes.get(d);
      }
      double[] values;
      switch (slot.fill()) {
        case INPUT:
          values = model.data().inputs().get(slot.name()).clone();
          break;
        case CONSTANT:
          values = slot.values().length == n ? slot.values().clone() : filled(n, slot.values()[0]);
          break;
        default:
          values = new double[n];
          break;
      }
      out.put(slot.name(), values);
    }
    return out;
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    Arrays.fill(a, value);
    return a;
  }
}

package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrOutput;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.data.DimSpec;

/**
 * A hand-built test model: an IR program with its dim sizes, bound inputs, and the box its
 * parameters are drawn from.
 */
record Model(String name, IrProgram program, Map<String, Integer> dimSizes, Map<String, double[]> inputs, double[] lower, double[] upper) {

  int parameterCount() {
    return lower.length;
  }

  /** The same model with another program (e.g. its differentiated form). */
  Model with(IrProgram p) {
    return new Model(name, p, dimSizes, inputs, lower, upper);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Builds the program around a forward function. */
  static final class Builder {
    private final String name;
    private final Map<String, Integer> dims = new LinkedHashMap<>();
    private final Map<String, double[]> inputs = new LinkedHashMap<>();
    private final List<ModelLayout.ArraySlot> arrays = new ArrayList<>();
    private final List<IrOutput> outputs = new ArrayList<>();
    private final List<ModelLayout.ParamLayout> params = new ArrayList<>();
    private final List<Double> lower = new ArrayList<>();
    private final List<Double> upper = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    Builder dim(String d, int size) {
      dims.put(d, size);
      return this;
    }

    Builder input(String array, double[] values, String... dimNames) {
      inputs.put(array, values);
      arrays.add(new ModelLayout.ArraySlot(array, List.of(dimNames), ModelLayout.Fill.INPUT, null));
      return this;
    }

    Builder work(String array, String... dimNames) {
      arrays.add(new ModelLayout.ArraySlot(array, List.of(dimNames), ModelLayout.Fill.WORK, null));
      return this;
    }

    Builder output(String array, OutputInfo.Role role) {
      outputs.add(new IrOutput(array, "", role, array, null));
      return this;
    }

    /** A parameter with {@code count} slots, each drawn from [lo, hi]. */
    Builder param(String p, int count, double lo, double hi, String... dimNames) {
      double[] one = {0};
      params.add(new ModelLayout.ParamLayout(p, List.of(dimNames), one, new double[] {1}, new double[] {lo}, new double[] {hi},
          false, "", "", 0));
      for (int k = 0; k < count; k++) {
        lower.add(lo);
        upper.add(hi);
      }
      return this;
    }

    Model build(IrFunction forward) {
      List<DimSpec> dimSpecs = new ArrayList<>();
      dims.forEach((d, size) -> dimSpecs.add(new DimSpec(d, size, 0)));
      IrProgram program = new IrProgram(name, "", name + ".phl", List.of(), dimSpecs, List.of(), params, arrays, outputs,
          List.of(), Map.of("forward", forward));
      return new Model(name, program, dims, inputs, unbox(lower), unbox(upper));
    }

    private static double[] unbox(List<Double> xs) {
      double[] out = new double[xs.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] = xs.get(k);
      }
      return out;
    }
  }
}

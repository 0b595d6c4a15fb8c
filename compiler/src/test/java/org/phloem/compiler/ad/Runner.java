package org.phloem.compiler.ad;

import java.util.HashMap;
import java.util.Map;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.ModelLayout;

/**
 * Runs a program's functions on the interpreter the way a generated model runs them: the arrays are
 * allocated once and kept between calls (so stale work-array contents from an earlier sweep would show).
 */
final class Runner {
  private final IrProgram program;
  private final Map<String, Integer> dimSizes;
  private final Map<String, double[]> arrays = new HashMap<>();

  Runner(Model m) {
    this.program = m.program();
    this.dimSizes = m.dimSizes();
    for (ModelLayout.ArraySlot a : program.arrays()) {
      int size = 1;
      for (String d : a.dims()) {
        size *= dimSizes.get(d);
      }
      switch (a.fill()) {
        case INPUT:
          arrays.put(a.name(), m.inputs().get(a.name()).clone());
          break;
        case CONSTANT:
          arrays.put(a.name(), a.values().clone());
          break;
        default:
          arrays.put(a.name(), new double[size]);
      }
    }
  }

  /** Runs function {@code name} with its array arguments in order; returns its results. */
  double[] run(String name, double[]... args) {
    return run(name, null, args);
  }

  /** As {@link #run(String, double[]...)}, telling {@code listener} of every store (null: none). */
  double[] run(String name, IrInterpreter.StoreListener listener, double[]... args) {
    IrFunction f = program.function(name);
    if (args.length != f.arguments().size()) {
      throw new IllegalArgumentException(name + " takes " + f.arguments());
    }
    for (int k = 0; k < args.length; k++) {
      arrays.put(f.arguments().get(k), args[k]);
    }
    return new IrInterpreter(arrays, dimSizes).onStore(listener).run(f);
  }

  double forward(double[] p) {
    return run("forward", p)[0];
  }

  /** J; fills g. */
  double gradient(double[] p, double[] g) {
    return run("gradient", p, g)[0];
  }

  /** {J, J$d}. */
  double[] tangent(double[] p, double[] dp) {
    return run("tangent", p, dp);
  }

  /** J; fills hv. */
  double hessianVector(double[] p, double[] v, double[] hv) {
    return run("hessianVector", p, v, hv)[0];
  }

  /** The current contents of an array (a copy). */
  double[] array(String name) {
    return arrays.get(name).clone();
  }
}

package org.phloem.compiler.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.data.DimSpec;
import org.phloem.runtime.data.InputSpec;
import org.phloem.runtime.data.TableSpec;

/**
 * A whole model in IR: what it needs from the data, its parameters, the arrays its code indexes, its
 * outputs, and its functions. Transforms return new programs ({@code with...}); nothing is mutated.
 *
 * @param name the model's name
 * @param title its description
 * @param sourceFile the model file
 * @param tables data tables
 * @param dims dims, in the order sizes are indexed
 * @param inputs inputs to bind
 * @param params parameters in slot order
 * @param arrays every array the functions index (inputs, constants, work, adjoints, tangents)
 * @param outputs every reported array
 * @param observations every observe statement (indices into outputs)
 * @param functions the functions by name
 */
public record IrProgram(
    String name,
    String title,
    String sourceFile,
    List<TableSpec> tables,
    List<DimSpec> dims,
    List<InputSpec> inputs,
    List<ModelLayout.ParamLayout> params,
    List<ModelLayout.ArraySlot> arrays,
    List<IrOutput> outputs,
    List<ObservationInfo> observations,
    Map<String, IrFunction> functions) {

  public IrProgram {
    tables = List.copyOf(tables);
    dims = List.copyOf(dims);
    inputs = List.copyOf(inputs);
    params = List.copyOf(params);
    arrays = List.copyOf(arrays);
    outputs = List.copyOf(outputs);
    observations = List.copyOf(observations);
    functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functions));
  }

  /** The array called {@code name}, or null. */
  public ModelLayout.ArraySlot array(String name) {
    for (ModelLayout.ArraySlot a : arrays) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /** The function called {@code name}; fails when there is none. */
  public IrFunction function(String name) {
    IrFunction f = functions.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no function " + name + " in " + functions.keySet());
    }
    return f;
  }

  /** This program with {@code f} added (or replacing the function of the same name). */
  public IrProgram withFunction(IrFunction f) {
    Map<String, IrFunction> fs = new LinkedHashMap<>(functions);
    fs.put(f.name(), f);
    return new IrProgram(name, title, sourceFile, tables, dims, inputs, params, arrays, outputs, observations, fs);
  }

  /** This program with more work arrays (names must be new). */
  public IrProgram withArrays(List<ModelLayout.ArraySlot> more) {
    List<ModelLayout.ArraySlot> all = new ArrayList<>(arrays);
    for (ModelLayout.ArraySlot a : more) {
      if (array(a.name()) != null) {
        throw new IllegalArgumentException("array " + a.name() + " exists already");
      }
      all.add(a);
    }
    return new IrProgram(name, title, sourceFile, tables, dims, inputs, params, all, outputs, observations, functions);
  }

  /** This program with its outputs replaced (to name tangent arrays). */
  public IrProgram withOutputs(List<IrOutput> newOutputs) {
    return new IrProgram(name, title, sourceFile, tables, dims, inputs, params, arrays, newOutputs, observations, functions);
  }

  /** The number of parameter slots once dims are sized (the argument arrays' length). */
  public int parameterCount(Map<String, Integer> dimSizes) {
    int n = 0;
    for (ModelLayout.ParamLayout p : params) {
      int size = 1;
      for (String d : p.dims()) {
        size *= dimSizes.get(d);
      }
      n += size;
    }
    return n;
  }

  /** The layout the runtime needs, with array positions and output arrays resolved to indices. */
  public ModelLayout layout() {
    List<ModelLayout.OutputLayout> outs = new ArrayList<>();
    for (IrOutput o : outputs) {
      outs.add(new ModelLayout.OutputLayout(o.name(), o.unit(), o.role(), arrayIndex(o.valueArray()),
          o.tangentArray() == null ? -1 : arrayIndex(o.tangentArray()), o.description()));
    }
    return new ModelLayout(name, title, sourceFile, tables, dims, inputs, arrays, params, outs, observations);
  }

  /** Position of array {@code name} in {@link #arrays()}; fails when absent. */
  public int arrayIndex(String name) {
    for (int k = 0; k < arrays.size(); k++) {
      if (arrays.get(k).name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no array " + name);
  }

  /** Position of dim {@code name} in {@link #dims()}; fails when absent. */
  public int dimIndex(String name) {
    for (int k = 0; k < dims.size(); k++) {
      if (dims.get(k).name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no dim " + name);
  }
}

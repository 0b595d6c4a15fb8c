package org.phloem.compiler.diagnose;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.compiler.lower.ElementAccess;
import org.phloem.compiler.lower.Lowering;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.GeneratedModel;

/**
 * Explains an array index out of range: which file and line, which variable, which index value, and the
 * dim's size, e.g.
 *
 * <pre>
 * model.phl, line 9: index -1 of 'y' is outside dim 't', which has 5 elements (0 to 4), at i = 0
 *       9 |   z[i] = y[i - 1]
 * </pre>
 *
 * <p>How: the generated code does not check indices (it would cost on every access); when the JVM
 * throws, the model is lowered again with every element reference's per-dim indices recorded, and the
 * forward IR is run in the {@link IrInterpreter} with a listener that checks each index against its dim
 * before the access. The interpreter computes exactly what the generated code computes, so the first
 * index it finds out of range is the run's. Also catches an index that stays inside the array but
 * leaves its own dim (a row's index spilling into the next row), which the JVM cannot see.
 */
public final class IndexFaults {
  private IndexFaults() {}

  /** The first line of the explanation of an index out of range. */
  private static final String OUTSIDE = "The model used an array index outside its range:" + System.lineSeparator();

  /**
   * Re-runs {@code model}'s forward code at {@code p} and names the first index out of its dim's range,
   * or the first index arithmetic that overflowed int or took a remainder by zero ({@link IntegerFaults}),
   * with the values the indices of the loops around it had then (which pass of nested loops failed).
   * Index arithmetic depends on loop indices, literals and dim sizes only, never on parameters, so the
   * forward code meets every fault a derivative sweep can: the sweeps compute the same indices.
   *
   * @return the explanation, its first line a headline; empty when every index stays in range and no
   *     arithmetic fails (then the throw was Phloem's bug)
   */
  public static Optional<String> locate(Compilation compilation, GeneratedModel model, double[] p) {
    Map<Ref.Elem, ElementAccess> accesses = new IdentityHashMap<>();
    Map<IExpr.Bin, org.phloem.compiler.ast.Expr> arithmetic = new IdentityHashMap<>();
    IrProgram forward = Lowering.lower(compilation.checked(), accesses, arithmetic);
    List<DimInfo> dims = model.info().dims();
    Map<String, double[]> arrays = NumericalFaults.arrays(forward, model, dims);
    arrays.put(Lowering.PARAMS, p.clone());
    Map<String, Integer> sizes = new HashMap<>();
    dims.forEach(d -> sizes.put(d.name(), d.size()));
    Map<String, DimInfo> dimsByName = new HashMap<>();
    dims.forEach(d -> dimsByName.put(d.name(), d));
    SourceLookup sources = new SourceLookup(compilation.checked());
    String mainFile = compilation.checked().mainFile().displayPath();
    IrInterpreter interpreter = new IrInterpreter(arrays, sizes);
    try {
      interpreter.onAccess((ref, flat, length, state) -> {
        ElementAccess a = accesses.get(ref);
        if (a != null) {
          for (int k = 0; k < a.dims().size(); k++) {
            int index = state.valueOf(a.indices().get(k));
            Integer size = sizes.get(a.dims().get(k));
            if (size != null && (index < 0 || index >= size)) {
              throw new Found(OUTSIDE + describe(state.currentStatement(), sources, mainFile, String.format(Locale.ROOT,
                  "index %d of '%s' is outside dim '%s', which has %s%s", index, a.variable(), a.dims().get(k),
                  range(size), atLoops(state, dimsByName))));
            }
          }
        }
        if (flat < 0 || flat >= length) {
          throw new Found(OUTSIDE + describe(state.currentStatement(), sources, mainFile, String.format(Locale.ROOT,
              "element %d of '%s' is out of range: it has %s%s", flat, FaultMessage.modelName(ref.name()), range(length),
              atLoops(state, dimsByName))));
        }
      }).run(forward.function("forward"));
    } catch (Found found) {
      return Optional.of(found.getMessage());
    } catch (IrInterpreter.IntegerFault fault) {
      return Optional.ofNullable(IntegerFaults.describe(fault, arithmetic.get(fault.operation()),
          atLoops(interpreter, dimsByName)));
    } catch (RuntimeException e) {
      return Optional.empty(); // the interpreter itself failed: not something to blame on the model
    }
    return Optional.empty();
  }

  /** ", at j = 1, i = 13": the loops running at the fault (worded only then: this listener sees every access). */
  private static String atLoops(IrInterpreter state, Map<String, DimInfo> dims) {
    String at = LoopWords.at(state.runningLoops(), dims);
    return at.isEmpty() ? "" : "," + at;
  }

  static String range(int size) {
    return size == 0 ? "no elements" : size == 1 ? "1 element (index 0)" : size + " elements (0 to " + (size - 1) + ")";
  }

  private static String describe(Stmt.Assign at, SourceLookup sources, String mainFile, String what) {
    if (at == null || at.line() <= 0) {
      return what;
    }
    int line = at.line();
    SourceLookup.Site site = sources.find(line, FaultMessage.modelName(at.target().name()));
    String file = site != null ? site.span().file().displayPath() : mainFile;
    StringBuilder out = new StringBuilder(file + ", line " + line + ": " + what);
    if (site != null) {
      out.append(String.format(Locale.ROOT, "%n  %5d | %s", line, site.span().file().line(line)));
    }
    return out.toString();
  }

  /** Thrown through the interpreter to stop it at the first index out of range. */
  private static final class Found extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Found(String message) {
      super(message, null, false, false);
    }
  }
}

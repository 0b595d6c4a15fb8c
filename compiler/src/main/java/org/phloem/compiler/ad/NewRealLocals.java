package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;

/**
 * The real locals a pass adds to one function ({@link ElementAccumulators}, {@link CarriedElements}):
 * names no local, argument or array of the program has, and the function with them declared.
 */
final class NewRealLocals {
  private final IrFunction f;
  private final Set<String> taken = new LinkedHashSet<>();
  private final List<String> added = new ArrayList<>();

  NewRealLocals(IrProgram program, IrFunction f) {
    this.f = f;
    taken.addAll(f.locals().keySet());
    taken.addAll(f.arguments());
    program.arrays().forEach(a -> taken.add(a.name()));
  }

  /** A new real local named {@code base}, or {@code base} with the first free number after it. */
  String fresh(String base) {
    String n = base;
    int k = 2;
    while (taken.contains(n)) {
      n = base + k++;
    }
    taken.add(n);
    added.add(n);
    return n;
  }

  /** True when {@link #fresh} made a local. */
  boolean any() {
    return !added.isEmpty();
  }

  /** The function with {@code body} and the new locals declared. */
  IrFunction with(List<Stmt> body) {
    Map<String, ScalarType> locals = new LinkedHashMap<>(f.locals());
    added.forEach(l -> locals.put(l, ScalarType.REAL));
    return new IrFunction(f.name(), f.arguments(), f.results(), locals, body);
  }
}

package org.phloem.compiler.lower;

import java.util.List;
import org.phloem.compiler.ast.DimDecl;

/**
 * Where a declared value lives in the IR.
 *
 * @param irName the IR local or array name
 * @param scalarLocal true for a real local (scalar params, states and vars); false for an array
 *     (indexed values, inputs, constant arrays, and scalar outputs, which are one-element arrays so
 *     the runtime can read them)
 * @param dims the array's dims, outermost first (empty for a scalar)
 */
record Place(String irName, boolean scalarLocal, List<DimDecl> dims) {
  Place {
    dims = List.copyOf(dims);
  }
}

package org.phloem.compiler.lower;

import java.util.List;
import org.phloem.compiler.ir.IExpr;

/**
 * One element reference as the model wrote it, before its indices were folded into one flat offset: the
 * variable, its dims and one index per dim. Recorded on request ({@link Lowering#lower(
 * org.phloem.compiler.check.CheckedModel, java.util.Map)}) so that the index-fault diagnosis can say
 * which index left which dim's range; the generated code only sees the flat offset.
 *
 * @param variable the model's name of the array
 * @param dims the names of its dims, in order
 * @param indices one integer index per dim
 */
public record ElementAccess(String variable, List<String> dims, List<IExpr> indices) {
  public ElementAccess {
    dims = List.copyOf(dims);
    indices = List.copyOf(indices);
  }
}

package org.phloem.compiler.lower;

import java.util.List;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.ir.IExpr;

/** Sizes of dims and flat row-major offsets, with fixed sizes folded in as constants. */
final class Indexing {
  private final CheckedModel model;

  Indexing(CheckedModel model) {
    this.model = model;
  }

  /** The size of {@code dim}: a constant when declared with one, else the bound size. */
  IExpr size(DimDecl dim) {
    int fixed = model.fixedSize(dim);
    return fixed >= 0 ? IExpr.of(fixed) : new IExpr.DimSize(dim.name().name());
  }

  /** The number of elements of an array over {@code dims}. */
  IExpr count(List<DimDecl> dims) {
    IExpr n = IExpr.of(1);
    for (DimDecl d : dims) {
      n = IExpr.times(n, size(d));
    }
    return n;
  }

  /** The flat offset of element {@code indices} of an array over {@code dims} (Horner's scheme). */
  IExpr flat(List<DimDecl> dims, List<IExpr> indices) {
    if (dims.isEmpty()) {
      return IExpr.of(0);
    }
    IExpr offset = indices.get(0);
    for (int k = 1; k < dims.size(); k++) {
      offset = IExpr.plus(IExpr.times(offset, size(dims.get(k))), indices.get(k));
    }
    return offset;
  }
}

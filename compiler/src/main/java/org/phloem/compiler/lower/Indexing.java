package org.phloem.compiler.lower;

import java.util.List;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.ir.IExpr;

/**
 * Sizes of dims and flat row-major offsets, with fixed sizes folded in as constants, and the run-time
 * checks that keep each index of a multi-dim array inside its own dim.
 */
final class Indexing {
  private final CheckedModel model;
  private final IndexRanges ranges = new IndexRanges();
  private IndexChecks checks = IndexChecks.UNPROVEN;

  Indexing(CheckedModel model) {
    this.model = model;
  }

  /** The loop bounds the index proofs use. */
  IndexRanges ranges() {
    return ranges;
  }

  /**
   * Which inner indices get a run-time check. {@link IndexChecks#NONE} serves the lowering the
   * index-fault diagnosis interprets: it checks every index against its dim itself and must see the
   * offending access rather than a check's throw.
   */
  void checks(IndexChecks policy) {
    checks = policy;
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

  /**
   * The flat offset of element {@code indices} of an array over {@code dims} (Horner's scheme). Every
   * index after the first is checked against its dim unless the loop bounds prove it inside: an inner
   * index one past its dim would otherwise read the next row's element, and the array's own bounds
   * check cannot see it. The first index, too, is checked unless proven to lie inside or one step
   * outside ({@link IndexRanges#provenNoWrap}): with the inner ones inside their dims it leaves its dim
   * exactly when the true flat offset leaves the array, but far outside (about 2^31 / the row's size)
   * the int offset wraps around and may land inside the array, a silent wrong read the JVM cannot see.
   * An array of one dim needs no check: its offset is the index.
   */
  IExpr flat(List<DimDecl> dims, List<IExpr> indices) {
    if (dims.isEmpty()) {
      return IExpr.of(0);
    }
    IExpr offset = indices.get(0);
    if (dims.size() > 1 && checks != IndexChecks.NONE && !ranges.provenNoWrap(offset, size(dims.get(0)))) {
      offset = IExpr.within(offset, size(dims.get(0)));
    }
    for (int k = 1; k < dims.size(); k++) {
      IExpr size = size(dims.get(k));
      IExpr index = indices.get(k);
      boolean check = checks == IndexChecks.EVERY_INNER || checks == IndexChecks.UNPROVEN && !ranges.provenWithin(index, size);
      if (check) {
        index = IExpr.within(index, size);
      }
      offset = IExpr.plus(IExpr.times(offset, size), index);
    }
    return offset;
  }
}

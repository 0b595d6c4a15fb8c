package org.phloem.compiler.ad;

import org.phloem.compiler.ir.IrPrinter;

/** A generated test model with its derivatives, shown (when jqwik reports a failing try) by its forward function. */
record RandomModel(Model model) {
  @Override
  public String toString() {
    return IrPrinter.print(model.program().function("forward"));
  }
}

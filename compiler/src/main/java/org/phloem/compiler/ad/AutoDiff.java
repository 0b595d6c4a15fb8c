package org.phloem.compiler.ad;

import org.phloem.compiler.ir.IrProgram;

/** Placeholder until the AD transforms land: returns the forward program unchanged. */
public final class AutoDiff {
  private AutoDiff() {}

  public static IrProgram differentiate(IrProgram forward) {
    return forward;
  }
}

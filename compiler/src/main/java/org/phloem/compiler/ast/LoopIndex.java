package org.phloem.compiler.ast;

/** A loop (or reduction) variable and what it runs over; a binding site for its name. */
public sealed interface LoopIndex extends Node permits DimIndex, RangeIndex {
  /** The loop variable. */
  Ident var();
}

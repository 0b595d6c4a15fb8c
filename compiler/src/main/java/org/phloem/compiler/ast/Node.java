package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** Every syntax-tree node: immutable, and carrying where it was written. */
public sealed interface Node
    permits Item, Expr, Block, LoopIndex, Ident, Initializer, UnitAnnotation, ModelFile {
  /** Where the node was written. */
  Span span();
}

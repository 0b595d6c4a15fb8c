package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/** {@code { ... }}: statements in order; its lets are scoped to it. */
public record Block(List<Stmt> statements, Span span) implements Node {
  public Block {
    statements = List.copyOf(statements);
  }
}

package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/** {@code for i in dim, j in 1..n { ... }}: nested loops, the first index outermost. */
public record ForStmt(List<LoopIndex> indices, Block body, Span span) implements Stmt {
  public ForStmt {
    indices = List.copyOf(indices);
  }
}

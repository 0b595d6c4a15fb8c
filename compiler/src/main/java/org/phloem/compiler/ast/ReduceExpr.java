package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/** {@code sum(i in dim, ...) body}, likewise {@code mean} and {@code prod}. */
public record ReduceExpr(ReduceOp op, List<LoopIndex> indices, Expr body, Span span) implements Expr {
  public ReduceExpr {
    indices = List.copyOf(indices);
  }
}

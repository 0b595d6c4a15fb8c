package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/** {@code x[i, j]}: one element of an array. */
public record IndexExpr(Ident name, List<Expr> indices, Span span) implements Expr {
  public IndexExpr {
    indices = List.copyOf(indices);
  }
}

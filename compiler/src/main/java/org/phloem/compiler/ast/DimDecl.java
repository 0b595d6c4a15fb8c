package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code dim NAME} or {@code dim NAME = SIZE}; size is null when the data decides it. */
public record DimDecl(Ident name, Expr size, Span span) implements Decl {
  @Override
  public DeclKind kind() {
    return DeclKind.DIM;
  }
}

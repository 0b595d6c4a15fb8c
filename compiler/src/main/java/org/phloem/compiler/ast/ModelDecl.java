package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code model NAME "description"}. */
public record ModelDecl(Ident name, String description, Span span) implements Decl {
  @Override
  public DeclKind kind() {
    return DeclKind.MODEL;
  }
}

package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/**
 * {@code fn NAME(a, b) = EXPR} (then {@code body} is set) or {@code fn NAME(a, b) { ... }} (then
 * {@code block} is set). Exactly one of the two is non-null.
 */
public record FnDecl(Ident name, List<Ident> params, Expr body, Block block, Span span)
    implements Decl {
  public FnDecl {
    params = List.copyOf(params);
    if ((body == null) == (block == null)) {
      throw new IllegalArgumentException("a fn has either an expression body or a block");
    }
  }

  @Override
  public DeclKind kind() {
    return DeclKind.FN;
  }
}

package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/** {@code f(a, b)}: a call of a built-in function or a declared fn. */
public record CallExpr(Ident fn, List<Expr> args, Span span) implements Expr {
  public CallExpr {
    args = List.copyOf(args);
  }
}

package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/**
 * {@code param NAME[dims] = MEAN sd SD in [LO, HI] log unit U "text"}.
 *
 * @param mean the prior mean, also the starting value
 * @param sd the prior sd, or null for a flat prior
 * @param lower the lower bound, or null
 * @param upper the upper bound, or null (both or neither are given)
 * @param log true when the prior and the search are on log(NAME)
 */
public record ParamDecl(Ident name, List<Ident> dims, Initializer mean, Initializer sd, Expr lower,
    Expr upper, boolean log, UnitAnnotation unit, String description, Span span) implements ArrayDecl {
  public ParamDecl {
    dims = List.copyOf(dims);
  }

  @Override
  public DeclKind kind() {
    return DeclKind.PARAM;
  }
}

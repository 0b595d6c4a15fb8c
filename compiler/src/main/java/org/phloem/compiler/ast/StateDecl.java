package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/**
 * {@code state NAME[dims] = INIT unit U "text"}: mutable, carried through time loops.
 *
 * @param init the initial value (may use params), or null for zero
 */
public record StateDecl(Ident name, List<Ident> dims, Initializer init, UnitAnnotation unit,
    String description, Span span) implements ArrayDecl {
  public StateDecl {
    dims = List.copyOf(dims);
  }

  @Override
  public DeclKind kind() {
    return DeclKind.STATE;
  }
}

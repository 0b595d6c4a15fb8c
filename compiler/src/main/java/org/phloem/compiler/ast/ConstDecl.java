package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/** {@code const NAME[dims] = VALUE unit U "text"}; the value is a constant expression or list. */
public record ConstDecl(Ident name, List<Ident> dims, Initializer value, UnitAnnotation unit,
    String description, Span span) implements ArrayDecl {
  public ConstDecl {
    dims = List.copyOf(dims);
  }

  @Override
  public DeclKind kind() {
    return DeclKind.CONST;
  }
}

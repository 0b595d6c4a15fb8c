package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/**
 * {@code var NAME[dims]} or {@code output NAME[dims]}: a computed value, zero-initialized.
 *
 * @param output true for {@code output} (reported, written out, given a posterior sd)
 */
public record VarDecl(Ident name, List<Ident> dims, boolean output, UnitAnnotation unit,
    String description, Span span) implements ArrayDecl {
  public VarDecl {
    dims = List.copyOf(dims);
  }

  @Override
  public DeclKind kind() {
    return output ? DeclKind.OUTPUT : DeclKind.VAR;
  }
}

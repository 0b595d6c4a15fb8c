package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/**
 * {@code input NAME[dims] = table.column missing unit U "text"}.
 *
 * @param table the table named in {@code = table.column}, or null to search every table
 * @param column the column named after {@code =}, or null for the input's own name
 * @param allowMissing true when blank/NaN cells are allowed
 */
public record InputDecl(Ident name, List<Ident> dims, Ident table, Ident column, boolean allowMissing,
    UnitAnnotation unit, String description, Span span) implements ArrayDecl {
  public InputDecl {
    dims = List.copyOf(dims);
  }

  @Override
  public DeclKind kind() {
    return DeclKind.INPUT;
  }

  /** The column the input binds to: the one named, or the input's own name. */
  public String columnName() {
    return column != null ? column.name() : name.name();
  }
}

package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/**
 * {@code data "dir/table.csv"} or {@code data obs = "dir/table.csv"}.
 *
 * @param name the table name: explicit, or the file stem (then its span is the path's)
 * @param path the path as written, relative to the data root
 */
public record DataDecl(Ident name, String path, Span span) implements Decl {
  @Override
  public DeclKind kind() {
    return DeclKind.DATA;
  }
}

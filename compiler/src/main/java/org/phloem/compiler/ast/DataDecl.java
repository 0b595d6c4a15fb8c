package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/**
 * {@code data "dir/table.csv"}, {@code data obs = "dir/table.csv" where year >= 2005}, or a NetCDF
 * series {@code data tr = "malta/transport2D_{1980..2003}.nc" along time}.
 *
 * @param name the table name: explicit, or the file stem (then its span is the path's)
 * @param path the path as written, relative to the data root (may hold one {@code {first..last}} range)
 * @param along the NetCDF dimension a series of files is joined along, or null
 * @param where the row condition over the table's columns, or null for every row
 */
public record DataDecl(Ident name, String path, Ident along, Expr where, Span span) implements Decl {
  @Override
  public DeclKind kind() {
    return DeclKind.DATA;
  }
}

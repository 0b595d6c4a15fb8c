package org.phloem.compiler.ast;

/** A named top-level declaration. */
public sealed interface Decl extends Item
    permits ModelDecl, DataDecl, DimDecl, FnDecl, ArrayDecl {
  /** The declared name (a data table declared by path alone is named after the file stem). */
  Ident name();

  /** Which declaration this is. */
  DeclKind kind();
}

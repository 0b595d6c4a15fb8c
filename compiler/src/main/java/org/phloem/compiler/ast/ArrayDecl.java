package org.phloem.compiler.ast;

import java.util.List;

/**
 * A declaration of a value, scalar or array, that expressions can use: param, input, const, state,
 * var, output.
 */
public sealed interface ArrayDecl extends Decl
    permits ParamDecl, InputDecl, ConstDecl, StateDecl, VarDecl {
  /** The dimension names, outermost first; empty for a scalar. */
  List<Ident> dims();

  /** The declared unit, or null. */
  UnitAnnotation unit();

  /** The description string, or null. */
  String description();
}

package org.phloem.compiler.check;

import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.LetStmt;
import org.phloem.compiler.ast.LoopIndex;

/** What a name-use refers to, as resolved by the checker. */
public sealed interface Ref {
  /** A top-level declaration (param, input, const, state, var, output, dim, fn, data table). */
  record DeclRef(Decl decl) implements Ref {}

  /** A {@code let} binding. */
  record LetRef(LetStmt let) implements Ref {}

  /**
   * A loop or reduction index.
   *
   * @param dim the dim it runs over, or null for a range ({@code for t in 1..n})
   */
  record LoopRef(LoopIndex index, DimDecl dim) implements Ref {}

  /** An argument of the fn whose body is being read. */
  record ArgRef(FnDecl fn, int position) implements Ref {}

  /** A built-in function. */
  record BuiltinRef(Builtin builtin) implements Ref {}

  /** How the thing referred to reads in a message: "a param", "a let", "a loop index". */
  default String describe() {
    if (this instanceof DeclRef) {
      return ((DeclRef) this).decl().kind().withArticle();
    } else if (this instanceof LetRef) {
      return "a let";
    } else if (this instanceof LoopRef) {
      return "a loop index";
    } else if (this instanceof ArgRef) {
      return "a fn argument";
    }
    return "a built-in function";
  }
}

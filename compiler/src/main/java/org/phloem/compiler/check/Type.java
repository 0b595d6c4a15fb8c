package org.phloem.compiler.check;

import org.phloem.compiler.ast.DimDecl;

/**
 * The type of an expression: REAL, INT or BOOL; an INT may be an index of a dim (a loop index over
 * that dim, or such an index plus or minus an integer).
 *
 * @param kind the value type
 * @param dim for an index, the dim it runs over; otherwise null
 */
public record Type(Kind kind, DimDecl dim) {
  /** The three value types. */
  public enum Kind { REAL, INT, BOOL }

  /** A real number. */
  public static final Type REAL = new Type(Kind.REAL, null);
  /** An integer that is not an index of any dim. */
  public static final Type INT = new Type(Kind.INT, null);
  /** True or false. */
  public static final Type BOOL = new Type(Kind.BOOL, null);

  public Type {
    if (dim != null && kind != Kind.INT) {
      throw new IllegalArgumentException("only an INT can be an index");
    }
  }

  /** An index of {@code dim}. */
  public static Type indexOf(DimDecl dim) {
    return new Type(Kind.INT, dim);
  }

  /** True for REAL and INT. */
  public boolean isNumber() {
    return kind != Kind.BOOL;
  }

  /** True for INT (indices included). */
  public boolean isInt() {
    return kind == Kind.INT;
  }

  /** True for an index of some dim. */
  public boolean isIndex() {
    return dim != null;
  }

  /** How the type reads in a message: "a real number", "an index of 'day'". */
  public String describe() {
    if (dim != null) {
      return "an index of '" + dim.name().name() + "'";
    }
    switch (kind) {
      case INT:
        return "an integer";
      case BOOL:
        return "a true/false value";
      default:
        return "a real number";
    }
  }
}

package org.phloem.compiler.ir;

/** A place a value is read from or stored to. */
public sealed interface Ref permits Ref.Local, Ref.Elem {

  /** The variable's name (local or array). */
  String name();

  /** A scalar local. */
  record Local(String name) implements Ref {}

  /** Element {@code index} (flat, row-major) of an array. */
  record Elem(String name, IExpr index) implements Ref {}
}

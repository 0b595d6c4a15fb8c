package org.phloem.compiler.ast;

/** Prefix operators. */
public enum UnaryOp {
  NEG("-"), NOT("!");

  private final String symbol;

  UnaryOp(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written. */
  public String symbol() {
    return symbol;
  }
}

package org.phloem.compiler.ast;

/** Infix operators, grouped by what they take and give. */
public enum BinaryOp {
  ADD("+", Group.ARITHMETIC), SUB("-", Group.ARITHMETIC), MUL("*", Group.ARITHMETIC),
  DIV("/", Group.ARITHMETIC), MOD("%", Group.ARITHMETIC), POW("^", Group.ARITHMETIC),
  LT("<", Group.COMPARISON), LE("<=", Group.COMPARISON), GT(">", Group.COMPARISON),
  GE(">=", Group.COMPARISON), EQ("==", Group.COMPARISON), NE("!=", Group.COMPARISON),
  AND("&&", Group.LOGICAL), OR("||", Group.LOGICAL);

  /** What an operator takes and gives. */
  public enum Group {
    /** numbers to a number */
    ARITHMETIC,
    /** numbers to true/false */
    COMPARISON,
    /** true/false to true/false */
    LOGICAL
  }

  private final String symbol;
  private final Group group;

  BinaryOp(String symbol, Group group) {
    this.symbol = symbol;
    this.group = group;
  }

  /** The operator as written. */
  public String symbol() {
    return symbol;
  }

  /** What it takes and gives. */
  public Group group() {
    return group;
  }
}

package org.phloem.compiler.ast;

/** Reductions over loop indices. */
public enum ReduceOp {
  SUM("sum"), MEAN("mean"), PROD("prod");

  private final String word;

  ReduceOp(String word) {
    this.word = word;
  }

  /** The keyword. */
  public String word() {
    return word;
  }
}

package org.phloem.compiler.check;

import java.util.HashMap;
import java.util.Map;

/** The built-in functions, with their arity and what they need of their arguments' units. */
public enum Builtin {
  EXP("exp", 1, UnitRule.DIMENSIONLESS),
  LOG("log", 1, UnitRule.DIMENSIONLESS),
  LOG10("log10", 1, UnitRule.DIMENSIONLESS),
  SQRT("sqrt", 1, UnitRule.SQRT),
  ABS("abs", 1, UnitRule.SAME),
  MIN("min", 2, UnitRule.SAME),
  MAX("max", 2, UnitRule.SAME),
  POW("pow", 2, UnitRule.POWER),
  TANH("tanh", 1, UnitRule.DIMENSIONLESS),
  SINH("sinh", 1, UnitRule.DIMENSIONLESS),
  COSH("cosh", 1, UnitRule.DIMENSIONLESS),
  SIN("sin", 1, UnitRule.DIMENSIONLESS),
  COS("cos", 1, UnitRule.DIMENSIONLESS),
  TAN("tan", 1, UnitRule.DIMENSIONLESS),
  ASIN("asin", 1, UnitRule.DIMENSIONLESS),
  ACOS("acos", 1, UnitRule.DIMENSIONLESS),
  ATAN("atan", 1, UnitRule.DIMENSIONLESS),
  ISMISSING("ismissing", 1, UnitRule.NONE);

  /** How a built-in treats units. */
  enum UnitRule {
    /** argument must be dimensionless; result is dimensionless */
    DIMENSIONLESS,
    /** arguments share one unit, which the result has */
    SAME,
    /** the result's unit is the square root of the argument's */
    SQRT,
    /** like '^' */
    POWER,
    /** result is true/false */
    NONE
  }

  private static final Map<String, Builtin> BY_NAME = new HashMap<>();

  static {
    for (Builtin b : values()) {
      BY_NAME.put(b.word, b);
    }
  }

  private final String word;
  private final int arity;
  private final UnitRule unitRule;

  Builtin(String word, int arity, UnitRule unitRule) {
    this.word = word;
    this.arity = arity;
    this.unitRule = unitRule;
  }

  /** The name as written in a model. */
  public String word() {
    return word;
  }

  /** The number of arguments. */
  public int arity() {
    return arity;
  }

  UnitRule unitRule() {
    return unitRule;
  }

  /** The built-in called {@code name}, or null. */
  public static Builtin named(String name) {
    return BY_NAME.get(name);
  }
}

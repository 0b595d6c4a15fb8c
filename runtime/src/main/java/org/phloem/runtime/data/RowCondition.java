package org.phloem.runtime.data;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The condition of {@code data t = "file.csv" where ...}: which rows of a table the model sees. Built by
 * the compiler from the model's expression; evaluated here row by row on the table's number columns.
 * Comparisons and logical operators give 1 (true) or 0 (false); a missing value makes a comparison
 * false, so a row with a blank year is never selected by {@code year >= 2005}.
 */
public sealed interface RowCondition extends java.io.Serializable {
  /** The value of this condition (or term) on one row, given the row's column values. */
  double eval(Row row);

  /** The columns this condition reads, in order of appearance. */
  default Set<String> columns() {
    Set<String> out = new LinkedHashSet<>();
    collect(out);
    return out;
  }

  /** Adds the columns read to {@code out}. */
  void collect(Set<String> out);

  /** The values of one row, by column name. */
  interface Row {
    double get(String column);
  }

  /** A column's value on the row. */
  record Column(String name) implements RowCondition {
    @Override
    public double eval(Row row) {
      return row.get(name);
    }

    @Override
    public void collect(Set<String> out) {
      out.add(name);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A number written in the condition. */
  record Number(double value, String text) implements RowCondition {
    @Override
    public double eval(Row row) {
      return value;
    }

    @Override
    public void collect(Set<String> out) {}

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code -e} or {@code !e}. */
  record Unary(String op, RowCondition operand) implements RowCondition {
    @Override
    public double eval(Row row) {
      double v = operand.eval(row);
      return op.equals("!") ? (v != 0 ? 0 : 1) : -v;
    }

    @Override
    public void collect(Set<String> out) {
      operand.collect(out);
    }

    @Override
    public String toString() {
      return op + operand;
    }
  }

  /** {@code a OP b} with OP one of + - * / % ^ < <= > >= == != && ||. */
  record Binary(String op, RowCondition left, RowCondition right) implements RowCondition {
    @Override
    public double eval(Row row) {
      if (op.equals("&&")) {
        return left.eval(row) != 0 && right.eval(row) != 0 ? 1 : 0;
      }
      if (op.equals("||")) {
        return left.eval(row) != 0 || right.eval(row) != 0 ? 1 : 0;
      }
      double a = left.eval(row);
      double b = right.eval(row);
      switch (op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return a / b;
        case "%": return a % b;
        case "^": return Math.pow(a, b);
        case "<": return a < b ? 1 : 0;
        case "<=": return a <= b ? 1 : 0;
        case ">": return a > b ? 1 : 0;
        case ">=": return a >= b ? 1 : 0;
        case "==": return a == b ? 1 : 0;
        case "!=": return !Double.isNaN(a) && !Double.isNaN(b) && a != b ? 1 : 0;
        default: throw new IllegalStateException("unknown operator in a row condition: " + op);
      }
    }

    @Override
    public void collect(Set<String> out) {
      left.collect(out);
      right.collect(out);
    }

    @Override
    public String toString() {
      return "(" + left + " " + op + " " + right + ")";
    }
  }
}

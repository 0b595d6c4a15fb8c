package org.phloem.compiler.diagnose;

import java.util.Locale;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.UnaryExpr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.source.Span;

/**
 * Explains index arithmetic that failed at run time: a sum, difference or product whose true value lies
 * outside int (the generated code computes it with {@code Math.addExact} and its kin, which throw where
 * Java's int arithmetic would wrap around to a wrong, possibly in-range, index), or a remainder by zero,
 * e.g.
 *
 * <pre>
 * The model's index arithmetic overflowed: a value left the integers an index can hold (-2147483648 to 2147483647):
 * ov.phl, line 10, column 38: '(i+65536)*65536' is 65537 * 65536 = 4295032832, at i = 1
 *      10 |   fit[i] = b1 * (1 - exp(-b2 * x[i + (i+65536)*65536 - i*65536]))
 *         |                                      ^^^^^^^^^^^^^^^
 * </pre>
 */
final class IntegerFaults {
  private IntegerFaults() {}

  /**
   * The explanation of {@code fault}, thrown by {@code operation} lowered from {@code source}, while the
   * loops that {@code atLoops} names were running (", at i = 1", or empty when none was).
   *
   * @return the text (a headline, then the place); null when the operation has no source in the model
   *     (then it is the compiler's own arithmetic, and the fault is Phloem's bug)
   */
  static String describe(IrInterpreter.IntegerFault fault, Expr source, String atLoops) {
    if (source == null) {
      return null;
    }
    IExpr.Bin op = fault.operation();
    long x = fault.left();
    long y = fault.right();
    String text = text(source);
    String what;
    String headline;
    if (op.op() == IExpr.IOp.MOD) {
      headline = "The model's index arithmetic took a remainder by zero:";
      what = String.format(Locale.ROOT, "'%s' is %d %% 0, which is undefined", text, x);
    } else {
      headline = String.format(Locale.ROOT,
          "The model's index arithmetic overflowed: a value left the integers an index can hold (%d to %d):",
          Integer.MIN_VALUE, Integer.MAX_VALUE);
      long value;
      String operands;
      if (source instanceof UnaryExpr) {
        value = -x;
        operands = "-(" + x + ")";
      } else {
        value = op.op() == IExpr.IOp.ADD ? x + y : op.op() == IExpr.IOp.SUB ? x - y : x * y;
        operands = x + " " + op.op().symbol() + " " + (y < 0 ? "(" + y + ")" : Long.toString(y));
      }
      what = String.format(Locale.ROOT, "'%s' is %s = %d", text, operands, value);
    }
    Span s = source.span();
    StringBuilder out = new StringBuilder(headline).append(System.lineSeparator());
    out.append(String.format(Locale.ROOT, "%s, line %d, column %d: %s%s", s.file().displayPath(), s.startLine(),
        s.startColumn(), what, atLoops));
    String line = s.file().line(s.startLine());
    out.append(String.format(Locale.ROOT, "%n  %5d | %s", s.startLine(), line));
    int end = s.endLine() == s.startLine() ? s.endColumn() : line.length();
    out.append(String.format(Locale.ROOT, "%n  %5s | %s%s", "", " ".repeat(Math.max(0, s.startColumn() - 1)),
        "^".repeat(Math.max(1, end - s.startColumn() + 1))));
    return out.toString();
  }

  /** The expression as written (its first line when it spans several). */
  private static String text(Expr e) {
    Span s = e.span();
    String line = s.file().line(s.startLine());
    int end = s.endLine() == s.startLine() ? Math.min(line.length(), s.endColumn()) : line.length();
    return line.substring(Math.max(0, s.startColumn() - 1), end);
  }
}

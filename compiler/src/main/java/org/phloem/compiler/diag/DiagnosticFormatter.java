package org.phloem.compiler.diag;

import java.util.List;
import org.phloem.compiler.source.Span;

/**
 * Renders diagnostics in the Stan style: a header naming file, line and columns, the line quoted with a
 * gutter, carets under the offending part, then the message. Blocks are separated by a blank line and
 * followed by a count line.
 *
 * <pre>
 * Error in 'models/dalec/dalec.phl', line 31, column 29 to column 31:
 *    31 |   cf = cf + af * gpp - lf * cff
 *       |                             ^^^
 * Unknown name 'cff'. Did you mean 'cf'?
 * </pre>
 */
public final class DiagnosticFormatter {
  private DiagnosticFormatter() {}

  /** All blocks and the count line, ending in a newline. */
  public static String format(List<Diagnostic> diagnostics, boolean truncated) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(formatOne(d)).append('\n');
    }
    int n = diagnostics.size();
    out.append(n == 1 ? "1 error" : n + " errors");
    out.append(truncated ? " shown; stopped counting at the limit.\n" : ".\n");
    return out.toString();
  }

  /** One block: header, quoted line, carets, message; each line ends in a newline. */
  public static String formatOne(Diagnostic d) {
    Span s = d.span();
    StringBuilder out = new StringBuilder();
    out.append("Error in '").append(s.file().displayPath()).append("', ").append(where(s)).append(":\n");
    String number = Integer.toString(s.startLine());
    // A tab would shift the carets against the quoted text; one column stays one column.
    String text = s.file().line(s.startLine()).replace('\t', ' ');
    int lastColumn = s.endLine() == s.startLine()
        ? s.endColumn()
        : Math.max(s.startColumn(), text.length());
    out.append("   ").append(number).append(" | ").append(text).append('\n');
    out.append("   ").append(" ".repeat(number.length())).append(" | ")
        .append(" ".repeat(s.startColumn() - 1))
        .append("^".repeat(lastColumn - s.startColumn() + 1)).append('\n');
    out.append(d.fullMessage()).append('\n');
    return out.toString();
  }

  private static String where(Span s) {
    if (s.startLine() != s.endLine()) {
      return "line " + s.startLine() + ", column " + s.startColumn()
          + " to line " + s.endLine() + ", column " + s.endColumn();
    }
    if (s.startColumn() == s.endColumn()) {
      return "line " + s.startLine() + ", column " + s.startColumn();
    }
    return "line " + s.startLine() + ", column " + s.startColumn() + " to column " + s.endColumn();
  }
}

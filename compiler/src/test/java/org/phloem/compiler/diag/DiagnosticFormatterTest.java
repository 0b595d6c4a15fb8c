package org.phloem.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.source.SourceFile;
import org.phloem.compiler.source.Span;

/** The error block, character for character as the language spec shows it. */
class DiagnosticFormatterTest {
  private static SourceFile fileWithLine31(String line) {
    return new SourceFile("models/dalec/dalec.phl", "\n".repeat(30) + line + "\n", null);
  }

  @Test
  void formatOne_multiColumnSpan_matchesTheSpecExample() {
    SourceFile f = fileWithLine31("  cf = cf + af * gpp - lf * cff");
    Diagnostic d = Diagnostic.of(ErrorKind.UNKNOWN_NAME, Span.of(f, 31, 29, 31), "cff")
        .withHint("Did you mean 'cf'?");
    assertEquals("Error in 'models/dalec/dalec.phl', line 31, column 29 to column 31:\n"
        + "   31 |   cf = cf + af * gpp - lf * cff\n"
        + "      |                             ^^^\n"
        + "Unknown name 'cff'. Did you mean 'cf'?\n", DiagnosticFormatter.formatOne(d));
  }

  @Test
  void formatOne_singleColumnAndMultiLine_nameTheirPositions() {
    SourceFile f = new SourceFile("m.phl", "a\n\tb = c\nd\n", null);
    Diagnostic one = Diagnostic.of(ErrorKind.UNEXPECTED_CHARACTER, Span.of(f, 2, 2, 2), "b");
    assertEquals("Error in 'm.phl', line 2, column 2:\n"
        + "   2 |  b = c\n"
        + "     |  ^\n"
        + "Unexpected character 'b'.\n", DiagnosticFormatter.formatOne(one));
    Diagnostic multi = Diagnostic.of(ErrorKind.SYNTAX, new Span(f, 2, 2, 3, 1), "Spans lines.");
    assertEquals("Error in 'm.phl', line 2, column 2 to line 3, column 1:\n"
        + "   2 |  b = c\n"
        + "     |  ^^^^^\n"
        + "Spans lines.\n", DiagnosticFormatter.formatOne(multi));
  }

  @Test
  void format_severalErrors_blocksThenCount() {
    SourceFile f = new SourceFile("m.phl", "x\n", null);
    Diagnostic d = Diagnostic.of(ErrorKind.MISSING_MODEL, Span.of(f, 1, 1, 1));
    String block = DiagnosticFormatter.formatOne(d);
    assertEquals(block + "\n" + block + "\n2 errors.\n", DiagnosticFormatter.format(List.of(d, d), false));
    assertEquals(block + "\n1 error.\n", new CompileException(List.of(d), false).getMessage());
  }

  @Test
  void collector_atLimit_keepsTheFirstAndSaysSo() {
    SourceFile f = new SourceFile("m.phl", "x y z\n", null);
    Diagnostics c = new Diagnostics(2);
    c.error(ErrorKind.UNKNOWN_NAME, Span.of(f, 1, 5, 5), "z");
    c.error(ErrorKind.UNKNOWN_NAME, Span.of(f, 1, 1, 1), "x");
    c.error(ErrorKind.UNKNOWN_NAME, Span.of(f, 1, 3, 3), "y");
    List<Diagnostic> kept = c.sorted();
    assertEquals(List.of("Unknown name 'x'.", "Unknown name 'z'."),
        kept.stream().map(Diagnostic::message).toList());
    CompileException e = org.junit.jupiter.api.Assertions.assertThrows(CompileException.class,
        c::throwIfErrors);
    assertEquals(true, e.getMessage().endsWith("2 errors shown; stopped counting at the limit.\n"));
  }
}

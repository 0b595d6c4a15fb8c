package org.phloem.compiler.lower;

import org.phloem.compiler.source.Span;

/** The text a span covers, for labels ("nee[d]"); the first line only when it spans several. */
final class SourceText {
  private SourceText() {}

  static String of(Span span) {
    String line = span.file().line(span.startLine());
    int from = Math.max(0, Math.min(line.length(), span.startColumn() - 1));
    int to = span.endLine() == span.startLine() ? Math.min(line.length(), Math.max(from, span.endColumn())) : line.length();
    return line.substring(from, to).trim();
  }
}

package org.phloem.compiler.source;

import java.util.Objects;

/**
 * A stretch of a source file, inclusive at both ends. Lines and columns are 1-based; a column counts
 * characters, so a tab is one column.
 *
 * @param file the file the span lies in
 * @param startLine first line
 * @param startColumn column of the first character
 * @param endLine last line
 * @param endColumn column of the last character
 */
public record Span(SourceFile file, int startLine, int startColumn, int endLine, int endColumn) {
  public Span {
    Objects.requireNonNull(file);
    if (startLine < 1 || startColumn < 1 || endLine < startLine
        || (endLine == startLine && endColumn < startColumn)) {
      throw new IllegalArgumentException(
          "bad span " + startLine + ":" + startColumn + "-" + endLine + ":" + endColumn);
    }
  }

  /** A span of one line from {@code startColumn} to {@code endColumn}. */
  public static Span of(SourceFile file, int line, int startColumn, int endColumn) {
    return new Span(file, line, startColumn, line, endColumn);
  }

  /** The smallest span covering both (which must lie in the same file). */
  public Span to(Span other) {
    if (other.file != file) {
      throw new IllegalArgumentException("spans in different files");
    }
    boolean thisFirst = startLine < other.startLine
        || (startLine == other.startLine && startColumn <= other.startColumn);
    boolean thisLast = endLine > other.endLine
        || (endLine == other.endLine && endColumn >= other.endColumn);
    Span a = thisFirst ? this : other;
    Span b = thisLast ? this : other;
    return new Span(file, a.startLine, a.startColumn, b.endLine, b.endColumn);
  }

  /** True when the span starts before {@code other} (file order is not compared). */
  public boolean startsBefore(Span other) {
    return startLine < other.startLine
        || (startLine == other.startLine && startColumn < other.startColumn);
  }

  @Override
  public String toString() {
    return file.displayPath() + ":" + startLine + ":" + startColumn;
  }
}

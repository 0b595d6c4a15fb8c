package org.phloem.compiler.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The text of one model file and the name it is shown under in messages.
 *
 * <p>Two instances are equal only when they are the same object: a file read twice is two sources.
 */
public final class SourceFile {
  private final String displayPath;
  private final String text;
  private final Path location;
  private final List<String> lines;

  /**
   * @param displayPath the path shown in messages, with '/' separators (e.g. {@code models/dalec.phl})
   * @param text the whole file
   * @param location where the file lives on disk, or null for text that did not come from a file
   */
  public SourceFile(String displayPath, String text, Path location) {
    this.displayPath = Objects.requireNonNull(displayPath);
    this.text = Objects.requireNonNull(text);
    this.location = location;
    this.lines = splitLines(text);
  }

  private static List<String> splitLines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return List.copyOf(out);
  }

  /** The path shown in messages. */
  public String displayPath() {
    return displayPath;
  }

  /** The whole text. */
  public String text() {
    return text;
  }

  /** Where the file lives on disk, or null when the text was given directly. */
  public Path location() {
    return location;
  }

  /** The number of lines (a final line without a newline counts; an empty file has one empty line). */
  public int lineCount() {
    return lines.size();
  }

  /**
   * The text of a line without its line break.
   *
   * @param line 1-based; lines past the end give the empty string
   */
  public String line(int line) {
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }

  @Override
  public String toString() {
    return displayPath;
  }
}

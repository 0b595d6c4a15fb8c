package org.phloem.runtime.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records: comma-separated fields, optional double quotes (a doubled quote inside
 * is one quote, and quoted fields may hold commas and line breaks), LF, CRLF or CR line ends. Unquoted
 * fields are trimmed of surrounding spaces. Tracks the line each record starts on, for messages.
 */
final class CsvRecordReader implements Closeable {
  /** A record that could not be split: an unterminated quote or text after a closing quote. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    SyntaxError(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  private static final int EOF = -1;
  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int pos;
  private int len;
  private int line = 1;
  private int recordLine;
  private boolean first = true;
  private final StringBuilder field = new StringBuilder();

  CsvRecordReader(Reader in) {
    this.in = in;
  }

  /** The line the last record returned by {@link #next()} started on (1-based). */
  int recordLine() {
    return recordLine;
  }

  private int read() throws IOException {
    if (pos == len) {
      len = in.read(buffer, 0, buffer.length);
      pos = 0;
      if (len <= 0) {
        len = 0;
        return EOF;
      }
    }
    return buffer[pos++];
  }

  private int peek() throws IOException {
    int c = read();
    if (c != EOF) {
      pos--;
    }
    return c;
  }

  /** Consumes a line end starting with {@code c} (CR, LF or CRLF). */
  private void endLine(int c) throws IOException {
    if (c == '\r' && peek() == '\n') {
      read();
    }
    line++;
  }

  /**
   * The next record's fields, an empty array for an empty line, or null at the end of the text.
   *
   * @throws SyntaxError when a quoted field is malformed; the rest of that record is skipped
   */
  String[] next() throws IOException, SyntaxError {
    int c = read();
    if (first) {
      first = false;
      if (c == '\uFEFF') {
        c = read();
      }
    }
    if (c == EOF) {
      return null;
    }
    recordLine = line;
    if (c == '\n' || c == '\r') {
      endLine(c);
      return new String[0];
    }
    List<String> fields = new ArrayList<>();
    while (true) {
      field.setLength(0);
      if (c == '"') {
        c = readQuoted();
      } else {
        while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
          field.append((char) c);
          c = read();
        }
        fields.add(field.toString().strip());
        if (c == ',') {
          c = read();
          continue;
        }
        if (c != EOF) {
          endLine(c);
        }
        return fields.toArray(new String[0]);
      }
      fields.add(field.toString());
      if (c == ',') {
        c = read();
        continue;
      }
      if (c != EOF) {
        endLine(c);
      }
      return fields.toArray(new String[0]);
    }
  }

  /** Reads a quoted field into {@code field}; returns the character after it (comma, line end or EOF). */
  private int readQuoted() throws IOException, SyntaxError {
    int startLine = line;
    while (true) {
      int c = read();
      if (c == EOF) {
        throw new SyntaxError(startLine, "a quoted field opened here is never closed (missing '\"')");
      }
      if (c == '"') {
        if (peek() == '"') {
          read();
          field.append('"');
          continue;
        }
        int after = read();
        while (after == ' ' || after == '\t') {
          after = read();
        }
        if (after != ',' && after != '\n' && after != '\r' && after != EOF) {
          int bad = line;
          skipRestOfLine(after);
          throw new SyntaxError(bad, "unexpected text after a closing quote; a quote inside a quoted field is written \"\"");
        }
        return after;
      }
      if (c == '\n' || c == '\r') {
        endLine(c);
        field.append('\n');
        continue;
      }
      field.append((char) c);
    }
  }

  private void skipRestOfLine(int c) throws IOException {
    while (c != '\n' && c != '\r' && c != EOF) {
      c = read();
    }
    if (c != EOF) {
      endLine(c);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

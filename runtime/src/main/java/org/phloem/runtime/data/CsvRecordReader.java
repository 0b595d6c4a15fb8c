package org.phloem.runtime.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

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
  /** {@link #nextRecord()} at the end of the text. */
  static final int END = -1;
  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int pos;
  private int len;
  private int line = 1;
  private int recordLine;
  private boolean first = true;
  /** The current record's field characters, one field after the other; fields are ranges of it. */
  private char[] text = new char[256];
  private int textLength;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int fields;

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
   * The next record's fields as Strings, an empty array for an empty line, or null at the end of the
   * text (for the header; data rows are read with {@link #nextRecord()} without a String per field).
   *
   * @throws SyntaxError when a quoted field is malformed; the rest of that record is skipped
   */
  String[] next() throws IOException, SyntaxError {
    int n = nextRecord();
    if (n == END) {
      return null;
    }
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = field(i);
    }
    return out;
  }

  /**
   * Reads the next record: its fields are then {@link #chars()} from {@link #start(int)} to
   * {@link #end(int)}.
   *
   * @return the number of fields, 0 for an empty line, {@link #END} at the end of the text
   * @throws SyntaxError when a quoted field is malformed; the rest of that record is skipped
   */
  int nextRecord() throws IOException, SyntaxError {
    int c = read();
    if (first) {
      first = false;
      if (c == '\uFEFF') {
        c = read();
      }
    }
    fields = 0;
    textLength = 0;
    if (c == EOF) {
      return END;
    }
    recordLine = line;
    if (c == '\n' || c == '\r') {
      endLine(c);
      return 0;
    }
    while (true) {
      int start = textLength;
      if (c == '"') {
        c = readQuoted();
        addField(start, textLength);
      } else {
        while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
          append((char) c);
          // the rest of the field that is in the buffer, found and copied in one go
          int p = pos;
          while (p < len) {
            char ch = buffer[p];
            if (ch == ',' || ch == '\n' || ch == '\r') {
              break;
            }
            p++;
          }
          appendRange(pos, p);
          pos = p;
          c = read();
        }
        // unquoted fields are trimmed of surrounding white space
        int from = start;
        int to = textLength;
        while (from < to && Character.isWhitespace(text[from])) {
          from++;
        }
        while (to > from && Character.isWhitespace(text[to - 1])) {
          to--;
        }
        addField(from, to);
      }
      if (c == ',') {
        c = read();
        continue;
      }
      if (c != EOF) {
        endLine(c);
      }
      return fields;
    }
  }

  /** The characters the current record's fields are ranges of (valid until the next read). */
  char[] chars() {
    return text;
  }

  int start(int field) {
    return starts[field];
  }

  int end(int field) {
    return ends[field];
  }

  /** Field {@code i} of the current record as a String. */
  String field(int i) {
    return new String(text, starts[i], ends[i] - starts[i]);
  }

  private void append(char c) {
    if (textLength == text.length) {
      text = Arrays.copyOf(text, text.length * 2);
    }
    text[textLength++] = c;
  }

  /** Appends buffer[from, to). */
  private void appendRange(int from, int to) {
    int n = to - from;
    if (textLength + n > text.length) {
      text = Arrays.copyOf(text, Math.max(2 * text.length, textLength + n));
    }
    System.arraycopy(buffer, from, text, textLength, n);
    textLength += n;
  }

  private void addField(int from, int to) {
    if (fields == starts.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      ends = Arrays.copyOf(ends, fields * 2);
    }
    starts[fields] = from;
    ends[fields] = to;
    fields++;
  }

  /** Reads a quoted field into the record's text; returns the character after it (comma, line end or EOF). */
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
          append('"');
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
        append('\n');
        continue;
      }
      append((char) c);
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

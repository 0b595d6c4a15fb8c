package org.phloem.runtime.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a whole text file a user named (a model, a parameter file, a saved fit state) after checking
 * what can be checked before reading: that it is a regular file (not a folder, not a device such as
 * {@code /dev/zero}, which would never end) and that its size is below a limit, so that a wrong path
 * gives a sentence instead of filling the memory. Invalid UTF-8 is reported with its line.
 */
public final class TextFile {
  /** The largest model file (or included file) read: far beyond any hand-written model. */
  public static final long MAX_MODEL_BYTES = 16L << 20;
  /** The largest parameter or state file read. */
  public static final long MAX_SETTINGS_BYTES = 64L << 20;

  private TextFile() {}

  /** Why a file was not read, in words (the message is the whole sentence after the file's name). */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    private final int line;

    Refused(String message) {
      this(message, 0);
    }

    Refused(String message, int line) {
      super(message);
      this.line = line;
    }

    /** The line of the invalid UTF-8, or 0 when the refusal is about the whole file. */
    public int line() {
      return line;
    }
  }

  /**
   * The text of {@code file}.
   *
   * @param what what the file should be, for messages ("model file", "parameter file")
   * @throws Refused when it is not a regular file, is larger than {@code maxBytes} or is not UTF-8
   * @throws IOException when it cannot be read (missing, no permission)
   */
  public static String read(Path file, long maxBytes, String what) throws IOException {
    refuseUnlessRegular(file, what);
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new Refused(String.format(Locale.ROOT, "it is %s; a %s is at most %s", bytes(size), what,
          bytes(maxBytes)));
    }
    return decode(Files.readAllBytes(file));
  }

  /** Refuses a folder or a device (or a pipe) given where a regular file is expected. */
  public static void refuseUnlessRegular(Path file, String what) throws IOException {
    if (Files.isDirectory(file)) {
      throw new Refused("it is a folder, not a " + what);
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new Refused("it is a device or special file, not a " + what);
    }
  }

  /** {@code bytes} as UTF-8; a malformed sequence is reported with its line and column. */
  public static String decode(byte[] bytes) throws Refused {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      int line = lineOf(bytes, at);
      throw new Refused("line " + line + " is not valid UTF-8 (byte 0x"
          + String.format(Locale.ROOT, "%02X", bytes[at] & 0xff) + " at byte offset " + at
          + "); save the file as UTF-8 text", line);
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * The line of the first byte in {@code file} that is not valid UTF-8, read in blocks (a table may be
   * large); 0 when the whole file is valid. Used to position a decoding error a buffered reader met
   * somewhere ahead of the line it had reached.
   */
  public static int firstInvalidUtf8Line(Path file) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    int line = 1;
    try (java.io.InputStream stream = Files.newInputStream(file)) {
      boolean end = false;
      while (true) {
        int n = end ? -1 : stream.read(in.array(), in.position(), in.remaining());
        if (n < 0) {
          end = true;
        } else {
          in.position(in.position() + n);
        }
        in.flip();
        CoderResult r = decoder.decode(in, out, end);
        out.flip();
        while (out.hasRemaining()) {
          if (out.get() == '\n') {
            line++;
          }
        }
        out.clear();
        if (r.isError()) {
          return line;
        }
        in.compact();
        if (end && !r.isOverflow()) {
          return 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String bytes(long n) {
    if (n >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
    }
    if (n >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", n / (double) (1L << 20));
    }
    return n + " bytes";
  }
}

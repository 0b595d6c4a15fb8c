package org.phloem.runtime.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old file or the complete new one: the bytes go to a
 * temporary file in the same folder (same file system, so the move is a rename), which then replaces
 * the target atomically where the file system allows, else with a plain replacing move.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes a text file's content, streaming, into the writer it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes {@code bytes} to {@code target}, creating its folder if needed. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, tmp -> Files.write(tmp, bytes));
  }

  /**
   * Writes the text {@code content} produces to {@code target} as UTF-8 through a large buffer, so a
   * long table goes to disk as it is formatted instead of as one String first.
   */
  public static void stream(Path target, Content content) throws IOException {
    write(target, tmp -> {
      try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
        content.writeTo(out);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    });
  }

  private interface TempWriter {
    void write(Path tmp) throws IOException;
  }

  private static void write(Path target, TempWriter writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      writer.write(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code text} as UTF-8. */
  public static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }
}

package org.phloem.runtime.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old file or the complete new one: the bytes go to a
 * temporary file in the same folder (same file system, so the move is a rename), which then replaces
 * the target atomically where the file system allows, else with a plain replacing move. The bytes are
 * synced to the disk before the rename, and the folder after it.
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
    write(target, out -> {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    });
  }

  /**
   * Writes the text {@code content} produces to {@code target} as UTF-8 through a large buffer, so a
   * long table goes to disk as it is formatted instead of as one String first.
   */
  public static void stream(Path target, Content content) throws IOException {
    write(target, channel -> {
      // not closed here: closing the writer would close the channel before it is synced
      Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8), 1 << 16);
      try {
        content.writeTo(out);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      out.flush();
    });
  }

  private interface ChannelWriter {
    void write(FileChannel out) throws IOException;
  }

  private static void write(Path target, ChannelWriter writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        writer.write(out);
        out.force(true); // on the disk before the rename makes it the file: a crash leaves old or new, never empty
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncFolder(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Makes the rename itself durable; a file system that cannot sync a folder (some do not) is left as is. */
  private static void syncFolder(Path dir) {
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException | RuntimeException e) {
      // not supported here (e.g. Windows): the file's own bytes are synced already
    }
  }

  /**
   * Removes the temporary files a write killed half-way left in {@code dir} (named {@code .NAME...tmp});
   * the caller must own the folder (no other run writing in it), see the command line's folder lock.
   *
   * @return how many were removed
   */
  public static int removeLeftovers(Path dir) {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path f : files) {
        if (Files.isRegularFile(f) && Files.deleteIfExists(f)) {
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // nothing removed: leftovers are harmless, only untidy
    }
    return removed;
  }

  /** Writes {@code text} as UTF-8. */
  public static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }
}

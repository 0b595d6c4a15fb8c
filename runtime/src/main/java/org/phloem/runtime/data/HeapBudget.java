package org.phloem.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a table fits in the Java heap, judged from its size before it is read, and the message that
 * says so when it does not: a table too large for the heap ends in a clear problem naming the file,
 * the heap and how to raise it, never in an OutOfMemoryError.
 */
final class HeapBudget {
  private HeapBudget() {}

  /** Bytes sampled from the start of a file to estimate its number of rows. */
  private static final int SAMPLE = 1 << 16;
  /**
   * Bytes of heap per value read, per byte of a row's cell: the column arrays grow by doubling (old and
   * new array alive at once) and binding copies each column into its input, so about three doubles.
   */
  static final int BYTES_PER_NUMBER = 3 * Double.BYTES;
  static final int BYTES_PER_LABEL = 3 * Integer.BYTES;

  /** How to give the JVM more heap, for messages. */
  static final String HOW_TO_RAISE = "Give Phloem a larger heap: with the launcher, e.g. PHLOEM_JAVA_OPTS=\"-Xss16m -Xmx8g\" "
      + "./phloem ...; with java itself, -Xmx8g.";

  /** The estimated number of data rows of {@code file}: its size over the mean length of its first lines. */
  static long estimatedRows(Path file) throws IOException {
    long size = Files.size(file);
    byte[] head = new byte[SAMPLE];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, SAMPLE);
    }
    int lines = 0;
    for (int i = 0; i < n; i++) {
      if (head[i] == '\n') {
        lines++;
      }
    }
    if (lines == 0) {
      return 1;
    }
    return Math.max(1, size * lines / Math.max(1, n) - 1);
  }

  /** The heap the JVM can still give: its maximum less what is in use now. */
  static long availableHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * Null when reading {@code rows} rows of {@code numbers} number columns and {@code labels} label columns
   * fits in {@code available} bytes of heap; otherwise the problem's message.
   */
  static String refusal(String display, long fileBytes, long rows, int numbers, int labels, long available, long maxHeap) {
    long need = rows * (numbers * (long) BYTES_PER_NUMBER + labels * (long) BYTES_PER_LABEL);
    if (need <= available) {
      return null;
    }
    return String.format(Locale.ROOT, "the table is too large for the Java heap: %s, about %,d rows, needs about %s for the %d column(s) "
        + "the model reads, and the heap has %s free of its maximum %s. %s", mb(fileBytes), rows, mb(need), numbers + labels,
        mb(Math.max(0, available)), mb(maxHeap), HOW_TO_RAISE);
  }

  /** The message for a table whose reading ran out of heap all the same. */
  static String outOfMemory(long rowsRead, long maxHeap) {
    return String.format(Locale.ROOT, "the Java heap (maximum %s) ran out while reading this table, after %,d rows. %s",
        mb(maxHeap), rowsRead, HOW_TO_RAISE);
  }

  private static String mb(long bytes) {
    double mb = bytes / (double) (1 << 20);
    return bytes >= 10L << 30 ? String.format(Locale.ROOT, "%.0f GB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, mb < 10 ? "%.1f MB" : "%.0f MB", mb);
  }
}

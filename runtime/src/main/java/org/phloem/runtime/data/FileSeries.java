package org.phloem.runtime.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a {@code data} path with one integer range, {@code "malta/transport2D_{1980..2003}.nc"}:
 * one file per integer, in increasing order. A path without a range is one file.
 */
public final class FileSeries {
  /** {first..last}, integers, possibly negative. */
  static final Pattern RANGE = Pattern.compile("\\{(-?\\d{1,9})\\.\\.(-?\\d{1,9})\\}");
  /** More files than this in one series is surely a typo in the range. */
  static final int MAX_FILES = 100_000;

  private FileSeries() {}

  /** True when the path holds a {first..last} range. */
  public static boolean isSeries(String path) {
    return RANGE.matcher(path).find();
  }

  /**
   * The paths of the series, in order.
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong with the range
   */
  static List<String> expand(String path) {
    Matcher m = RANGE.matcher(path);
    if (!m.find()) {
      if (path.contains("{") || path.contains("}")) {
        throw new IllegalArgumentException("the path has a '{' or '}' but no range of the form {1980..2003}");
      }
      return List.of(path);
    }
    int first = Integer.parseInt(m.group(1));
    int last = Integer.parseInt(m.group(2));
    String before = path.substring(0, m.start());
    String after = path.substring(m.end());
    if (RANGE.matcher(after).find()) {
      throw new IllegalArgumentException("the path has two ranges; a series has one, e.g. {1980..2003}");
    }
    if (last < first) {
      throw new IllegalArgumentException("the range {" + first + ".." + last + "} is empty: the first number must "
          + "not exceed the last");
    }
    if ((long) last - first + 1 > MAX_FILES) {
      throw new IllegalArgumentException("the range {" + first + ".." + last + "} names more than " + MAX_FILES
          + " files");
    }
    // Keep zero padding as written: {01..12} gives 01, 02, ..., 12.
    int width = m.group(1).startsWith("0") && m.group(1).length() > 1 ? m.group(1).length() : 0;
    List<String> out = new ArrayList<>();
    for (int i = first; i <= last; i++) {
      String n = width > 0 ? String.format("%0" + width + "d", i) : Integer.toString(i);
      out.add(before + n + after);
    }
    return out;
  }
}

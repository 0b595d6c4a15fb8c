package org.phloem.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CSV file that Phloem wrote, read back column by column (header name → cells as text), for tests. */
public final class CsvColumns {
  private CsvColumns() {}

  /** The columns of {@code csv} in header order; a short row's missing cells read as "". */
  public static Map<String, List<String>> read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).split(",", -1);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String h : header) {
      out.put(h, new ArrayList<>());
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      for (int c = 0; c < header.length; c++) {
        out.get(header[c]).add(c < cells.length ? cells[c] : "");
      }
    }
    return out;
  }
}

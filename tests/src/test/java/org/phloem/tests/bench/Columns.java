package org.phloem.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.phloem.tests.support.Repo;

/**
 * A tidy CSV read by hand into columns, for the hand-written baselines (which must not share Phloem's
 * data binding). Blank cells read as NaN.
 */
final class Columns {
  private final List<String> header;
  private final double[][] columns;

  private Columns(List<String> header, double[][] columns) {
    this.header = header;
    this.columns = columns;
  }

  /** Reads {@code relative} (e.g. "dalec_oregon/drivers.csv") under the tidy data root. */
  static Columns read(String relative) throws IOException {
    Path file;
    try {
      file = Repo.dataRoot(Repo.model("dalec/dalec.phl")).resolve(relative);
    } catch (Exception e) {
      throw new IOException("cannot locate the data root", e);
    }
    List<String> lines = Files.readAllLines(file);
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    double[][] columns = new double[header.size()][lines.size() - 1];
    for (int row = 1; row < lines.size(); row++) {
      String[] cells = lines.get(row).split(",", -1);
      for (int c = 0; c < header.size(); c++) {
        columns[c][row - 1] = c < cells.length && !cells[c].isBlank() ? Double.parseDouble(cells[c]) : Double.NaN;
      }
    }
    return new Columns(header, columns);
  }

  /** The column named {@code name}. */
  double[] get(String name) {
    int c = header.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + header);
    }
    return columns[c];
  }
}

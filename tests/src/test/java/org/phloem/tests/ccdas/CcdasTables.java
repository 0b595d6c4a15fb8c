package org.phloem.tests.ccdas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.phloem.tests.support.Repo;

/** Reading the small tables of models/ccdas (data/ccdas/*.csv) in the tests and the study. */
final class CcdasTables {
  private CcdasTables() {}

  static Path data(String relative) {
    return Repo.root().resolve("data").resolve(relative);
  }

  /** Rows of a CSV table without its header, split on commas. */
  static List<String[]> rows(String relative) {
    try {
      List<String> lines = Files.readAllLines(data(relative));
      return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bands (0 = 90S-80S) with vegetation in ccdas/pft_area_by_band.csv. */
  static boolean[] vegetatedBands(int bands) {
    boolean[] out = new boolean[bands];
    for (String[] r : rows("ccdas/pft_area_by_band.csv")) {
      if (Double.parseDouble(r[2]) > 0) {
        out[Integer.parseInt(r[0])] = true;
      }
    }
    return out;
  }
}

package org.phloem.tests.bethy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The columns of the FI-Hyy daily table the tests read directly (an independent path to the data). */
record ForcingTable(int[] year, double[] doy, double[] par, double[] tair, double[] co2, double[] nee,
    double[] neeGapfill) {

  static ForcingTable read(Path dataRoot) throws Exception {
    List<String> lines = Files.readAllLines(dataRoot.resolve(BethySite.TABLE));
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int n = lines.size() - 1;
    double[][] cols = new double[7][n];
    String[] names = {"year", "doy", "par", "tair", "co2", "nee", "nee_gapfill_fraction"};
    for (int r = 0; r < n; r++) {
      String[] cells = lines.get(r + 1).split(",", -1);
      for (int c = 0; c < names.length; c++) {
        cols[c][r] = Double.parseDouble(cells[header.indexOf(names[c])]);
      }
    }
    int[] year = Arrays.stream(cols[0]).mapToInt(v -> (int) v).toArray();
    return new ForcingTable(year, cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]);
  }

  int size() {
    return year.length;
  }
}

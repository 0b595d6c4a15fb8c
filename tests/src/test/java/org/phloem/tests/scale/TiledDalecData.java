package org.phloem.tests.scale;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.phloem.tests.support.Repo;

/**
 * A data root holding the Metolius (Oregon) DALEC drivers and observations repeated back to back, so a
 * run covers {@code repeats} × 3 years (1,096 days each): the {@code day} column is renumbered to run on,
 * and the year column shifted by 3 per repeat. Written into a scratch folder; the repository's data are only
 * read.
 */
final class TiledDalecData {
  /** Days in one pass of the Oregon record. */
  static final int DAYS = 1096;

  private TiledDalecData() {}

  /** Writes {@code dalec_oregon/drivers.csv} and {@code observations.csv} under {@code root}, tiled. */
  static Path write(Path root, int repeats) throws Exception {
    Path source = Repo.dataRoot(Repo.model("dalec/oregon.phl")).resolve("dalec_oregon");
    Path target = Files.createDirectories(root.resolve("dalec_oregon"));
    tile(source.resolve("drivers.csv"), target.resolve("drivers.csv"), repeats, true);
    tile(source.resolve("observations.csv"), target.resolve("observations.csv"), repeats, false);
    return root;
  }

  private static void tile(Path from, Path to, int repeats, boolean hasYear) throws IOException {
    List<String> lines = Files.readAllLines(from);
    List<String> header = List.of(lines.get(0).split(",", -1));
    int dayColumn = header.indexOf("day");
    int yearColumn = hasYear ? header.indexOf("year") : -1;
    try (Writer w = Files.newBufferedWriter(to)) {
      w.write(lines.get(0));
      w.write('\n');
      int day = 0;
      for (int r = 0; r < repeats; r++) {
        for (int k = 1; k < lines.size(); k++) {
          String[] cells = lines.get(k).split(",", -1);
          cells[dayColumn] = Integer.toString(++day);
          if (yearColumn >= 0) {
            cells[yearColumn] = Integer.toString(Integer.parseInt(cells[yearColumn]) + 3 * r);
          }
          w.write(String.join(",", cells));
          w.write('\n');
        }
      }
    }
  }
}

package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/**
 * models/nist/README.md's "Running one" commands as a user types them (issue 10: the README gave start 2
 * with {@code --params}, which {@code fit} rejects). The start file is made as the README's awk line makes
 * it: the header {@code name,value}, then column 2 (parameter) and column 4 (start 2) of Misra1a's rows of
 * data/nist/certified.csv.
 */
class NistReadmeCommandsTest {

  @TempDir Path dir;

  @Test
  void start2_asTheReadmeSays_fitsAndConverges() throws Exception {
    String readme = Files.readString(Repo.root().resolve("models/nist/README.md"));
    assertTrue(readme.contains("./phloem fit models/nist/misra1a.phl --start misra1a-start2.csv"), "the README's command");
    assertTrue(readme.contains("awk -F, -v p=Misra1a 'NR == 1 { print \"name,value\" } $1 == p { print $2 \",\" $4 }'"), "the README's awk line");
    List<String> start = new ArrayList<>(List.of("name,value"));
    for (String line : Files.readAllLines(Repo.root().resolve("data/nist/certified.csv"))) {
      String[] f = line.split(",", -1);
      if (f[0].equals("Misra1a")) {
        start.add(f[1] + "," + f[3]);
      }
    }
    assertEquals(3, start.size(), "b1 and b2");
    Path file = Files.write(dir.resolve("misra1a-start2.csv"), start);
    Captured fit = Captured.run("fit", Repo.root().resolve("models/nist/misra1a.phl").toString(), "--start", file.toString(), "--no-plots",
        "--out", dir.resolve("out").toString());
    assertEquals(0, fit.exit(), fit.all());
    assertTrue(fit.out().contains("Fit of misra1a (lm+newton): CONVERGED"), fit.all());
    assertTrue(fit.out().contains("(a) projected gradient") && fit.out().contains("(b) Newton decrement") && fit.out().contains("(c) Hessian"),
        fit.all());
    Captured run = Captured.run("run", Repo.root().resolve("models/nist/misra1a.phl").toString(), "--params", file.toString(), "--out",
        dir.resolve("run").toString());
    assertEquals(0, run.exit(), run.all());
  }
}
